/** Watch fields both platform triggers share: the account metric's window and the "recent" scope. */
import type { INodeProperties } from 'n8n-workflow';

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
	return [
		{
			displayName: plural,
			name: 'recentScope',
			type: 'options',
			default: 'days',
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
			description: `How many of your latest ${plural.toLowerCase()} are watched`,
			displayOptions: { show: { ...show, recentScope: ['latest'] } },
		},
	];
}
