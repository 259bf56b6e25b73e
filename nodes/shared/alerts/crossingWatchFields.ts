/** Watch fields both platform triggers share: the account metric's window, the "recent" scope, the poll-cost notices. */
import type { INodeProperties } from 'n8n-workflow';

/**
 * What one poll costs for each watch, shown right under n8n's Poll Times (n8n puts Poll Times
 * first for polling nodes, so these notices go first among the node's own properties).
 * One notice per watch value, each shown only for its watch.
 */
export function pollCostNotices(costByWatch: Record<string, string>): INodeProperties[] {
	return Object.entries(costByWatch).map(([watch, cost]) => ({
		displayName: `${cost} Poll every 15 minutes or less often: Meta limits the requests an app makes per account, and every poll counts.`,
		name: `pollCost${watch.charAt(0).toUpperCase()}${watch.slice(1)}`,
		type: 'notice',
		default: '',
		displayOptions: { show: { watch: [watch] } },
	}));
}

export const accountWindowField: INodeProperties = {
	displayName: 'Window',
	name: 'accountWindow',
	type: 'options',
	default: 'yesterday',
	description: 'The period the metric is counted over, in the workflow timezone',
	displayOptions: { show: { watch: ['account'] }, hide: { accountMetric: ['followers_count'] } },
	options: [
		{ name: 'Last 30 Days', value: 'last30Days' },
		{ name: 'Last 7 Days', value: 'last7Days' },
		{ name: 'Today So Far', value: 'today' },
		{ name: 'Yesterday', value: 'yesterday' },
	],
};

/** "Published in the last N days" or "my latest N", for the watch value `recentWatch`. */
export function recentScopeFields(recentWatch: string, plural: string): INodeProperties[] {
	const show = { watch: [recentWatch] };
	const lower = plural.toLowerCase();
	return [
		{
			displayName: plural,
			name: 'recentScope',
			type: 'options',
			default: 'days',
			description: `Which of your ${lower} are watched: those published recently, or a fixed number of the newest`,
			displayOptions: { show },
			options: [
				{ name: 'Published in the Last N Days', value: 'days' },
				{ name: `My Latest N ${plural}`, value: 'latest' },
			],
		},
		{
			displayName: 'Days',
			name: 'recentDays',
			type: 'number',
			default: 7,
			typeOptions: { minValue: 1, maxValue: 365 },
			description: `${plural} published in this many days before now are watched; older ones are dropped`,
			displayOptions: { show: { ...show, recentScope: ['days'] } },
		},
		{
			displayName: `Number of ${plural}`,
			name: 'recentCount',
			type: 'number',
			default: 20,
			typeOptions: { minValue: 1, maxValue: 1000 },
			description: `How many of your latest ${lower} are watched`,
			displayOptions: { show: { ...show, recentScope: ['latest'] } },
		},
	];
}
