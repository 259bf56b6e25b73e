/**
 * The simulated Instagram world: professional accounts, their media, and every number the
 * insights endpoints report. Pure functions of (account, time): no HTTP, no tokens.
 *
 * - Media: each media has lifetime totals fixed by (account seed, media id); the value at
 *   time t follows the Threads simulator's growth curve (stories grow over hours).
 * - Account insights: one set of integer values per Meta reporting day, fixed by
 *   (account seed, day). A range is the sum of its days, breakdowns are per-day splits
 *   summed, so any split of a range into windows adds up to the whole.
 */
import { DateTime } from 'luxon';

import { hash53, numericId, randomFor, seededRandom, shortcodeFor } from '../random';
import { DAY_MS, growthAt, HOUR_MS } from '../world';

export { DAY_MS, HOUR_MS };

export type IgMediaProductType = 'FEED' | 'REELS' | 'STORY' | 'AD';
export type IgMediaType = 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';

export interface IgSimMedia {
	id: string;
	mediaProductType: IgMediaProductType;
	mediaType: IgMediaType;
	/** Publish time, ms epoch. */
	timestamp: number;
	caption?: string;
	/** Carousel items (IMAGE / VIDEO), CAROUSEL_ALBUM only. */
	children?: IgSimMedia[];
	/** STORY only: people who saw it (insights need ≥ 5). Also the story's reach. */
	viewers?: number;
	/** Fixed lifetime values; override the generated ones (metric name → value). */
	metrics?: Partial<Record<string, number>>;
}

export interface IgSimAccount {
	/** Instagram professional account id (what /me returns as user_id). */
	id: string;
	username: string;
	followers: number;
	/** ms epoch: media published before this → error 100 / 2108006. */
	businessSince: number;
	/** Newest first. Mutable: the simulator reads it on every request. */
	media: IgSimMedia[];
	seed: number;
}

export const GENERATED_SPAN_DAYS = 60;
export const STORY_LIFETIME_MS = 24 * HOUR_MS;

// ---------------------------------------------------------------- media generation

const CAPTIONS = [
	'Behind the scenes of this week\'s shoot 📸',
	'Three automation tips that saved me hours this month',
	'New drop! Which one is your favourite?',
	'Morning routine, honest version ☕️',
	'Swipe for the before and after ➡️',
	'Q&A answers are up: link in bio',
	'Studio tour, finally',
	'What I learned from posting every day for 30 days',
	'Tiny wins > big plans',
	'Weekend reset 🌿',
];

export function mediaId(key: string): string {
	return numericId('179', key, 14);
}

/** One generated media item (not a story); `key` fixes everything about it. */
export function generateMediaItem(key: string, timestamp: number, kind?: 'IMAGE' | 'CAROUSEL' | 'REEL' | 'STORY'): IgSimMedia {
	const r = randomFor(`igmedia:${key}`);
	const roll = r();
	const chosen = kind ?? (roll < 0.45 ? 'IMAGE' : roll < 0.65 ? 'CAROUSEL' : 'REEL');
	const id = mediaId(key);
	const caption = CAPTIONS[Math.floor(r() * CAPTIONS.length)];
	switch (chosen) {
		case 'IMAGE':
			return { id, mediaProductType: 'FEED', mediaType: 'IMAGE', timestamp, caption };
		case 'REEL':
			return { id, mediaProductType: 'REELS', mediaType: 'VIDEO', timestamp, caption };
		case 'STORY':
			return { id, mediaProductType: 'STORY', mediaType: r() < 0.5 ? 'IMAGE' : 'VIDEO', timestamp, viewers: 40 + Math.floor(r() * 400) };
		case 'CAROUSEL': {
			const n = 2 + Math.floor(r() * 4);
			const children: IgSimMedia[] = [];
			for (let i = 0; i < n; i++)
				children.push({ id: mediaId(`${key}:child:${i}`), mediaProductType: 'FEED', mediaType: r() < 0.8 ? 'IMAGE' : 'VIDEO', timestamp });
			return { id, mediaProductType: 'FEED', mediaType: 'CAROUSEL_ALBUM', timestamp, caption, children };
		}
	}
}

/** `count` feed/reels media spread over the 60 days before now, newest first. */
export function generateMedia(accountId: string, seed: number, count: number, now: number): IgSimMedia[] {
	const r = seededRandom(hash53(`igmedia-times:${accountId}`, seed) % 4294967296);
	const out: IgSimMedia[] = [];
	for (let i = 0; i < count; i++) {
		const age = ((i + 0.2 + 0.6 * r()) / Math.max(count, 1)) * GENERATED_SPAN_DAYS * DAY_MS;
		out.push(generateMediaItem(`${accountId}:${seed}:${i}`, Math.floor((now - age) / 1000) * 1000));
	}
	return out.sort((a, b) => b.timestamp - a.timestamp);
}

export function shortcodeOf(media: IgSimMedia): string {
	return shortcodeFor(media.id);
}

// ---------------------------------------------------------------- media metrics

export const FEED_METRICS = ['comments', 'likes', 'saved', 'shares', 'reach', 'views', 'reposts', 'total_interactions', 'follows', 'profile_visits', 'profile_activity', 'facebook_views'] as const;
export const REELS_METRICS = [
	'comments',
	'likes',
	'saved',
	'shares',
	'reach',
	'views',
	'reposts',
	'total_interactions',
	'facebook_views',
	'ig_reels_avg_watch_time',
	'ig_reels_video_view_total_time',
	'reels_skip_rate',
	'crossposted_views',
] as const;
export const STORY_METRICS = ['reach', 'views', 'replies', 'shares', 'reposts', 'total_interactions', 'follows', 'profile_visits', 'profile_activity', 'navigation'] as const;

/** Valid media metrics per media product type (AD media are answered like FEED). */
export function mediaMetricsFor(type: IgMediaProductType): readonly string[] {
	return type === 'REELS' ? REELS_METRICS : type === 'STORY' ? STORY_METRICS : FEED_METRICS;
}

/** Media metrics only graph.facebook.com answers (Facebook Login): Apr 2026 totals, Jun 2026 story link clicks. */
export function facebookOnlyMediaMetrics(type: IgMediaProductType): readonly string[] {
	return type === 'STORY' ? ['link_clicks'] : ['total_likes', 'total_comments', 'total_views'];
}

/** Media metrics Meta removed (v18–v22); naming one is error 100. */
export const REMOVED_MEDIA_METRICS = [
	'impressions',
	'plays',
	'video_views',
	'engagement',
	'exits',
	'taps_forward',
	'taps_back',
	'carousel_album_engagement',
	'carousel_album_impressions',
	'carousel_album_reach',
	'carousel_album_saved',
	'carousel_album_video_views',
	'clips_replays_count',
	'ig_reels_aggregated_all_plays_count',
];

export const PROFILE_ACTION_TYPES = ['BIO_LINK_CLICKED', 'CALL', 'DIRECTION', 'EMAIL', 'OTHER', 'TEXT'];
export const STORY_NAVIGATION_TYPES = ['TAP_FORWARD', 'TAP_BACK', 'TAP_EXIT', 'SWIPE_FORWARD'];

export type MediaValues = Record<string, number>;

/** Lifetime values of every metric valid for the media's type, read at time `at`. */
export function mediaValuesAt(media: IgSimMedia, account: IgSimAccount, at: number): MediaValues {
	const r = randomFor(`igmetrics:${account.seed}:${media.id}`);
	const followers = Math.max(account.followers, 50);
	const age = at - media.timestamp;
	const story = media.mediaProductType === 'STORY';
	// Stories collect their views within hours, feed media within a couple of days.
	const g = story ? 1 - Math.exp(-Math.max(age, 0) / (2 * HOUR_MS)) : growthAt(age);
	const boost = media.mediaProductType === 'REELS' ? 0.3 + 2.2 * r() ** 2 : media.mediaType === 'CAROUSEL_ALBUM' ? 0.25 + 0.5 * r() : 0.15 + 0.45 * r();
	const reach = story ? (media.viewers ?? Math.round(followers * (0.05 + 0.1 * r()))) : followers * boost;
	const views = reach * (1.2 + 0.8 * r());
	const likes = reach * (0.03 + 0.06 * r());
	const lifetime: MediaValues = {
		reach,
		views,
		likes,
		comments: likes * (0.02 + 0.06 * r()),
		saved: reach * (0.005 + 0.015 * r()),
		shares: reach * (0.002 + 0.013 * r()),
		reposts: reach * (0.0005 + 0.002 * r()),
		replies: story ? reach * (0.005 + 0.02 * r()) : 0,
		follows: reach * (0.001 + 0.003 * r()),
		profile_visits: reach * (0.01 + 0.02 * r()),
		facebook_views: r() < 0.4 ? views * (0.05 + 0.2 * r()) : 0,
	};
	const out: MediaValues = {};
	const fixedOr = (name: string, generated: number) => media.metrics?.[name] ?? generated;
	for (const [name, total] of Object.entries(lifetime)) out[name] = fixedOr(name, Math.floor(total * g));
	// Story reach is its viewers, not a growing curve.
	if (story && media.viewers !== undefined) out.reach = fixedOr('reach', media.viewers);
	out.total_interactions = fixedOr(
		'total_interactions',
		story ? out.replies + out.shares + out.reposts : out.likes + out.comments + out.saved + out.shares + out.reposts,
	);
	out.profile_activity = fixedOr('profile_activity', Math.floor(out.profile_visits * (0.1 + 0.2 * r())));
	out.navigation = fixedOr('navigation', Math.floor(out.views * (0.9 + 0.3 * r())));
	const avgWatch = Math.round(3000 + 12000 * r());
	out.ig_reels_avg_watch_time = fixedOr('ig_reels_avg_watch_time', out.views > 0 ? avgWatch : 0);
	out.ig_reels_video_view_total_time = fixedOr('ig_reels_video_view_total_time', out.ig_reels_avg_watch_time * out.views);
	out.reels_skip_rate = fixedOr('reels_skip_rate', out.views > 0 ? Math.round((15 + 45 * r()) * 10) / 10 : 0);
	out.crossposted_views = fixedOr('crossposted_views', out.views + out.facebook_views);
	// Instagram plus Facebook (crossposts): Facebook's share follows its views.
	const facebookShare = out.views > 0 ? out.facebook_views / out.views : 0;
	out.total_views = fixedOr('total_views', out.views + out.facebook_views);
	out.total_likes = fixedOr('total_likes', out.likes + Math.floor(out.likes * facebookShare));
	out.total_comments = fixedOr('total_comments', out.comments + Math.floor(out.comments * facebookShare));
	out.link_clicks = fixedOr('link_clicks', story ? Math.floor(out.views * (0.01 + 0.03 * r())) : 0);
	return out;
}

/** A breakdown of a media metric (profile_activity by action_type, navigation by story_navigation_action_type). */
export function mediaBreakdown(media: IgSimMedia, account: IgSimAccount, metric: string, total: number): Array<{ dimension_values: string[]; value: number }> {
	const keys = metric === 'navigation' ? STORY_NAVIGATION_TYPES : PROFILE_ACTION_TYPES;
	const weights = metric === 'navigation' ? [0.7, 0.08, 0.12, 0.1] : [0.5, 0.08, 0.1, 0.07, 0.2, 0.05];
	const r = randomFor(`igbreakdown:${account.seed}:${media.id}:${metric}`);
	return splitTotal(total, keys, weights.map((w) => w * (0.6 + 0.8 * r())))
		.filter(([, v]) => v > 0)
		.map(([k, v]) => ({ dimension_values: [k], value: v }));
}

// ---------------------------------------------------------------- account insights (daily)

/**
 * Instagram's reporting day: its pages say daily periods end on UTC−07:00 (a May example
 * stamps 07:00 UTC) and stamp January days at 08:00 UTC, i.e. Pacific midnight, with DST.
 */
export const IG_DAY_ZONE = 'America/Los_Angeles';

/** Start (ms) of the Meta reporting day containing `ms` (00:00 Pacific). */
export function dayStart(ms: number): number {
	return DateTime.fromMillis(ms, { zone: IG_DAY_ZONE }).startOf('day').toMillis();
}

/** Start (ms) of the reporting day after the one starting at `start` (23 or 25 hours across DST). */
export function nextDayStart(start: number): number {
	return DateTime.fromMillis(start, { zone: IG_DAY_ZONE }).plus({ days: 1 }).startOf('day').toMillis();
}

export const TOTAL_VALUE_METRICS = [
	'accounts_engaged',
	'replies',
	'reposts',
	'comments',
	'likes',
	'saves',
	'shares',
	'total_interactions',
	'views',
	'reach',
	'follows_and_unfollows',
	'profile_links_taps',
] as const;
export type TotalValueMetric = (typeof TOTAL_VALUE_METRICS)[number];

export type AccountBreakdown = 'media_product_type' | 'follow_type' | 'contact_button_type';
export const ACCOUNT_BREAKDOWN_VALUES: Record<AccountBreakdown, string[]> = {
	media_product_type: ['AD', 'FEED', 'REELS', 'STORY'],
	follow_type: ['FOLLOWER', 'NON_FOLLOWER', 'UNKNOWN'],
	contact_button_type: ['BOOK_NOW', 'CALL', 'DIRECTION', 'EMAIL', 'INSTANT_EXPERIENCE', 'TEXT', 'UNDEFINED'],
};
const BREAKDOWN_WEIGHTS: Record<AccountBreakdown, number[]> = {
	media_product_type: [0.04, 0.3, 0.5, 0.16],
	follow_type: [0.4, 0.55, 0.05],
	contact_button_type: [0.05, 0.1, 0.15, 0.2, 0.02, 0.08, 0.4],
};

/** Allowed breakdowns per total-value metric, as the facts file lists them. */
export const METRIC_BREAKDOWNS: Record<TotalValueMetric, AccountBreakdown[]> = {
	accounts_engaged: [],
	replies: [],
	reposts: [],
	comments: ['media_product_type'],
	likes: ['media_product_type'],
	saves: ['media_product_type'],
	shares: ['media_product_type'],
	total_interactions: ['media_product_type'],
	views: ['follow_type', 'media_product_type'],
	reach: ['media_product_type', 'follow_type'],
	follows_and_unfollows: ['follow_type'],
	profile_links_taps: ['contact_button_type'],
};

/** One day's values for every total-value metric. `fraction` < 1 for today's unfinished day. */
export function dailyAccountValues(account: IgSimAccount, day: number, fraction = 1): Record<TotalValueMetric, number> {
	const r = randomFor(`igday:${account.id}:${account.seed}:${day}`);
	const weekday = new Date(day).getUTCDay();
	const weekend = weekday === 0 || weekday === 6 ? 1.25 : 1;
	const followers = Math.max(account.followers, 20);
	const scale = (v: number) => Math.floor(v * fraction);
	const reach = followers * (0.15 + 0.25 * r()) * weekend;
	const likes = reach * (0.04 + 0.04 * r());
	const comments = likes * (0.03 + 0.05 * r());
	const saves = reach * (0.004 + 0.01 * r());
	const shares = reach * (0.003 + 0.01 * r());
	const replies = reach * (0.001 + 0.004 * r());
	const reposts = reach * (0.0005 + 0.002 * r());
	const values = {
		reach: scale(reach),
		views: scale(reach * (2 + 1.5 * r())),
		likes: scale(likes),
		comments: scale(comments),
		saves: scale(saves),
		shares: scale(shares),
		replies: scale(replies),
		reposts: scale(reposts),
		follows_and_unfollows: scale(reach * (0.002 + 0.006 * r())),
		profile_links_taps: scale(reach * (0.004 + 0.01 * r())),
	};
	const total_interactions = values.likes + values.comments + values.saves + values.shares + values.replies + values.reposts;
	return { ...values, total_interactions, accounts_engaged: Math.floor(total_interactions * (0.5 + 0.2 * r())) };
}

/** One day's split of a total over a breakdown's values (integers, summing to the total). */
export function dailySplit(account: IgSimAccount, day: number, metric: string, breakdown: AccountBreakdown, total: number): number[] {
	const r = randomFor(`igsplit:${account.id}:${account.seed}:${day}:${metric}:${breakdown}`);
	return splitTotal(total, ACCOUNT_BREAKDOWN_VALUES[breakdown], BREAKDOWN_WEIGHTS[breakdown].map((w) => w * (0.75 + 0.5 * r()))).map(([, v]) => v);
}

/** Largest-remainder split of an integer total by weights. */
export function splitTotal(total: number, keys: string[], weights: number[]): Array<[string, number]> {
	const sum = weights.reduce((a, b) => a + b, 0);
	const exact = weights.map((w) => (total * w) / sum);
	const parts = exact.map(Math.floor);
	let left = total - parts.reduce((a, b) => a + b, 0);
	const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (let i = 0; left > 0; i = (i + 1) % order.length, left--) parts[order[i][1]]++;
	return keys.map((k, i) => [k, parts[i]]);
}

// ---------------------------------------------------------------- demographics

export type DemographicBreakdown = 'age' | 'city' | 'country' | 'gender';
export const DEMOGRAPHIC_BREAKDOWNS: readonly DemographicBreakdown[] = ['age', 'city', 'country', 'gender'];
export const DEMOGRAPHICS_TOP = 45;

/** Most common first (the order real audiences usually have). */
const AGES = ['25-34', '18-24', '35-44', '45-54', '13-17', '55-64', '65+'];
const GENDERS = ['F', 'M', 'U'];
const COUNTRIES = 'US GB DE FR IT ES BR MX CA AU IN ID JP KR NL SE NO DK FI PL PT IE BE CH AT TR AR CL CO PE ZA NG EG KE MA SA AE IL PH TH VN MY SG NZ UA RO GR CZ HU'.split(' ');
const CITIES = [
	'New York, New York', 'Los Angeles, California', 'London, England', 'Berlin, Berlin', 'Paris, Île-de-France', 'Madrid, Comunidad de Madrid', 'Rome, Lazio',
	'São Paulo, São Paulo (state)', 'Mexico City, Distrito Federal', 'Toronto, Ontario', 'Sydney, New South Wales', 'Mumbai, Maharashtra', 'Jakarta, Jakarta',
	'Tokyo, Tokyo', 'Seoul, Seoul', 'Amsterdam, North Holland', 'Stockholm, Stockholm County', 'Oslo, Oslo', 'Copenhagen, Capital Region of Denmark',
	'Helsinki, Uusimaa', 'Warsaw, Masovian Voivodeship', 'Lisbon, Lisbon District', 'Dublin, Dublin', 'Brussels, Brussels', 'Zürich, Zürich', 'Vienna, Vienna',
	'Istanbul, Istanbul Province', 'Buenos Aires, Buenos Aires', 'Santiago, Santiago Metropolitan Region', 'Bogotá, Distrito Especial', 'Lima, Lima Region',
	'Cape Town, Western Cape', 'Lagos, Lagos State', 'Cairo, Cairo Governorate', 'Nairobi, Nairobi', 'Casablanca, Grand Casablanca', 'Riyadh, Riyadh Region',
	'Dubai, Dubai', 'Tel Aviv, Tel Aviv District', 'Manila, Metro Manila', 'Bangkok, Bangkok', 'Ho Chi Minh City, Ho Chi Minh City', 'Kuala Lumpur, Kuala Lumpur',
	'Singapore, Singapore', 'Auckland, Auckland Region', 'Kyiv, Kyiv City', 'Bucharest, Bucharest', 'Athens, Attica', 'Prague, Prague', 'Budapest, Budapest',
	'Chicago, Illinois', 'Houston, Texas', 'Manchester, England', 'Munich, Bavaria', 'Barcelona, Catalonia',
];
const DIMENSION_KEYS: Record<DemographicBreakdown, string[]> = { age: AGES, gender: GENDERS, country: COUNTRIES, city: CITIES };

/**
 * Audience split for a demographic breakdown: Zipf-like weights fixed per account,
 * scaled to `population`, sorted by value, top 45 only (zeros dropped).
 */
export function demographics(account: IgSimAccount, kind: string, breakdown: DemographicBreakdown, population: number): Array<{ dimension_values: string[]; value: number }> {
	const keys = DIMENSION_KEYS[breakdown];
	const r = randomFor(`igdemo:${account.id}:${account.seed}:${kind}:${breakdown}`);
	// Ages and genders keep their realistic order; countries and cities are ranked per account.
	const ranked = breakdown === 'age' || breakdown === 'gender' ? [...keys] : [...keys].sort((a, b) => hash53(`${account.seed}:${a}`) - hash53(`${account.seed}:${b}`));
	const weights = ranked.map((_, i) => (0.7 + 0.6 * r()) / (i + 1) ** 0.9);
	return splitTotal(population, ranked, weights)
		.filter(([, v]) => v > 0)
		.sort((a, b) => b[1] - a[1])
		.slice(0, DEMOGRAPHICS_TOP)
		.map(([k, v]) => ({ dimension_values: [k], value: v }));
}
