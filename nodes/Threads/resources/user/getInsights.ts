import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { planAccountInsightsRequests } from '../../../shared/insights/accountInsightsPlan';
import type { GraphInsight } from '../../../shared/insights/insightsNormaliser';
import { accountInsightsRows } from '../../../shared/insights/insightsNormaliser';
import { dateRangeParameters, simplifyParameter } from '../../../shared/parameters/commonParameters';
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
	const { range, days, complete } = insightDaysOf(input, THREADS_INSIGHTS_DAY_ZONE, { earliest: USER_INSIGHTS_EARLIEST, earliestLabel: 'April 13, 2024' });
	const plan = planAccountInsightsRequests(metrics, range, breakdown, USER_METRIC_RULES);
	if (typeof plan === 'string') throw inputError(input, plan);
	const simplify = input.parameter('simplify', true);

	return async (graph, abandon) => {
		const data: GraphInsight[] = [];
		for (const request of plan) {
			const qs: Record<string, string | number> = { metric: request.metrics.join(',') };
			if (request.since !== undefined) qs.since = request.since;
			if (request.until !== undefined) qs.until = request.until;
			if (request.breakdown) qs.breakdown = request.breakdown;
			const answer = await graph.get<{ data: GraphInsight[] }>(`/${userId}/threads_insights`, qs, {
				requiredScope: THREADS_SCOPES.insights,
				shape: 'list',
				abandon,
			});
			data.push(...answer.data);
		}
		if (!simplify) return [{ data: data as unknown as string[] }];
		return accountInsightsRows(data, metrics, USER_METRIC_SHAPES, { since: days?.first, until: days?.last, complete, now: Date.now() });
	};
};

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
			'Numbers for the date range. Totals come as one row; Views alone comes as one row per day; Clicks as one row per link; Follower Demographics as one row per country/city/age/gender.',
		displayOptions: { show: showFor },
		options: [
			{ name: 'Clicks', value: 'clicks', description: 'Clicks on links you shared, one row per link' },
			{
				name: 'Follower Demographics',
				value: 'follower_demographics',
				description: 'Needs a Breakdown, 100+ followers and a linked Instagram account; ignores the date range',
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
	{
		displayName: 'Breakdown',
		name: 'breakdown',
		type: 'options',
		default: '',
		description: 'Required with Follower Demographics, and only with it',
		displayOptions: { show: showFor },
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
