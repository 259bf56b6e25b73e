/** What the trigger watches: the account, one post, or each of your recent posts. */
import type { INodeProperties } from 'n8n-workflow';

import { accountWindowField, pollCostNotices, recentScopeFields } from '../../shared/alerts/crossingWatchFields';

import { MEDIA_METRIC_OPTIONS, mediaLocator } from '../../Threads/shared/parameters';

/** Requests per poll, by watch (README "Threads Trigger": Requests per poll). */
export const threadsPollCostNotices: INodeProperties[] = pollCostNotices({
	recentPosts:
		'Each poll costs 1 request per 100 posts listed plus 1 insights request per watched post (20 posts: 21 requests).',
	post: 'Each poll costs 1 request, plus 1 for the post’s link and text when it fires.',
	account: 'Each poll costs 1 request.',
});

export const watchFields: INodeProperties[] = [
	{
		// "Trigger On" is the label n8n's node picker looks for to list a trigger's events (each option's `action`).
		displayName: 'Trigger On',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		default: 'recentPosts',
		description: 'What is watched: your account, one post, or each of your recent posts',
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
