import type { INodeExecutionData, INodeProperties, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { conditionFields } from '../shared/alerts/crossingConditionFields';
import { pollCrossings } from '../shared/alerts/crossingPoll';
import { authenticationParameter, threadsCredentials } from '../Threads/shared/credentials';
import { searchMyThreads } from '../Threads/shared/listSearch';
import { newItemsFields, threadsPollCostNotices, watchFields } from './descriptions/watch';
import { pollNewItems } from './newItems';
import { threadsWatch } from './observe';

/** The threshold fields mean nothing to "New Items": hidden there. */
const thresholdFields: INodeProperties[] = conditionFields.map((field) => ({
	...field,
	displayOptions: { ...field.displayOptions, hide: { ...field.displayOptions?.hide, watch: ['newItems'] } },
}));

export class ThreadsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Threads Trigger',
		name: 'threadsTrigger',
		icon: { light: 'file:../../icons/threads.svg', dark: 'file:../../icons/threads.dark.svg' },
		group: ['trigger'],
		version: 1,
		// As the fields show them: "My Recent Posts: rises above 1000".
		subtitle:
			'={{ $parameter["watch"] === "newItems" ? "New " + ({ mentions: "Mentions", search: "Search Results", replies: "Replies" })[$parameter["newItemsSource"]] : ({ account: "My Account", post: "One Post", recentPosts: "My Recent Posts" })[$parameter["watch"]] + ": " + ({ above: "rises above " + $parameter["threshold"], below: "falls below " + $parameter["threshold"], crosses: "crosses " + $parameter["threshold"], growsBy: "grows", milestone: "passes every " + $parameter["milestoneEvery"] })[$parameter["condition"]] }}',
		// n8n's node picker shows one "Threads" entry for this trigger and the Threads node, with
		// this description: it speaks for both.
		description: 'Get Threads insights, posts, replies, mentions and profiles, or start a workflow when a post or account metric crosses a threshold or something new is said about you',
		documentationUrl: 'https://github.com/n8n-nodes-threads-insights/n8n-nodes-threads-insights#threads-trigger-alerts-when-a-number-crosses-a-line',
		eventTriggerDescription: 'Waiting for a Threads number to cross a threshold',
		activationMessage:
			'Your workflow will now check Threads at every Poll Time and start an execution for each crossing or new item. Values already past the threshold and items already there now only set the starting point (unless "Fire for Values Already Past on Activation" is on).',
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
			...newItemsFields,
			...thresholdFields,
		],
	};

	methods = {
		listSearch: { searchMyThreads },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		if (this.getNodeParameter('watch') === 'newItems') return await pollNewItems(this);
		return await pollCrossings(this, threadsWatch(this));
	}
}
