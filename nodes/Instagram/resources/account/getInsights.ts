import type { IDataObject, IExecutePaginationFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { isoDay, rangeQuery, splitRange } from '../../../shared/parameters/dateRange';
import type { GraphInsight } from '../../../shared/insights/insightsNormaliser';
import { accountInsightsRows, breakdownRows, demographicRows } from '../../../shared/insights/insightsNormaliser';
import { dateRangeOf, inputError } from '../../../shared/parameters/nodeInput';
import { concurrencyOptions, dateRangeParameters, simplifyParameter, titleCase } from '../../../shared/parameters/commonParameters';
import {
	ACCOUNT_HISTORY_SECONDS,
	ACCOUNT_METRIC_SHAPES,
	ACCOUNT_METRIC_BREAKDOWNS,
	DEMOGRAPHIC_BREAKDOWNS,
	INSTAGRAM_SCOPES,
	MAX_RANGE_SECONDS,
} from '../../instagramApi';
import { instagramGet } from '../../shared/requests';

const showFor = { resource: ['account'], operation: ['getInsights'] };
/**
 * Totals (optionally broken down) over the date range, one request per 30-day window: Meta
 * refuses longer ranges, so a longer range comes back as one row (set) per window.
 * Demographics: one request, `timeframe` instead of a range.
 */
async function fetchAccountInsights(this: IExecutePaginationFunctions): Promise<INodeExecutionData[]> {
	const simplify = this.getNodeParameter('simplify', true) as boolean;
	if (this.getNodeParameter('report', 'totals') === 'demographics') {
		const metric = this.getNodeParameter('demographicMetric', 'follower_demographics') as string;
		const breakdown = this.getNodeParameter('demographicBreakdown', 'country') as string;
		const answer = await instagramGet<{ data?: GraphInsight[] }>(
			this,
			'/me/insights',
			{ metric, period: 'lifetime', metric_type: 'total_value', timeframe: this.getNodeParameter('timeframe', 'this_month') as string, breakdown },
			{ requiredScope: INSTAGRAM_SCOPES.insights },
		);
		if (!simplify) return [{ json: answer as IDataObject }];
		const insight = (answer.data ?? []).find((entry) => entry.name === metric);
		const column = metric === 'follower_demographics' ? 'followers' : 'accounts';
		return insight ? demographicRows(insight, column).map((row) => ({ json: row })) : [];
	}

	const metrics = this.getNodeParameter('metrics', []) as string[];
	const breakdown = (this.getNodeParameter('breakdown', '') as string) || undefined;
	if (!metrics.length) throw inputError(this, '"Metrics" is empty: choose at least one metric');
	const refusing = breakdown ? metrics.filter((metric) => !ACCOUNT_METRIC_BREAKDOWNS[metric]?.includes(breakdown)) : [];
	if (refusing.length) {
		throw inputError(this, `"Breakdown" ${breakdown} does not apply to ${refusing.join(', ')}: remove ${refusing.length === 1 ? 'it' : 'them'} or choose another breakdown`);
	}
	const timezone = this.getTimezone();
	const now = new Date();
	const range = dateRangeOf(
		this,
		{
			earliest: Math.floor(now.getTime() / 1000) - ACCOUNT_HISTORY_SECONDS,
			earliestLabel: '90 days ago (Instagram keeps account insights for 90 days)',
			now,
		},
		'yesterday',
	);

	const rows: IDataObject[] = [];
	const raw: IDataObject[] = [];
	for (const window of splitRange(range, MAX_RANGE_SECONDS)) {
		const qs: IDataObject = { metric: metrics.join(','), period: 'day', metric_type: 'total_value', ...rangeQuery(window) };
		if (breakdown) qs.breakdown = breakdown;
		const answer = await instagramGet<{ data?: GraphInsight[] }>(this, '/me/insights', qs, { requiredScope: INSTAGRAM_SCOPES.insights });
		raw.push(answer as IDataObject);
		const data = answer.data ?? [];
		const period = { since: isoDay(window.since, timezone), until: isoDay(window.until, timezone) };
		rows.push(
			...(breakdown
				? breakdownRows(data, metrics, breakdown).map((row) => ({ since: period.since ?? null, until: period.until ?? null, ...row }))
				: accountInsightsRows(data, metrics, ACCOUNT_METRIC_SHAPES, period)),
		);
	}
	return (simplify ? rows : raw).map((json) => ({ json }));
}

export const getAccountInsightsRouting = {
	request: { method: 'GET' as const, url: '/me/insights' },
	send: { paginate: true },
	operations: { pagination: fetchAccountInsights },
};

const totalsShown = { show: { ...showFor, report: ['totals'] } };
const demographicsShown = { show: { ...showFor, report: ['demographics'] } };

export const getAccountInsightsFields: INodeProperties[] = [
	{
		displayName: 'Report',
		name: 'report',
		type: 'options',
		default: 'totals',
		displayOptions: { show: showFor },
		options: [
			{ name: 'Account Totals', value: 'totals', description: 'Metrics over a date range, optionally broken down' },
			{ name: 'Audience Demographics', value: 'demographics', description: 'Followers or engaged accounts by age, city, country or gender' },
		],
	},
	{
		displayName: 'Metrics',
		name: 'metrics',
		type: 'multiOptions',
		default: ['views', 'reach', 'likes', 'comments', 'shares', 'saves', 'total_interactions'],
		description: 'One column each. Reach and Accounts Engaged count unique accounts, so they are per window, not summed.',
		displayOptions: totalsShown,
		options: Object.keys(ACCOUNT_METRIC_BREAKDOWNS)
			.sort()
			.map((metric) => ({ name: titleCase(metric), value: metric })),
	},
	...dateRangeParameters(totalsShown, 'yesterday', false),
	{
		displayName: 'Breakdown',
		name: 'breakdown',
		type: 'options',
		default: '',
		description: 'One row per value (e.g. FEED, REELS, STORY) instead of one total',
		displayOptions: totalsShown,
		options: [
			{ name: 'Contact Button Type', value: 'contact_button_type', description: 'Profile Links Taps only' },
			{ name: 'Follow Type', value: 'follow_type', description: 'Followers vs non-followers: Views, Reach, Follows and Unfollows' },
			{ name: 'Media Product Type', value: 'media_product_type', description: 'Feed, Reels, Story, Ad' },
			{ name: 'None', value: '' },
		],
	},
	{
		displayName: 'Audience',
		name: 'demographicMetric',
		type: 'options',
		default: 'follower_demographics',
		displayOptions: demographicsShown,
		options: [
			{ name: 'Engaged Audience', value: 'engaged_audience_demographics' },
			{ name: 'Followers', value: 'follower_demographics', description: 'Needs 100+ followers' },
		],
	},
	{
		displayName: 'Breakdown',
		name: 'demographicBreakdown',
		type: 'options',
		default: 'country',
		displayOptions: demographicsShown,
		options: DEMOGRAPHIC_BREAKDOWNS.map((value) => ({ name: titleCase(value), value })),
	},
	{
		displayName: 'Timeframe',
		name: 'timeframe',
		type: 'options',
		default: 'this_month',
		displayOptions: demographicsShown,
		options: [
			{ name: 'This Month', value: 'this_month' },
			{ name: 'This Week', value: 'this_week' },
		],
	},
	simplifyParameter({ show: showFor }, 'rows ready for a spreadsheet'),
	concurrencyOptions({ show: showFor }),
];
