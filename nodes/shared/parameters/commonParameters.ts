/**
 * Parameters every Graph node here offers the same way (date range presets, Return All /
 * Limit, Simplify, request options), defined once and placed per operation.
 */
import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** `media_product_type` → `Media Product Type`: option names from API names. */
export function titleCase(apiName: string): string {
	return apiName
		.split('_')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/** Option list of API metric names, alphabetical as n8n lists options; `descriptions` by metric. */
export function metricOptions(metrics: readonly string[], descriptions: Record<string, string> = {}): INodePropertyOptions[] {
	return [...metrics].sort().map((metric) => ({
		name: titleCase(metric),
		value: metric,
		...(descriptions[metric] ? { description: descriptions[metric] } : {}),
	}));
}

export const DATE_RANGE_PRESETS = [
	{ name: 'All Time', value: 'none', description: 'No date filter' },
	{ name: 'Today', value: 'today', description: 'Since midnight, in the workflow timezone' },
	{ name: 'Yesterday', value: 'yesterday', description: 'The whole previous day' },
	{ name: 'Last 7 Days', value: 'last7Days', description: 'The 7 whole days before today' },
	{ name: 'Last 30 Days', value: 'last30Days', description: 'The 30 whole days before today' },
	{ name: 'This Month', value: 'thisMonth', description: 'Since the 1st of this month' },
	{ name: 'Last Complete Week', value: 'lastWeek', description: 'The 7 days of last week (Week Starts On: Monday by default)' },
	{ name: 'Last Complete Month', value: 'lastMonth', description: 'The whole previous calendar month' },
	{ name: 'Custom', value: 'custom', description: 'Choose Since and Until' },
];

/** A preset selector plus the Since / Until pickers it shows for "Custom". */
export function dateRangeParameters(
	displayOptions: IDisplayOptions,
	defaultPreset: string,
	allowAllTime: boolean,
): INodeProperties[] {
	const presets = allowAllTime ? DATE_RANGE_PRESETS : DATE_RANGE_PRESETS.filter((preset) => preset.value !== 'none');
	const customShown: IDisplayOptions = { show: { ...displayOptions.show, dateRange: ['custom'] } };
	return [
		{
			displayName: 'Date Range',
			name: 'dateRange',
			type: 'options',
			default: defaultPreset,
			description: 'Computed in the workflow timezone (Workflow Settings → Timezone)',
			displayOptions,
			options: presets,
		},
		{
			displayName: 'Week Starts On',
			name: 'weekStart',
			type: 'options',
			default: 'monday',
			description: 'The first day of a week for "Last Complete Week"',
			displayOptions: { show: { ...displayOptions.show, dateRange: ['lastWeek'] } },
			options: [
				{ name: 'Monday', value: 'monday' },
				{ name: 'Sunday', value: 'sunday' },
				{ name: 'Saturday', value: 'saturday' },
			],
		},
		{
			displayName: 'Since',
			name: 'since',
			type: 'dateTime',
			default: '',
			description: 'Start of the range (inclusive). Empty: no lower bound.',
			displayOptions: customShown,
		},
		{
			displayName: 'Until',
			name: 'until',
			type: 'dateTime',
			default: '',
			description: 'End of the range. Empty: now.',
			displayOptions: customShown,
		},
	];
}

/** "Compare With Previous Period" on account totals. */
export function comparePreviousParameter(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Compare With Previous Period',
		name: 'compareWithPrevious',
		type: 'boolean',
		default: false,
		description:
			'Whether to add, after each total, its value for the same number of days just before (_previous) and the change in percent (_change_pct); one more request',
		displayOptions,
	};
}

/** Shared by the nodes and the triggers. */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 0.1, numberPrecision: 1 },
	default: 60,
	description: 'A request Meta does not answer within this time is given up and retried (up to 3 tries in all), then fails',
};

export function returnAllAndLimit(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}

export function simplifyParameter(displayOptions: IDisplayOptions, what: string): INodeProperties {
	return {
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description: `Whether to return ${what} instead of the raw API response`,
		displayOptions,
	};
}

/** How the node sends its requests; the same for every operation. */
export const requestOptionsParameter: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	description: 'How the node sends its requests: how many at once, how long to wait when Meta throttles or does not answer',
	options: [
		{
			displayName: 'Max Concurrent Requests',
			name: 'maxConcurrency',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description:
				'Upper bound on requests in flight at once. The node starts lower and adapts to Meta’s limits by itself; lower this only to leave room for other workflows.',
		},
		{
			displayName: 'Max Wait When Rate Limited (Seconds)',
			name: 'maxRateLimitWait',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 60,
			description:
				'When Meta throttles, a request is retried with growing pauses; after this much waiting it fails with the rate-limit error',
		},
		timeoutOption,
	],
};
