import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import type { GraphInsight } from '../../../shared/insights/insightsNormaliser';
import { accountInsightsRows, breakdownRows, bucketsWithin, demographicRows, timeSeriesRows, withPreviousPeriod } from '../../../shared/insights/insightsNormaliser';
import { comparePreviousParameter, dateRangeParameters, simplifyParameter, titleCase } from '../../../shared/parameters/commonParameters';
import type { DaySpan } from '../../../shared/parameters/dateRange';
import { metaDayRange, previousDays, rangeQuery, splitDays } from '../../../shared/parameters/dateRange';
import type { ItemInput } from '../../../shared/parameters/nodeInput';
import { inputError, insightDaysOf, metricsOf } from '../../../shared/parameters/nodeInput';
import {
	ACCOUNT_HISTORY_SECONDS,
	ACCOUNT_METRIC_SHAPES,
	ACCOUNT_METRIC_BREAKDOWNS,
	DEMOGRAPHIC_BREAKDOWNS,
	INSTAGRAM_INSIGHTS_DAY_ZONE,
	MAX_RANGE_SECONDS,
} from '../../instagramApi';
import { accountClient, instagramAccountOf } from '../../shared/account';

const showFor = { resource: ['account'], operation: ['getInsights'] };

const DEMOGRAPHIC_METRICS = ['follower_demographics', 'engaged_audience_demographics'];
const TIMEFRAMES = ['this_month', 'this_week'];

/** One of a fixed set of values (an expression may produce anything). */
function choiceOf(input: ItemInput, name: string, label: string, fallback: string, valid: readonly string[]): string {
	const value = String(input.parameter<unknown>(name, fallback) ?? '').trim();
	if (!valid.includes(value)) throw inputError(input, `"${label}" must be one of ${valid.join(', ')}, not "${value.slice(0, 60)}"`);
	return value;
}

/**
 * Totals (optionally broken down) over the date range, one request per 30-day window: Meta
 * refuses longer ranges, so a longer range comes back as one row (set) per window.
 * Demographics: one request, `timeframe` instead of a range.
 */
export const getAccountInsights: Operation = (input) => {
	const account = instagramAccountOf(input);
	const scope = account.path.scopes.insights;
	const simplify = input.parameter('simplify', true);
	const report = input.parameter<string>('report', 'totals');
	if (report === 'dailyReach') return dailyReach(input);
	if (report === 'demographics') {
		const metric = choiceOf(input, 'demographicMetric', 'Audience', 'follower_demographics', DEMOGRAPHIC_METRICS);
		const breakdown = choiceOf(input, 'demographicBreakdown', 'Breakdown', 'country', DEMOGRAPHIC_BREAKDOWNS);
		const timeframe = choiceOf(input, 'timeframe', 'Timeframe', 'this_month', TIMEFRAMES);
		return async (pooled, abandon) => {
			const answer = await accountClient(pooled, account).get<{ data: GraphInsight[] }>(
				`${account.node}/insights`,
				{ metric, period: 'lifetime', metric_type: 'total_value', timeframe, breakdown },
				{ requiredScope: scope, shape: 'insights', abandon },
			);
			if (!simplify) return [answer];
			const insight = answer.data.find((entry) => entry.name === metric);
			return insight ? demographicRows(insight, metric === 'follower_demographics' ? 'followers' : 'accounts') : [];
		};
	}

	const metrics = metricsOf(input, 'metrics', 'Metrics', Object.keys(ACCOUNT_METRIC_BREAKDOWNS));
	const breakdown = input.parameter('breakdown', '') || undefined;
	const refusing = breakdown ? metrics.filter((metric) => !ACCOUNT_METRIC_BREAKDOWNS[metric]?.includes(breakdown)) : [];
	if (refusing.length) {
		throw inputError(input, `"Breakdown" ${breakdown} does not apply to ${refusing.join(', ')}: remove ${refusing.length === 1 ? 'it' : 'them'} or choose another breakdown`);
	}
	const rules = historyRules();
	const { range, days, complete, unfinishedHint } = insightDaysOf(input, INSTAGRAM_INSIGHTS_DAY_ZONE, rules);
	// Meta refuses more than 30 days per request: longer ranges go as windows of whole days, one row (set) each.
	const windows = days ? splitDays(days, INSTAGRAM_INSIGHTS_DAY_ZONE, MAX_RANGE_SECONDS) : [undefined];
	const compare = input.parameter('compareWithPrevious', false);
	if (compare && (breakdown || !days)) {
		throw inputError(input, '"Compare With Previous Period" compares totals over a date range: clear "Breakdown"', 'Breakdown rows have no previous period.');
	}
	if (compare && windows.length > 1) {
		throw inputError(
			input,
			'"Compare With Previous Period" compares one period of up to 30 days on Instagram: choose a shorter range',
			'Meta answers at most 30 days per request, so a longer range comes as one row per window; compare each window in your sheet instead.',
		);
	}
	if (compare && days && metaDayRange(previousDays(windows[0] ?? days), INSTAGRAM_INSIGHTS_DAY_ZONE).since < rules.earliest) {
		throw inputError(input, '"Compare With Previous Period": the previous period reaches back more than 90 days, which Instagram does not keep', 'Choose a shorter or more recent date range.');
	}

	return async (pooled, abandon, hint) => {
		const graph = accountClient(pooled, account);
		if (unfinishedHint) hint(unfinishedHint);
		const fetch = async (window: DaySpan | undefined) => {
			const sent = window ? metaDayRange(window, INSTAGRAM_INSIGHTS_DAY_ZONE) : range;
			const since = sent.since === undefined ? undefined : Math.max(sent.since, rules.earliest);
			const qs: IDataObject = { metric: metrics.join(','), period: 'day', metric_type: 'total_value', ...rangeQuery({ since, until: sent.until }) };
			if (breakdown) qs.breakdown = breakdown;
			return await graph.get<{ data: GraphInsight[] }>(`${account.node}/insights`, qs, { requiredScope: scope, shape: 'insights', abandon });
		};
		const rows: IDataObject[] = [];
		const raw: IDataObject[] = [];
		for (const window of windows) {
			const answer = await fetch(window);
			raw.push(answer);
			const period = { since: window?.first, until: window?.last, complete: window ? window.last !== days?.last || complete : undefined };
			if (breakdown) {
				const completeness = period.complete === undefined ? {} : { complete: period.complete };
				rows.push(...breakdownRows(answer.data, metrics, breakdown).map((row) => ({ since: period.since ?? null, until: period.until ?? null, ...row, ...completeness })));
				continue;
			}
			const [totals] = accountInsightsRows(answer.data, metrics, ACCOUNT_METRIC_SHAPES, period);
			if (!compare || !window) {
				rows.push(totals);
				continue;
			}
			// The same metrics over the period just before this window: one more request.
			const before = previousDays(window);
			const [previous] = accountInsightsRows((await fetch(before)).data, metrics, ACCOUNT_METRIC_SHAPES, { since: before.first, until: before.last });
			rows.push(withPreviousPeriod(totals, previous, metrics));
		}
		return simplify ? rows : raw;
	};
};

function historyRules() {
	return {
		earliest: Math.floor(Date.now() / 1000) - ACCOUNT_HISTORY_SECONDS,
		earliestLabel: '90 days ago (Instagram keeps account insights for 90 days)',
	};
}

/**
 * Reach per day (`metric_type=time_series`, which Meta allows for reach only): one row per
 * Meta day of the range, one request per 30-day window; only the days asked for are kept.
 */
const dailyReach: Operation = (input) => {
	const account = instagramAccountOf(input);
	const simplify = input.parameter('simplify', true);
	const { range, days, unfinishedHint } = insightDaysOf(input, INSTAGRAM_INSIGHTS_DAY_ZONE, historyRules());
	const windows = days ? splitDays(days, INSTAGRAM_INSIGHTS_DAY_ZONE, MAX_RANGE_SECONDS) : [undefined];
	return async (pooled, abandon, hint) => {
		const graph = accountClient(pooled, account);
		if (unfinishedHint) hint(unfinishedHint);
		const rows: IDataObject[] = [];
		const raw: IDataObject[] = [];
		for (const window of windows) {
			const sent = window ? metaDayRange(window, INSTAGRAM_INSIGHTS_DAY_ZONE) : range;
			const answer = await graph.get<{ data: GraphInsight[] }>(
				`${account.node}/insights`,
				{ metric: 'reach', period: 'day', metric_type: 'time_series', ...rangeQuery(sent) },
				{ requiredScope: account.path.scopes.insights, shape: 'insights', abandon },
			);
			raw.push(answer);
			const reach = answer.data.find((insight) => insight.name === 'reach');
			if (reach) rows.push(...timeSeriesRows(bucketsWithin(reach, window?.first, window?.last), Date.now()));
		}
		return simplify ? rows : raw;
	};
};

const totalsShown = { show: { ...showFor, report: ['totals'] } };
const rangeShown = { show: { ...showFor, report: ['totals', 'dailyReach'] } };
const demographicsShown = { show: { ...showFor, report: ['demographics'] } };

export const getAccountInsightsFields: INodeProperties[] = [
	{
		displayName: 'Report',
		name: 'report',
		type: 'options',
		default: 'totals',
		description: 'Account Totals: metrics over a date range. Audience Demographics: who your followers or engaged accounts are.',
		displayOptions: { show: showFor },
		options: [
			{ name: 'Account Totals', value: 'totals', description: 'Metrics over a date range, optionally broken down' },
			{ name: 'Audience Demographics', value: 'demographics', description: 'Followers or engaged accounts by age, city, country or gender' },
			{ name: 'Daily Reach', value: 'dailyReach', description: 'Accounts reached, one row per day (the one account metric Meta gives per day)' },
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
	...dateRangeParameters(rangeShown, 'yesterday', false),
	comparePreviousParameter(totalsShown),
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
		description: 'Whose demographics: your followers, or the accounts that engaged with your content',
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
		description: 'One row per value of this (e.g. per country), largest first, top 45',
		displayOptions: demographicsShown,
		options: DEMOGRAPHIC_BREAKDOWNS.map((value) => ({ name: titleCase(value), value })),
	},
	{
		displayName: 'Timeframe',
		name: 'timeframe',
		type: 'options',
		default: 'this_month',
		description: 'The period the demographics describe',
		displayOptions: demographicsShown,
		options: [
			{ name: 'This Month', value: 'this_month' },
			{ name: 'This Week', value: 'this_week' },
		],
	},
	simplifyParameter({ show: showFor }, 'rows ready for a spreadsheet'),
];
