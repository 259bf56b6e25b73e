import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import type { PlannedRequest } from '../../../shared/insights/accountInsightsPlan';
import { planAccountInsightsRequests } from '../../../shared/insights/accountInsightsPlan';
import type { GraphInsight } from '../../../shared/insights/insightsNormaliser';
import { accountInsightsRows, bucketsWithin, withPreviousPeriod } from '../../../shared/insights/insightsNormaliser';
import { comparePreviousParameter, dateRangeParameters, simplifyParameter } from '../../../shared/parameters/commonParameters';
import type { DaySpan } from '../../../shared/parameters/dateRange';
import { metaDayRange, previousDays } from '../../../shared/parameters/dateRange';
import type { ItemInput } from '../../../shared/parameters/nodeInput';
import { inputError, insightDaysOf, metricsOf } from '../../../shared/parameters/nodeInput';
import { THREADS_INSIGHTS_DAY_ZONE, THREADS_SCOPES, USER_INSIGHTS_EARLIEST, USER_METRICS, USER_METRIC_RULES, USER_METRIC_SHAPES } from '../../threadsApi';

const showFor = { resource: ['user'], operation: ['getInsights'] };

/**
 * One selection can need several requests: Meta refuses since/until on followers_count and
 * follower_demographics, and takes `breakdown` only with demographics. The selection is
 * split into the fewest requests the API accepts and the answers are merged into one set
 * of rows.
 */
export const getUserInsights: Operation = (input) => {
	const metrics = metricsOf(input, 'metrics', 'Metrics', USER_METRICS);
	const breakdown = input.parameter('breakdown', '') || undefined;
	const userId = String(input.parameter<unknown>('userId', 'me') ?? '').trim() || 'me';
	if (!/^(me|\d+)$/.test(userId)) throw inputError(input, `"User ID" must be "me" or a Threads user ID (digits only), not "${userId.slice(0, 60)}"`);
	const { range, days, complete, unfinishedHint } = insightDaysOf(input, THREADS_INSIGHTS_DAY_ZONE, { earliest: USER_INSIGHTS_EARLIEST, earliestLabel: 'April 13, 2024' });
	const plan = planAccountInsightsRequests(metrics, range, breakdown, USER_METRIC_RULES);
	if (typeof plan === 'string') throw inputError(input, plan);
	const simplify = input.parameter('simplify', true);
	const compare = comparisonOf(input, metrics, days);

	return async (graph, abandon, hint) => {
		if (unfinishedHint) hint(unfinishedHint);
		const fetch = async (request: PlannedRequest) => {
			const qs: Record<string, string | number> = { metric: request.metrics.join(',') };
			if (request.since !== undefined) qs.since = request.since;
			if (request.until !== undefined) qs.until = request.until;
			if (request.breakdown) qs.breakdown = request.breakdown;
			const answer = await graph.get<{ data: GraphInsight[] }>(`/${userId}/threads_insights`, qs, {
				requiredScope: THREADS_SCOPES.insights,
				shape: 'insights',
				abandon,
			});
			return answer.data;
		};
		const data: GraphInsight[] = [];
		for (const request of plan) data.push(...(await fetch(request)));
		if (!simplify) return [{ data: data as unknown as string[] }];
		const rows = accountInsightsRows(data, metrics, USER_METRIC_SHAPES, { since: days?.first, until: days?.last, complete, now: Date.now() });
		const series = data.find((insight) => USER_METRIC_SHAPES.timeSeries.includes(insight.name) && insight.values?.length);
		if (series && days && !bucketsWithin(series, days.first, days.last).values?.length) {
			hint(`Meta sent daily values, but none dated ${days.first === days.last ? days.first : `${days.first} to ${days.last}`}: its days may have moved; the rows leave them out rather than count another day`);
		}
		if (!compare) return rows;
		// The same metrics over the same number of days just before: one more request.
		const previous = accountInsightsRows(await fetch({ metrics: compare.metrics, ...compare.range }), compare.metrics, USER_METRIC_SHAPES, compare.days);
		return [withPreviousPeriod(rows[0], previous[0], compare.metrics), ...rows.slice(1)];
	};
};

/** "Compare With Previous Period": the totals to compare and the days and range just before. */
function comparisonOf(input: ItemInput, metrics: string[], days: DaySpan | undefined) {
	if (!input.parameter('compareWithPrevious', false)) return undefined;
	const compared = metrics.filter((metric) => !USER_METRIC_RULES.unranged.includes(metric) && !USER_METRIC_SHAPES.perLink.includes(metric));
	const hasTotalsRow = metrics.some((metric) => !USER_METRIC_SHAPES.timeSeries.includes(metric) && !USER_METRIC_SHAPES.perLink.includes(metric) && !USER_METRIC_SHAPES.demographics.includes(metric));
	if (!compared.length || !hasTotalsRow || !days) {
		throw inputError(input, '"Compare With Previous Period" compares totals over a date range: add Likes, Replies, Reposts or Quotes to Metrics', 'Views alone comes as one row per day, and Followers Count and Clicks have no previous period.');
	}
	const before = previousDays(days);
	const range = metaDayRange(before, THREADS_INSIGHTS_DAY_ZONE);
	if (range.since < USER_INSIGHTS_EARLIEST) throw inputError(input, `"Compare With Previous Period": the previous period (from ${before.first}) is before April 13, 2024, the earliest date Meta accepts`);
	return { metrics: compared, days: { since: before.first, until: before.last }, range: { since: range.since, until: range.until } };
}

export const getUserInsightsFields: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: 'me',
		description: 'Threads user ID; "me" is the account of the credential',
		displayOptions: { show: showFor },
	},
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		default: ['views', 'likes', 'replies', 'reposts', 'quotes'],
		description:
			'Numbers for the date range. Totals come as one row; Views alone comes as one row per day; Clicks as one row per link; Follower Demographics as one row per value of its Breakdown.',
		displayOptions: { show: showFor },
		options: [
			{ name: 'Clicks', value: 'clicks', description: 'Clicks on links you shared, one row per link' },
			{
				name: 'Follower Demographics',
				value: 'follower_demographics',
				description: 'Shows the Breakdown field. Needs 100+ followers and a linked Instagram account; ignores the date range.',
			},
			{
				name: 'Followers Count',
				value: 'followers_count',
				description: 'Total followers now; needs a linked Instagram account; ignores the date range',
			},
			{ name: 'Likes', value: 'likes' },
			{ name: 'Quotes', value: 'quotes' },
			{ name: 'Replies', value: 'replies', description: 'Top-level replies only' },
			{ name: 'Reposts', value: 'reposts' },
			{ name: 'Views', value: 'views', description: 'Profile views, per day' },
		],
	},
	...dateRangeParameters({ show: showFor }, 'yesterday', false),
	comparePreviousParameter({ show: showFor }),
	{
		displayName: 'Breakdown',
		name: 'breakdown',
		type: 'options',
		default: '',
		description: 'Follower Demographics comes as one row per country, city, age or gender: choose which',
		// A multiOptions value is an array: n8n shows this field when any selected metric matches.
		displayOptions: { show: { ...showFor, metrics: ['follower_demographics'] } },
		options: [
			{ name: 'Age', value: 'age' },
			{ name: 'City', value: 'city' },
			{ name: 'Country', value: 'country' },
			{ name: 'Gender', value: 'gender' },
			{ name: 'None', value: '' },
		],
	},
	simplifyParameter({ show: showFor }, 'rows ready for a spreadsheet'),
];
