/** What the trigger watches: the account, one post, or each of your recent posts. */
import type { INodeProperties } from 'n8n-workflow';

import { accountWindowField, pollCostNotices, recentScopeFields } from '../../shared/alerts/crossingWatchFields';

import { keywordSearchQueryFields } from '../../Threads/shared/keywordSearchQuery';
import { MEDIA_METRIC_OPTIONS, mediaLocator } from '../../Threads/shared/parameters';

/** Requests per poll, by watch (README "Threads Trigger": Requests per poll). */
export const threadsPollCostNotices: INodeProperties[] = pollCostNotices({
	recentPosts:
		'Each poll costs 1 request per 100 posts listed plus 1 insights request per watched post (20 posts: 21 requests).',
	post: 'Each poll costs 1 request, plus 1 for the post’s link and text when it fires.',
	account: 'Each poll costs 1 request.',
	newItems:
		'Each poll costs 1 request for mentions or a keyword search (each search counts towards Meta’s 2,200 search queries a day: every 15 minutes uses 96), and for replies 1 request listing your recent posts plus 1 per post that has replies.',
});

export const watchFields: INodeProperties[] = [
	{
		// "Trigger On" is the label n8n's node picker looks for to list a trigger's events (each option's `action`).
		displayName: 'Trigger On',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		default: 'recentPosts',
		description: 'What is watched: your account, one post, each of your recent posts, or new mentions, search results and replies',
		options: [
			{
				name: 'My Account',
				value: 'account',
				action: 'On account metric crossing a threshold',
				description: 'One account metric, e.g. followers or yesterday’s profile views',
			},
			{
				name: 'One Post',
				value: 'post',
				action: 'On post metric crossing a threshold',
				description: 'One post’s metrics',
			},
			{
				name: 'New Items',
				value: 'newItems',
				action: 'On new mention, search result or reply',
				description: 'A new mention of you, a new post matching a keyword search, or a new reply under your recent posts: one event each',
			},
			{
				name: 'My Recent Posts',
				value: 'recentPosts',
				action: 'On recent post metric crossing a threshold',
				description: 'Each of your recent posts, one alert per post and metric',
			},
		],
	},
	{
		displayName: 'Metric',
		name: 'accountMetric',
		type: 'options',
		default: 'followers_count',
		description: 'The account number to watch',
		displayOptions: { show: { watch: ['account'] } },
		options: [
			{ name: 'Clicks', value: 'clicks', description: 'Link clicks over the window' },
			{ name: 'Followers Count', value: 'followers_count', description: 'Total followers now (needs a linked Instagram account)' },
			{ name: 'Likes', value: 'likes' },
			{ name: 'Quotes', value: 'quotes' },
			{ name: 'Replies', value: 'replies' },
			{ name: 'Reposts', value: 'reposts' },
			{ name: 'Views', value: 'views', description: 'Profile views over the window' },
		],
	},
	accountWindowField,
	mediaLocator({ show: { watch: ['post'] } }),
	...recentScopeFields('recentPosts', 'Posts'),

	{
		displayName: 'Metrics',
		name: 'postMetrics',
		type: 'multiOptions',
		default: ['views'],
		description: 'Lifetime numbers of each watched post; each metric fires on its own',
		displayOptions: { show: { watch: ['post', 'recentPosts'] } },
		options: MEDIA_METRIC_OPTIONS,
	},
];

const showNewItems = { watch: ['newItems'] };
const showSearch = { watch: ['newItems'], newItemsSource: ['search'] };

/** "New Items": what is new, and for a search what is searched. */
export const newItemsFields: INodeProperties[] = [
	{
		displayName: 'Watch For',
		name: 'newItemsSource',
		type: 'options',
		default: 'mentions',
		description: 'Which new items start the workflow. Items already there when the workflow is activated never fire.',
		displayOptions: { show: showNewItems },
		options: [
			{ name: 'Mentions of Me', value: 'mentions', description: 'Public posts in which another profile tags you (needs threads_manage_mentions)' },
			{ name: 'Keyword Search Results', value: 'search', description: 'New posts matching a keyword or topic tag (needs threads_keyword_search)' },
			{ name: 'Replies to My Posts', value: 'replies', description: 'New replies under your recent posts, not your own (needs threads_read_replies)' },
		],
	},
	...keywordSearchQueryFields(showSearch, {
		searchForPlaceholder: 'e.g. your brand name',
		searchForNote: 'Until Meta approves your app for threads_keyword_search, only your own posts are searched.',
	}),
	{
		displayName: 'Posts From the Last (Days)',
		name: 'replyPostsDays',
		type: 'number',
		default: 7,
		typeOptions: { minValue: 1, maxValue: 365 },
		description:
			'Replies under your posts published in this many days before now are watched. Once a post is older than this, new replies under it no longer fire (raise it to keep watching older posts; each post with replies costs 1 request per poll).',
		displayOptions: { show: { watch: ['newItems'], newItemsSource: ['replies'] } },
	},
	{
		displayName: 'Replies',
		name: 'replyDepth',
		type: 'options',
		default: 'all',
		description: 'Which replies fire',
		displayOptions: { show: { watch: ['newItems'], newItemsSource: ['replies'] } },
		options: [
			{ name: 'At Any Depth', value: 'all', description: 'Replies to your posts and replies to those replies' },
			{ name: 'Top-Level Only', value: 'topLevel', description: 'Only direct replies to your posts' },
		],
	},
];
