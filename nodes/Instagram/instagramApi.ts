/**
 * Everything particular to Instagram's Graph API, as of 2026: which metrics exist for which
 * media type, which account metrics take which breakdown, how far a range may reach, and the
 * two login paths (`INSTAGRAM_LOGIN_PATHS`: Instagram Login on graph.instagram.com, Facebook
 * Login on graph.facebook.com), which with Threads make the three rows of Meta platforms this
 * package reads. Shared code reads these tables; nothing else in the Instagram node branches
 * on Instagram's rules.
 */
import type { InsightShapes } from '../shared/insights/insightsNormaliser';
import type { LongLivedTokenEndpoints } from '../shared/tokens/longLivedToken';

export const INSTAGRAM_API_BASE_URL = 'https://graph.instagram.com/v23.0';
/** The Graph version n8n 2.41's own Facebook OAuth2 credential uses. */
export const FACEBOOK_GRAPH_BASE_URL = 'https://graph.facebook.com/v25.0';

export const INSTAGRAM_SCOPES = {
	basic: 'instagram_business_basic',
	insights: 'instagram_business_manage_insights',
} as const;

export type IgMediaKind = 'FEED' | 'REELS' | 'STORY';

export type InstagramLoginKey = 'instagramLogin' | 'facebookLogin';

/** What differs between the two ways to reach an Instagram professional account. */
export interface InstagramLoginPath {
	key: InstagramLoginKey;
	baseUrl: string;
	credentialType: string;
	/** Shown in error messages. */
	credentialName: string;
	scopes: { basic: string; insights: string };
	/**
	 * How the account is addressed: Instagram Login's token is the account (`/me`); a Facebook
	 * token sees Pages, so the account's ID is chosen on the node.
	 */
	accountChosen: boolean;
	/** The account's own fields naming its ID (`user_id` on graph.instagram.com, `id` on graph.facebook.com). */
	accountIdField: 'user_id' | 'id';
	/** Media metrics only this path has, per media kind. */
	extraMediaMetrics: Partial<Record<IgMediaKind, readonly string[]>>;
}

export const INSTAGRAM_LOGIN_PATHS: Record<InstagramLoginKey, InstagramLoginPath> = {
	instagramLogin: {
		key: 'instagramLogin',
		baseUrl: INSTAGRAM_API_BASE_URL,
		credentialType: 'instagramApi',
		credentialName: 'Instagram',
		scopes: INSTAGRAM_SCOPES,
		accountChosen: false,
		accountIdField: 'user_id',
		extraMediaMetrics: {},
	},
	facebookLogin: {
		key: 'facebookLogin',
		baseUrl: FACEBOOK_GRAPH_BASE_URL,
		credentialType: 'instagramFacebookApi',
		credentialName: 'Instagram (Facebook Login)',
		scopes: { basic: 'instagram_basic', insights: 'instagram_manage_insights' },
		accountChosen: true,
		accountIdField: 'id',
		// Apr 2026 (total_*) and Jun 2026 (story link_clicks) additions, Facebook Login only.
		extraMediaMetrics: { FEED: ['total_likes', 'total_comments', 'total_views'], REELS: ['total_likes', 'total_comments', 'total_views'], STORY: ['link_clicks'] },
	},
};

/** The login path for the node's "Authentication" value (absent in workflows older than the choice: Instagram Login). */
export function loginPathOf(authentication: unknown): InstagramLoginPath {
	return authentication === 'facebookLogin' ? INSTAGRAM_LOGIN_PATHS.facebookLogin : INSTAGRAM_LOGIN_PATHS.instagramLogin;
}

/** The Facebook Login permission that lists the Pages a token sees. */
export const PAGES_SCOPE = 'pages_show_list';

/** Valid lifetime metrics per media kind (carousel parents are FEED; carousel children have none). */
export const MEDIA_METRICS_BY_KIND: Record<IgMediaKind, readonly string[]> = {
	FEED: ['views', 'reach', 'likes', 'comments', 'saved', 'shares', 'reposts', 'total_interactions', 'follows', 'profile_visits', 'profile_activity', 'facebook_views'],
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
	STORY: ['views', 'reach', 'replies', 'shares', 'reposts', 'total_interactions', 'follows', 'profile_visits', 'profile_activity', 'navigation'],
};

/** Media metrics answered with a breakdown (one row per value when simplified), and the breakdown each takes. */
export const MEDIA_METRIC_BREAKDOWNS: Record<string, string> = {
	profile_activity: 'action_type',
	navigation: 'story_navigation_action_type',
};

/** The metrics valid for a media kind on a login path. */
export function mediaMetricsFor(kind: IgMediaKind, path: InstagramLoginPath): readonly string[] {
	return [...MEDIA_METRICS_BY_KIND[kind], ...(path.extraMediaMetrics[kind] ?? [])];
}

/** Every media metric of any kind on any path (what a field may list). */
export const ALL_MEDIA_METRICS = [
	...new Set([...Object.values(MEDIA_METRICS_BY_KIND).flat(), ...Object.values(INSTAGRAM_LOGIN_PATHS.facebookLogin.extraMediaMetrics).flat()]),
].sort();

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

/** The one account metric Meta also answers as a daily series (`metric_type=time_series`). */
export const DAILY_SERIES_METRICS = ['reach'];

/**
 * Metrics of the older reference pages that no longer exist on either login path (Meta answers
 * error 100): named in the README; `followers_count` on the account is today's alternative.
 */
export const REMOVED_ACCOUNT_METRICS = ['online_followers', 'follower_count', 'impressions', 'profile_views'];

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
