import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { conditionFields } from '../shared/alerts/crossingConditionFields';
import { pollCrossings } from '../shared/alerts/crossingPoll';
import { authenticationParameter, threadsCredentials } from '../Threads/shared/credentials';
import { searchMyThreads } from '../Threads/shared/listSearch';
import { watchFields } from './descriptions/watch';
import { threadsWatch } from './observe';

export class ThreadsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Threads Trigger',
		name: 'threadsTrigger',
		icon: { light: 'file:../../icons/threads.svg', dark: 'file:../../icons/threads.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["watch"] + ": " + $parameter["condition"] }}',
		description: 'Starts the workflow when a Threads metric crosses a threshold',
		defaults: { name: 'Threads Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: threadsCredentials,
		properties: [authenticationParameter, ...watchFields, ...conditionFields],
	};

	methods = {
		listSearch: { searchMyThreads },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollCrossings(this, threadsWatch(this));
	}
}
