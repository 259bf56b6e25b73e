import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchInstagramAccounts } from '../Instagram/facebook/listSearch';
import { authenticationParameter, instagramAccountParameter } from '../Instagram/shared/account';
import { instagramCredentials } from '../Instagram/shared/requests';
import { conditionFields } from '../shared/alerts/crossingConditionFields';
import { pollCrossings } from '../shared/alerts/crossingPoll';
import { instagramPollCostNotices, instagramWatchFields } from './descriptions/watch';
import { instagramWatch } from './observe';

/** The Threads Trigger's crossing engine and conditions, watching Instagram. */
export class InstagramTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Instagram Insights Trigger',
		name: 'instagramTrigger',
		icon: { light: 'file:../../icons/instagram.svg', dark: 'file:../../icons/instagram.dark.svg' },
		group: ['trigger'],
		version: 1,
		// As the fields show them: "My Recent Posts: rises above 1000".
		subtitle:
			'={{ ({ account: "My Account", media: "One Media", recentMedia: "My Recent Media", recentStories: "My Stories" })[$parameter["watch"]] + ": " + ({ above: "rises above " + $parameter["threshold"], below: "falls below " + $parameter["threshold"], crosses: "crosses " + $parameter["threshold"], growsBy: "grows", milestone: "passes every " + $parameter["milestoneEvery"] })[$parameter["condition"]] }}',
		// n8n's node picker shows one "Instagram Insights" entry for this trigger and the Instagram
		// Insights node, with this description: it speaks for both.
		description: 'Get Instagram account and media insights, or start a workflow when a media or account metric crosses a threshold',
		documentationUrl: 'https://github.com/n8n-nodes-threads-insights/n8n-nodes-threads-insights#instagram-insights-professional-accounts-instagram-login',
		eventTriggerDescription: 'Waiting for an Instagram number to cross a threshold',
		activationMessage:
			'Your workflow will now check your Instagram numbers at every Poll Time and start an execution for each crossing. Values already past the threshold now only set the starting point, unless "Fire for Values Already Past on Activation" is on.',
		defaults: { name: 'Instagram Insights Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: instagramCredentials,
		properties: [...instagramPollCostNotices, authenticationParameter(), instagramAccountParameter(), ...instagramWatchFields, ...conditionFields],
	};

	methods = {
		listSearch: { searchInstagramAccounts },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollCrossings(this, instagramWatch(this));
	}
}
