/**
 * Everything particular to Instagram's Graph API (Instagram Login, graph.instagram.com), as
 * of 2026: which metrics exist for which media type, which account metrics take which
 * breakdown, how far a range may reach. Shared code reads these tables; nothing else in the
 * Instagram node branches on Instagram's rules.
 */
import type { InsightShapes } from '../shared/insights/insightsNormaliser';
import type { LongLivedTokenEndpoints } from '../shared/tokens/longLivedToken';

export const INSTAGRAM_API_BASE_URL = 'https://graph.instagram.com/v23.0';

export const INSTAGRAM_SCOPES = {
	basic: 'instagram_business_basic',
	insights: 'instagram_business_manage_insights',
} as const;

export type IgMediaKind = 'FEED' | 'REELS' | 'STORY';

/** Valid lifetime metrics per media kind (carousel parents are FEED; carousel children have none). */
export const MEDIA_METRICS_BY_KIND: Record<IgMediaKind, readonly string[]> = {
	FEED: ['views', 'reach', 'likes', 'comments', 'saved', 'shares', 'reposts', 'total_interactions', 'follows', 'profile_visits', 'facebook_views'],
	REELS: [
		'views',
		'reach',
		'likes',
		'comments',
		'saved',
		'shares',
		'reposts',
		'total_interactions',
		'ig_reels_avg_watch_time',
		'ig_reels_video_view_total_time',
		'reels_skip_rate',
		'crossposted_views',
		'facebook_views',
	],
	STORY: ['views', 'reach', 'replies', 'shares', 'reposts', 'total_interactions', 'follows', 'profile_visits'],
};

export const ALL_MEDIA_METRICS = [...new Set(Object.values(MEDIA_METRICS_BY_KIND).flat())].sort();

/** The media kind whose metric table applies (AD media report like FEED). */
export function mediaKindOf(mediaProductType: string | undefined): IgMediaKind {
	if (mediaProductType === 'REELS' || mediaProductType === 'STORY') return mediaProductType;
	return 'FEED';
}

/** Account metrics answered as `total_value`, with the breakdowns each one accepts. */
export const ACCOUNT_METRIC_BREAKDOWNS: Record<string, readonly string[]> = {
	accounts_engaged: [],
	comments: ['media_product_type'],
	follows_and_unfollows: ['follow_type'],
	likes: ['media_product_type'],
	profile_links_taps: ['contact_button_type'],
	reach: ['media_product_type', 'follow_type'],
	replies: [],
	reposts: [],
	saves: ['media_product_type'],
	shares: ['media_product_type'],
	total_interactions: ['media_product_type'],
	views: ['follow_type', 'media_product_type'],
};

/** Every account metric above is a total (no per-day series, no per-link values). */
export const ACCOUNT_METRIC_SHAPES: InsightShapes = { timeSeries: [], perLink: [], demographics: [] };

export const DEMOGRAPHIC_BREAKDOWNS = ['age', 'city', 'country', 'gender'];

/**
 * Meta's day for Instagram insights: its pages say daily periods end on UTC−07:00 (summer)
 * and stamp winter days at 08:00 UTC, i.e. Pacific midnight. Ranges are aligned to these days.
 */
export const INSTAGRAM_INSIGHTS_DAY_ZONE = 'America/Los_Angeles';

/** Meta refuses more than 30 days between since and until. */
export const MAX_RANGE_SECONDS = 30 * 86400;
/** Account insights are kept 90 days. */
export const ACCOUNT_HISTORY_SECONDS = 90 * 86400;

export const PAGE_SIZE_MAX = 100;

export const MEDIA_FIELDS = [
	'id',
	'caption',
	'media_type',
	'media_product_type',
	'media_url',
	'permalink',
	'thumbnail_url',
	'timestamp',
	'like_count',
	'comments_count',
	'children',
] as const;

export const DEFAULT_MEDIA_FIELDS = ['id', 'caption', 'media_type', 'media_product_type', 'permalink', 'timestamp'];

export const INSTAGRAM_TOKEN_ENDPOINTS: LongLivedTokenEndpoints = {
	platform: 'Instagram',
	credentialName: 'Instagram Self-Renewing Token API',
	baseUrl: 'https://graph.instagram.com',
	exchangePath: '/access_token',
	exchangeGrant: 'ig_exchange_token',
	refreshPath: '/refresh_access_token',
	refreshGrant: 'ig_refresh_token',
	// graph.instagram.com has no debug endpoint: a token's lifetime is learned by exchanging it.
};
