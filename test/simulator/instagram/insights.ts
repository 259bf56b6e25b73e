/**
 * GET /{ig-media-id}/insights and GET /{ig-user-id}/insights on graph.instagram.com.
 * Validation order: parameters, then data availability (see README).
 */
import { formatTimestamp } from '../render';
import { parseTimeParam } from '../params';
import {
	ACCOUNT_BREAKDOWN_VALUES,
	AccountBreakdown,
	DAY_MS,
	dailyAccountValues,
	dailySplit,
	DEMOGRAPHIC_BREAKDOWNS,
	DemographicBreakdown,
	demographics,
	dayStart,
	nextDayStart,
	IgSimAccount,
	IgSimMedia,
	mediaBreakdown,
	facebookOnlyMediaMetrics,
	mediaMetricsFor,
	mediaValuesAt,
	METRIC_BREAKDOWNS,
	REMOVED_MEDIA_METRICS,
	STORY_LIFETIME_MS,
	TOTAL_VALUE_METRICS,
	TotalValueMetric,
} from './model';
import { igErrors } from './igErrors';

const TITLES: Record<string, [string, string]> = {
	comments: ['Comments', 'The number of comments on your posts.'],
	likes: ['Likes', 'The number of likes on your posts.'],
	saved: ['Saved', 'The number of saves of your post.'],
	saves: ['Saves', 'The number of saves of your posts.'],
	shares: ['Shares', 'The number of shares of your posts.'],
	reach: ['Accounts reached', 'The number of unique accounts that have seen your content, at least once, including in ads.'],
	views: ['Views', 'The number of times your content was played or displayed.'],
	reposts: ['Reposts', 'The number of times your content was reposted.'],
	replies: ['Replies', 'The number of replies you received from your story.'],
	total_likes: ['Total likes', 'The number of likes on your post on Instagram and, when crossposted, on Facebook.'],
	total_comments: ['Total comments', 'The number of comments on your post on Instagram and, when crossposted, on Facebook.'],
	total_views: ['Total views', 'The number of times your post was played or displayed on Instagram and, when crossposted, on Facebook.'],
	link_clicks: ['Link clicks', 'The number of taps on the link sticker of your story.'],
	total_interactions: ['Interactions', 'The number of likes, saves, comments, shares and replies on your content.'],
	follows: ['Follows', 'The number of accounts that started following you.'],
	profile_visits: ['Profile visits', 'The number of times your profile was visited.'],
	profile_activity: ['Profile activity', 'The number of actions people took when they visited your profile after engaging with your post.'],
	navigation: ['Navigation', 'The total number of actions taken from your story.'],
	facebook_views: ['Facebook views', 'The number of times your crossposted content was played or displayed on Facebook.'],
	ig_reels_avg_watch_time: ['Average watch time', 'The average amount of time spent playing the reel (milliseconds).'],
	ig_reels_video_view_total_time: ['Watch time', 'The total amount of time the reel was played, including replays (milliseconds).'],
	reels_skip_rate: ['Skip rate', 'The percentage of views in which the reel was skipped within the first 3 seconds.'],
	crossposted_views: ['Crossposted views', 'The number of times your crossposted reel was played on Instagram and Facebook.'],
	accounts_engaged: ['Accounts engaged', 'The number of accounts that have interacted with your content, including in ads.'],
	follows_and_unfollows: ['Follows and unfollows', 'The number of accounts that followed you and the number of accounts that unfollowed you or left Instagram.'],
	profile_links_taps: ['Profile links taps', 'The number of taps on your business address, call button, email button and text button.'],
	follower_demographics: ['Follower demographics', 'The demographic characteristics of followers, including countries, cities and gender distribution.'],
	engaged_audience_demographics: ['Engaged audience demographics', 'The demographic characteristics of the engaged audience, including countries, cities and gender distribution.'],
};

const described = (name: string) => ({ title: TITLES[name]?.[0] ?? name, description: TITLES[name]?.[1] ?? '' });

export function parseMetricList(raw: string | undefined): string[] {
	const names = (raw ?? '')
		.split(',')
		.map((m) => m.trim())
		.filter(Boolean);
	if (names.length === 0) throw igErrors.param('The parameter metric is required');
	return [...new Set(names)];
}

// ---------------------------------------------------------------- media insights

export function mediaInsights(media: IgSimMedia, account: IgSimAccount, query: Record<string, string>, now: number, isChild: boolean, host: 'instagram' | 'facebook' = 'instagram'): { data: unknown[] } {
	const metrics = parseMetricList(query.metric);
	if (isChild) throw igErrors.param('Insights are not available for carousel album children; request them on the album itself');
	const removed = metrics.filter((m) => REMOVED_MEDIA_METRICS.includes(m));
	if (removed.length) throw igErrors.param(`The following metrics are no longer supported: ${removed.join(', ')}. Use views (replaces impressions, plays and video_views) and total_interactions instead.`);
	const valid = [...mediaMetricsFor(media.mediaProductType), ...(host === 'facebook' ? facebookOnlyMediaMetrics(media.mediaProductType) : [])];
	const unsupported = metrics.find((m) => !valid.includes(m));
	if (unsupported) throw igErrors.param(`The Media Insights API does not support the ${unsupported} metric for this media product type.`);
	if (query.period !== undefined && query.period !== 'lifetime') throw igErrors.param('param period must be one of {lifetime} for media insights');
	const breakdown = query.breakdown?.trim();
	if (breakdown) {
		const owner = breakdown === 'action_type' ? 'profile_activity' : breakdown === 'story_navigation_action_type' ? 'navigation' : undefined;
		if (!owner) throw igErrors.param('param breakdown must be one of {action_type, story_navigation_action_type}');
		const other = metrics.find((m) => m !== owner);
		if (other) throw igErrors.param(`Incompatible breakdown: ${breakdown} is only supported with the ${owner} metric, not ${other}`);
	}
	if (media.timestamp < account.businessSince) throw igErrors.beforeBusinessConversion();
	if (media.mediaProductType === 'STORY') {
		if (now - media.timestamp >= STORY_LIFETIME_MS) return { data: [] };
		if ((media.viewers ?? Infinity) < 5) throw igErrors.notEnoughViewers();
	}
	const values = mediaValuesAt(media, account, now);
	return {
		data: metrics.map((name) => {
			const value = values[name] ?? 0;
			const totalValue: Record<string, unknown> = { value };
			if (breakdown) {
				totalValue.breakdowns = [{ dimension_keys: [breakdown], results: mediaBreakdown(media, account, name, value) }];
			}
			return { name, period: 'lifetime', values: [{ value }], total_value: totalValue, ...described(name), id: `${media.id}/insights/${name}/lifetime` };
		}),
	};
}

// ---------------------------------------------------------------- account insights

export const DEMOGRAPHIC_METRICS = ['follower_demographics', 'engaged_audience_demographics'];
/** Account metrics Meta removed (v18–v22); naming one is error 100. */
export const REMOVED_ACCOUNT_METRICS = [
	'impressions',
	'profile_views',
	'email_contacts',
	'website_clicks',
	'get_directions_clicks',
	'phone_call_clicks',
	'text_message_clicks',
	'audience_city',
	'audience_country',
	'audience_gender_age',
	'audience_locale',
	'follower_count',
	'online_followers',
];
const MIN_FOLLOWERS = 100;
export const MAX_RANGE_SEC = 2_592_000;
export const RETENTION_DAYS = 90;
const TIMEFRAMES: Record<string, number> = { this_week: 7, this_month: 30 };

const KNOWN_ACCOUNT_METRICS = [...TOTAL_VALUE_METRICS, ...DEMOGRAPHIC_METRICS];

export function accountInsights(account: IgSimAccount, query: Record<string, string>, now: number): { data: unknown[]; paging?: unknown } {
	const metrics = parseMetricList(query.metric);
	const removed = metrics.filter((m) => REMOVED_ACCOUNT_METRICS.includes(m));
	if (removed.length) throw igErrors.param(`The following metrics are no longer supported: ${removed.join(', ')}. metric[0] must be one of the following values: ${KNOWN_ACCOUNT_METRICS.join(', ')}`);
	const unknown = metrics.find((m) => !KNOWN_ACCOUNT_METRICS.includes(m));
	if (unknown) throw igErrors.param(`metric[${metrics.indexOf(unknown)}] must be one of the following values: ${KNOWN_ACCOUNT_METRICS.join(', ')}`);
	const demo = metrics.filter((m) => DEMOGRAPHIC_METRICS.includes(m));
	if (demo.length && demo.length !== metrics.length) throw igErrors.param('Demographic metrics (period=lifetime) cannot be requested together with period=day metrics');
	const period = query.period;
	if (!period) throw igErrors.param('The parameter period is required');
	if (!['day', 'week', 'days_28', 'month', 'lifetime', 'total_over_range'].includes(period))
		throw igErrors.param('param period must be one of {day, week, days_28, month, lifetime, total_over_range}');
	const metricType = query.metric_type;
	if (metricType !== undefined && metricType !== 'total_value' && metricType !== 'time_series') throw igErrors.param('param metric_type must be one of {total_value, time_series}');
	return demo.length ? demographicInsights(account, metrics, period, metricType, query, now) : totalValueInsights(account, metrics as TotalValueMetric[], period, metricType, query, now);
}

function demographicInsights(account: IgSimAccount, metrics: string[], period: string, metricType: string | undefined, query: Record<string, string>, now: number): { data: unknown[] } {
	if (period !== 'lifetime') throw igErrors.param(`Incompatible period ${period}: ${metrics.join(', ')} only support period=lifetime`);
	if (metricType !== 'total_value') throw igErrors.param(`The following metrics (${metrics.join(', ')}) should be specified with parameter metric_type=total_value`);
	const timeframe = query.timeframe;
	if (!timeframe) throw igErrors.param('The parameter timeframe is required for demographic metrics');
	if (!(timeframe in TIMEFRAMES)) throw igErrors.param('param timeframe must be one of {this_week, this_month}');
	const breakdowns = (query.breakdown ?? '').split(',').map((b) => b.trim()).filter(Boolean);
	if (breakdowns.length !== 1 || !DEMOGRAPHIC_BREAKDOWNS.includes(breakdowns[0] as DemographicBreakdown))
		throw igErrors.param('Demographic metrics need exactly one breakdown: one of age, city, country, gender');
	const breakdown = breakdowns[0] as DemographicBreakdown;
	if (metrics.includes('follower_demographics') && account.followers < MIN_FOLLOWERS)
		throw igErrors.param(`follower_demographics is not available for accounts with fewer than ${MIN_FOLLOWERS} followers`);
	return {
		data: metrics.map((name) => {
			let population = account.followers;
			if (name === 'engaged_audience_demographics') {
				const today = dayStart(now);
				population = 0;
				for (let d = today - (TIMEFRAMES[timeframe] - 1) * DAY_MS; d <= today; d += DAY_MS) population += dailyAccountValues(account, d).accounts_engaged;
			}
			const results = demographics(account, `${name}:${timeframe}`, breakdown, population);
			return {
				name,
				period: 'lifetime',
				...described(name),
				total_value: { breakdowns: [{ dimension_keys: [breakdown], results }] },
				id: `${account.id}/insights/${name}/lifetime`,
			};
		}),
	};
}

interface Range {
	since: number;
	until: number;
}

/** since/until (seconds, inclusive) for account insights; default the last 24 h. */
export function parseInsightsRange(query: Record<string, string>, now: number): Range {
	const nowSec = Math.floor(now / 1000);
	const until = query.until !== undefined ? parseTimeParam('until', query.until) : nowSec;
	const since = query.since !== undefined ? parseTimeParam('since', query.since) : until - 86_400;
	if (since >= until) throw igErrors.param(`The since parameter (${since}) must be earlier than the until parameter (${until})`);
	if (until - since > MAX_RANGE_SEC) throw igErrors.param('There cannot be more than 30 days (2592000 s) between since and until');
	if (since < nowSec - RETENTION_DAYS * 86_400) throw igErrors.param(`Insights data is only kept for ${RETENTION_DAYS} days: since must not be earlier than ${nowSec - RETENTION_DAYS * 86_400}`);
	if (since > nowSec) throw igErrors.param(`The since parameter (${since}) must not be in the future`);
	return { since, until: Math.min(until, nowSec) };
}

/**
 * Day buckets of a range: every Meta day whose start lies in [since, until) — so adjacent
 * windows (one's until = the next one's since) never count a day twice — up to now.
 * Today's bucket is partial: its values scale with the part of the day gone by.
 */
export function rangeDays(range: Range, now: number): Array<{ start: number; fraction: number }> {
	const out: Array<{ start: number; fraction: number }> = [];
	const from = range.since * 1000;
	let d = dayStart(from);
	if (d < from) d = nextDayStart(d);
	for (; d < range.until * 1000 && d <= now; d = nextDayStart(d)) out.push({ start: d, fraction: Math.min(1, (now - d) / (nextDayStart(d) - d)) });
	return out;
}

function totalValueInsights(
	account: IgSimAccount,
	metrics: TotalValueMetric[],
	period: string,
	metricType: string | undefined,
	query: Record<string, string>,
	now: number,
): { data: unknown[] } {
	if (period !== 'day') throw igErrors.param(`Incompatible period ${period}: ${metrics.join(', ')} only support period=day`);
	if (metricType === undefined) throw igErrors.param(`The following metrics (${metrics.join(', ')}) should be specified with parameter metric_type=total_value`);
	if (metricType === 'time_series') {
		const bad = metrics.filter((m) => m !== 'reach');
		if (bad.length) throw igErrors.param(`metric_type=time_series is not supported for the following metrics (${bad.join(', ')}); use metric_type=total_value`);
	}
	const breakdowns = (query.breakdown ?? '').split(',').map((b) => b.trim()).filter(Boolean) as AccountBreakdown[];
	if (breakdowns.length > 1) throw igErrors.param('The simulator supports one breakdown per request; send one breakdown at a time');
	for (const b of breakdowns) if (!(b in ACCOUNT_BREAKDOWN_VALUES)) throw igErrors.param(`param breakdown must be one of {${Object.keys(ACCOUNT_BREAKDOWN_VALUES).join(', ')}}`);
	if (breakdowns.length && metricType === 'time_series') throw igErrors.param('Breakdowns are only supported with metric_type=total_value');
	for (const m of metrics)
		for (const b of breakdowns) if (!METRIC_BREAKDOWNS[m].includes(b)) throw igErrors.param(`Incompatible breakdown: ${b} is not supported for the ${m} metric`);
	if (metrics.includes('follows_and_unfollows') && account.followers < MIN_FOLLOWERS)
		throw igErrors.param(`follows_and_unfollows is not available for accounts with fewer than ${MIN_FOLLOWERS} followers`);
	const range = parseInsightsRange(query, now);
	const days = rangeDays(range, now).map((d) => ({ ...d, values: dailyAccountValues(account, d.start, d.fraction) }));
	return {
		data: metrics.map((name) => {
			const base = { name, period: 'day', ...described(name), id: `${account.id}/insights/${name}/day` };
			if (metricType === 'time_series') {
				return { ...base, values: days.map((d) => ({ value: d.values[name], end_time: formatTimestamp(nextDayStart(d.start)) })) };
			}
			const value = days.reduce((s, d) => s + d.values[name], 0);
			const totalValue: Record<string, unknown> = { value };
			if (breakdowns.length) {
				totalValue.breakdowns = breakdowns.map((b) => {
					const sums = ACCOUNT_BREAKDOWN_VALUES[b].map(() => 0);
					for (const d of days) dailySplit(account, d.start, name, b, d.values[name]).forEach((v, i) => (sums[i] += v));
					return {
						dimension_keys: [b],
						results: ACCOUNT_BREAKDOWN_VALUES[b].map((k, i) => ({ dimension_values: [k], value: sums[i] })).filter((r) => r.value > 0),
					};
				});
			}
			return { ...base, total_value: totalValue };
		}),
	};
}
