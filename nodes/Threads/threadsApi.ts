/**
 * Everything that is particular to Threads' Graph API, in one table: where it lives,
 * which metrics exist and how each is answered. Platform-neutral code (normaliser,
 * request planning, transport) reads this instead of branching on the platform.
 */
import type { AccountMetricRules } from '../shared/insights/accountInsightsPlan';
import type { InsightShapes } from '../shared/insights/insightsNormaliser';
import type { LongLivedTokenEndpoints } from '../shared/tokens/longLivedToken';

export const THREADS_API_BASE_URL = 'https://graph.threads.net/v1.0';

export const THREADS_SCOPES = {
	basic: 'threads_basic',
	insights: 'threads_manage_insights',
	profileDiscovery: 'threads_profile_discovery',
	keywordSearch: 'threads_keyword_search',
	mentions: 'threads_manage_mentions',
	readReplies: 'threads_read_replies',
} as const;

/** Meta's keyword search quota: "2,200 queries within a rolling 24-hour period", per user, across apps. */
export const KEYWORD_SEARCH_QUOTA = 2200;

export const MEDIA_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'] as const;

export const USER_METRICS = [
	'views',
	'likes',
	'replies',
	'reposts',
	'quotes',
	'clicks',
	'followers_count',
	'follower_demographics',
] as const;

export const USER_METRIC_SHAPES: InsightShapes = {
	timeSeries: ['views'],
	perLink: ['clicks'],
	demographics: ['follower_demographics'],
};

export const USER_METRIC_RULES: AccountMetricRules = {
	unranged: ['followers_count', 'follower_demographics'],
	demographics: ['follower_demographics'],
	breakdowns: ['country', 'city', 'age', 'gender'],
	labels: { follower_demographics: 'Follower Demographics', followers_count: 'Followers Count' },
};

/**
 * Meta's day for Threads insights: its pages stamp a daily value's `end_time` at 08:00 UTC
 * in July (summer time), i.e. a fixed UTC−8 day. Ranges are aligned to these days.
 */
export const THREADS_INSIGHTS_DAY_ZONE = 'UTC-8';

/** User insights since/until are refused before this (April 13, 2024). */
export const USER_INSIGHTS_EARLIEST = 1712991600;
/** Post lists are refused before this (July 5, 2023). */
export const POSTS_EARLIEST = 1688540400;

export const PAGE_SIZE_MAX = 100;

export const POST_FIELDS = [
	'id',
	'media_product_type',
	'media_type',
	'media_url',
	'permalink',
	'owner',
	'username',
	'text',
	'timestamp',
	'shortcode',
	'thumbnail_url',
	'children',
	'is_quote_post',
	'quoted_post',
	'reposted_post',
	'alt_text',
	'link_attachment_url',
	'gif_url',
	'poll_attachment',
	'topic_tag',
] as const;

/**
 * A poll's sub-fields, asked for by name as Meta's polls page does (`poll_attachment{…}`);
 * a row gets them flattened: poll_attachment_option_a, …, poll_attachment_total_votes.
 */
export const POLL_ATTACHMENT_FIELDS = [
	'option_a',
	'option_b',
	'option_c',
	'option_d',
	'option_a_votes_percentage',
	'option_b_votes_percentage',
	'option_c_votes_percentage',
	'option_d_votes_percentage',
	'total_votes',
	'expiration_timestamp',
] as const;

/** What only a reply has: where it sits, whether it is hidden or mine, its author's profile. */
const REPLY_ONLY_FIELDS = ['replied_to', 'root_post', 'has_replies', 'hide_status', 'is_reply_owned_by_me', 'reply_audience', 'is_verified', 'profile_picture_url'];
const REPLY_LEADING_FIELDS = ['id', 'text', 'username', 'timestamp', 'permalink', ...REPLY_ONLY_FIELDS];

/** Fields of a reply (replies, conversation): where it sits and whether it is hidden, then the post fields (a reply's author is `username`, not `owner`). */
export const REPLY_FIELDS: readonly string[] = [...REPLY_LEADING_FIELDS, ...POST_FIELDS.filter((field) => field !== 'owner' && !REPLY_LEADING_FIELDS.includes(field))];

export const DEFAULT_REPLY_FIELDS = ['id', 'text', 'username', 'timestamp', 'permalink', 'replied_to', 'root_post', 'has_replies', 'hide_status'];

/** `/me/replies` has no hide_status, topic_tag or poll_attachment (Meta's user reference). */
export const OWN_REPLY_FIELDS = REPLY_FIELDS.filter((field) => !['hide_status', 'topic_tag', 'poll_attachment', 'is_reply_owned_by_me'].includes(field));

export const DEFAULT_POST_FIELDS = [
	'id',
	'media_type',
	'permalink',
	'text',
	'timestamp',
	'username',
	'shortcode',
	'is_quote_post',
];

export const THREADS_TOKEN_ENDPOINTS: LongLivedTokenEndpoints = {
	platform: 'Threads',
	credentialName: 'Threads Self-Renewing Token API',
	baseUrl: 'https://graph.threads.net',
	exchangePath: '/access_token',
	exchangeGrant: 'th_exchange_token',
	refreshPath: '/refresh_access_token',
	refreshGrant: 'th_refresh_token',
	debugPath: '/debug_token',
};
