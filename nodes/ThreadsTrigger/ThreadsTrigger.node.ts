import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { conditionFields } from '../shared/alerts/crossingConditionFields';
import { pollCrossings } from '../shared/alerts/crossingPoll';
import { authenticationParameter, threadsCredentials } from '../Threads/shared/credentials';
import { searchMyThreads } from '../Threads/shared/listSearch';
import { threadsPollCostNotices, watchFields } from './descriptions/watch';
import { threadsWatch } from './observe';

export class ThreadsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Threads Trigger',
		name: 'threadsTrigger',
		icon: { light: 'file:../../icons/threads.svg', dark: 'file:../../icons/threads.dark.svg' },
		group: ['trigger'],
		version: 1,
		// As the fields show them: "My Recent Posts: rises above 1000".
		subtitle:
			'={{ ({ account: "My Account", post: "One Post", recentPosts: "My Recent Posts" })[$parameter["watch"]] + ": " + ({ above: "rises above " + $parameter["threshold"], below: "falls below " + $parameter["threshold"], crosses: "crosses " + $parameter["threshold"], growsBy: "grows", milestone: "passes every " + $parameter["milestoneEvery"] })[$parameter["condition"]] }}',
		// n8n's node picker shows one "Threads" entry for this trigger and the Threads node, with
		// this description: it speaks for both.
		description: 'Get Threads insights, posts and profiles, or start a workflow when a post or account metric crosses a threshold',
		documentationUrl: 'https://github.com/n8n-nodes-threads-insights/n8n-nodes-threads-insights#threads-trigger-alerts-when-a-number-crosses-a-line',
		eventTriggerDescription: 'Waiting for a Threads number to cross a threshold',
		activationMessage:
			'Your workflow will now check your Threads numbers at every Poll Time and start an execution for each crossing. Values already past the threshold now only set the starting point, unless "Fire for Values Already Past on Activation" is on.',
		defaults: { name: 'Threads Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: threadsCredentials,
		properties: [
			...threadsPollCostNotices,
			{
				...authenticationParameter,
				description: 'The trigger polls on a schedule: use the self-renewing token, an OAuth2 token stops working after one hour',
			},
			...watchFields,
			...conditionFields,
		],
	};

	methods = {
		listSearch: { searchMyThreads },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollCrossings(this, threadsWatch(this));
	}
}
