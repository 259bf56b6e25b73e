import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { INSTAGRAM_CREDENTIAL_TYPE } from '../Instagram/shared/requests';
import { conditionFields } from '../shared/alerts/crossingConditionFields';
import { pollCrossings } from '../shared/alerts/crossingPoll';
import { instagramWatchFields } from './descriptions/watch';
import { instagramWatch } from './observe';

/** The Threads Trigger's crossing engine and conditions, watching Instagram. */
export class InstagramTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Instagram Insights Trigger',
		name: 'instagramTrigger',
		icon: { light: 'file:../../icons/instagram.svg', dark: 'file:../../icons/instagram.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["watch"] + ": " + $parameter["condition"] }}',
		description: 'Starts the workflow when an Instagram metric crosses a threshold',
		defaults: { name: 'Instagram Insights Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: INSTAGRAM_CREDENTIAL_TYPE, required: true }],
		properties: [...instagramWatchFields, ...conditionFields],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollCrossings(this, instagramWatch(this));
	}
}
