import type {
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { planAccountInsightsRequests } from '../../../shared/insights/accountInsightsPlan';
import { isoDay } from '../../../shared/parameters/dateRange';
import type { GraphInsight } from '../../../shared/insights/insightsNormaliser';
import { accountInsightsRows } from '../../../shared/insights/insightsNormaliser';
import { dateRangeOf, inputError } from '../../../shared/parameters/nodeInput';
import { dateRangeParameters, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { threadsGet } from '../../shared/requests';
import { THREADS_SCOPES, USER_INSIGHTS_EARLIEST, USER_METRIC_RULES, USER_METRIC_SHAPES } from '../../threadsApi';

const showFor = { resource: ['user'], operation: ['getInsights'] };

/**
 * Runs through the declarative engine's pagination hook because one selection can need
 * several requests: Meta refuses since/until on followers_count and follower_demographics,
 * and takes `breakdown` only with demographics. The selection is split into the fewest
 * requests the API accepts, each sent with the node's credential, error mapping and
 * backoff, and the answers are merged into one set of rows.
 */
async function fetchUserInsights(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
	const metrics = this.getNodeParameter('metrics', []) as string[];
	const breakdown = (this.getNodeParameter('breakdown', '') as string) || undefined;
	const userId = String(this.getNodeParameter('userId', 'me') ?? '').trim() || 'me';
	const range = dateRangeOf(this, { earliest: USER_INSIGHTS_EARLIEST, earliestLabel: 'April 13, 2024' });
	const plan = planAccountInsightsRequests(metrics, range, breakdown, USER_METRIC_RULES);
	if (typeof plan === 'string') throw inputError(this, plan);

	const data: GraphInsight[] = [];
	for (const request of plan) {
		const qs: Record<string, string | number> = { metric: request.metrics.join(',') };
		if (request.since !== undefined) qs.since = request.since;
		if (request.until !== undefined) qs.until = request.until;
		if (request.breakdown) qs.breakdown = request.breakdown;
		const answer = await threadsGet<{ data?: GraphInsight[] }>(this, `/${encodeURIComponent(userId)}/threads_insights`, qs, {
			requiredScope: THREADS_SCOPES.insights,
		});
		data.push(...(answer.data ?? []));
	}

	if (!this.getNodeParameter('simplify', true)) return [{ json: { data: data as unknown as INodeExecutionData['json'][] } }];
	const timezone = this.getTimezone();
	const rows = accountInsightsRows(data, metrics, USER_METRIC_SHAPES, {
		since: isoDay(range.since, timezone),
		until: isoDay(range.until, timezone),
	});
	return rows.map((row) => ({ json: row }));
}

export const getUserInsightsRouting = {
	request: { method: 'GET' as const, url: '/me/threads_insights' },
	send: { paginate: true },
	operations: { pagination: fetchUserInsights },
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
