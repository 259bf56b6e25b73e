/**
 * Media insights (/{media-id}/insights) and user insights (/{user-id}/threads_insights),
 * read off the engagement model in world.ts.
 */
import { errors } from './errors';
import { META_DAY_OFFSET_MS, parseTimeParam, USER_INSIGHTS_EPOCH_SEC } from './params';
import { formatTimestamp } from './render';
import {
	DAY_MS,
	DEMOGRAPHIC_BREAKDOWNS,
	DemographicBreakdown,
	engagementGained,
	followerDemographics,
	linkClicksGained,
	MEDIA_METRICS,
	MediaMetric,
	mediaMetricsAt,
	profileViewsInDay,
	SimPost,
	SimUser,
} from './world';

/** Parse the required, comma-separated `metric` parameter against an allowed list, keeping order. */
export function parseMetrics<T extends string>(raw: string | undefined, allowed: readonly T[]): T[] {
	if (raw === undefined || raw.trim() === '') throw errors.param('The parameter metric is required');
	const names = raw.split(',').map((m) => m.trim());
	names.forEach((name, i) => {
		if (!(allowed as readonly string[]).includes(name))
			throw errors.param(`metric[${i}] must be one of the following values: ${allowed.join(', ')} (got '${name}')`);
	});
	return [...new Set(names)] as T[];
}

// ---------------------------------------------------------------- media insights

const MEDIA_METRIC_TEXT: Record<MediaMetric, [title: string, description: string]> = {
	views: ['Views', 'The number of times your post was played or displayed.'],
	likes: ['Likes', 'The number of likes on your post.'],
	replies: ['Replies', 'The number of replies on your post.'],
	reposts: ['Reposts', 'The number of times your post was reposted.'],
	quotes: ['Quotes', 'The number of times your post was quoted.'],
	shares: ['Shares', 'The number of shares of your post.'],
};

export function mediaInsights(post: SimPost, owner: SimUser, metricParam: string | undefined, now: number): { data: unknown[] } {
	const metrics = parseMetrics(metricParam, MEDIA_METRICS);
	// Reposts are posts made by other users: Meta returns an empty list for them.
	if (post.mediaType === 'REPOST_FACADE') return { data: [] };
	const values = mediaMetricsAt(post, owner, now);
	return {
		data: metrics.map((name) => ({
			name,
			period: 'lifetime',
			values: [{ value: values[name] }],
			title: MEDIA_METRIC_TEXT[name][0],
			description: MEDIA_METRIC_TEXT[name][1],
			id: `${post.id}/insights/${name}/lifetime`,
		})),
	};
}

// ---------------------------------------------------------------- user insights

export const USER_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'clicks', 'followers_count', 'follower_demographics'] as const;
export type UserMetric = (typeof USER_METRICS)[number];

const USER_METRIC_DESCRIPTION: Record<UserMetric, string> = {
	views: 'The number of times your profile was viewed.',
	likes: 'The number of likes on your posts.',
	replies: 'The number of replies on your posts.',
	reposts: 'The number of times your posts were reposted.',
	quotes: 'The number of times your posts were quoted.',
	clicks: 'The number of times users clicked on a link.',
	followers_count: 'Your total number of followers on Threads.',
	follower_demographics: 'The demographic characteristics of followers, including countries, cities, and gender distribution.',
};

/** Metrics that describe the account as it is now: no since/until, need a linked Instagram account. */
const SNAPSHOT_METRICS: readonly UserMetric[] = ['followers_count', 'follower_demographics'];
const MIN_FOLLOWERS_FOR_DEMOGRAPHICS = 100;

/** Start (ms) of the Meta reporting day containing `ms`. */
export function metaDayStart(ms: number): number {
	return Math.floor((ms - META_DAY_OFFSET_MS) / DAY_MS) * DAY_MS + META_DAY_OFFSET_MS;
}

interface DayRange {
	/** First bucket start, ms. */
	from: number;
	/** End of the last bucket, capped at now, ms. */
	to: number;
	/** Bucket starts, oldest first. */
	days: number[];
}

export function userInsights(user: SimUser, query: Record<string, string>, now: number): { data: unknown[] } {
	const metrics = parseMetrics(query.metric, USER_METRICS);
	const breakdown = parseBreakdown(metrics, query.breakdown);
	const range = parseInsightsRange(metrics, query, now);
	if (metrics.some((m) => SNAPSHOT_METRICS.includes(m)) && !user.linkedInstagram) throw errors.featureNotAvailable();
	if (breakdown && user.followers < MIN_FOLLOWERS_FOR_DEMOGRAPHICS)
		throw errors.param(`follower_demographics is only available for Threads profiles with at least ${MIN_FOLLOWERS_FOR_DEMOGRAPHICS} followers`);
	return { data: metrics.map((name) => userMetric(user, name, range, breakdown, now)) };
}

/** follower_demographics needs exactly one breakdown; a breakdown needs follower_demographics. */
function parseBreakdown(metrics: UserMetric[], raw: string | undefined): DemographicBreakdown | undefined {
	const wantsDemographics = metrics.includes('follower_demographics');
	if (!wantsDemographics) {
		if (raw !== undefined) throw errors.param('The breakdown parameter is only supported with the follower_demographics metric');
		return undefined;
	}
	const values = (raw ?? '').split(',').map((b) => b.trim()).filter(Boolean);
	if (values.length !== 1 || !(DEMOGRAPHIC_BREAKDOWNS as readonly string[]).includes(values[0]))
		throw errors.param(`follower_demographics requires exactly one breakdown, one of: ${DEMOGRAPHIC_BREAKDOWNS.join(', ')}`);
	return values[0] as DemographicBreakdown;
}

/**
 * since/until for user insights. Omitted: yesterday through today. The simulator is
 * strict where Meta's docs say a metric "does not support" since/until: sending them
 * with followers_count / follower_demographics is an error, so clients are proven to
 * leave them out. Values before 1712991600 are rejected, as documented.
 */
function parseInsightsRange(metrics: UserMetric[], query: Record<string, string>, now: number): DayRange {
	const snapshot = metrics.find((m) => SNAPSHOT_METRICS.includes(m));
	if (snapshot && (query.since !== undefined || query.until !== undefined))
		throw errors.param(`The ${snapshot} metric does not support the since and until parameters`);
	const parsed: { since?: number; until?: number } = {};
	for (const name of ['since', 'until'] as const) {
		if (query[name] === undefined) continue;
		const sec = parseTimeParam(name, query[name]);
		if (sec < USER_INSIGHTS_EPOCH_SEC) throw errors.param(`The ${name} parameter (${query[name]}) is before ${USER_INSIGHTS_EPOCH_SEC}, the earliest supported timestamp for user insights`);
		parsed[name] = sec * 1000;
	}
	if (parsed.since !== undefined && parsed.until !== undefined && parsed.since >= parsed.until)
		throw errors.param(`The since parameter (${query.since}) must be earlier than the until parameter (${query.until})`);
	if (parsed.since !== undefined && parsed.since > now) throw errors.param(`The since parameter (${query.since}) must not be in the future`);
	const until = Math.min(parsed.until ?? now, now);
	const since = parsed.since ?? metaDayStart(until) - DAY_MS;
	// Meta reports whole days: every day bucket that starts before `until` (and has begun).
	const days: number[] = [];
	for (let day = metaDayStart(since); day < until; day += DAY_MS) days.push(day);
	const to = days.length ? Math.min(days[days.length - 1] + DAY_MS, now) : since;
	return { from: days[0] ?? since, to, days };
}

function userMetric(user: SimUser, name: UserMetric, range: DayRange, breakdown: DemographicBreakdown | undefined, now: number): Record<string, unknown> {
	const head = { name, period: name === 'follower_demographics' ? 'lifetime' : 'day' };
	const tail = { title: name, description: USER_METRIC_DESCRIPTION[name], id: `${user.id}/insights/${name}/${head.period}` };
	switch (name) {
		case 'views':
			return {
				...head,
				values: range.days.map((day) => ({ value: profileViewsInDay(user, day, now), end_time: formatTimestamp(day + DAY_MS) })),
				...tail,
			};
		case 'likes':
		case 'replies':
		case 'reposts':
		case 'quotes':
			return { ...head, total_value: { value: engagementGained(user, range.from, range.to)[name] }, ...tail };
		case 'clicks':
			return { ...head, link_total_values: linkClicksGained(user, range.from, range.to), ...tail };
		case 'followers_count':
			return { ...head, total_value: { value: user.followers }, ...tail };
		case 'follower_demographics':
			return {
				...head,
				total_value: { breakdowns: [{ dimension_keys: [breakdown as string], results: followerDemographics(user, breakdown as DemographicBreakdown) }] },
				...tail,
			};
	}
}
