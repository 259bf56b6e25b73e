/** What the trigger watches: the account, one post, or each of your recent posts. */
import type { INodeProperties } from 'n8n-workflow';

import { accountWindowField, recentScopeFields } from '../../shared/alerts/crossingWatchFields';

import { MEDIA_METRIC_OPTIONS, mediaLocator } from '../../Threads/shared/parameters';

export const watchFields: INodeProperties[] = [
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		default: 'recentPosts',
		options: [
			{ name: 'My Account', value: 'account', description: 'One account metric, e.g. followers or yesterday’s profile views' },
			{ name: 'One Post', value: 'post', description: 'One post’s metrics' },
			{ name: 'My Recent Posts', value: 'recentPosts', description: 'Each of your recent posts, one alert per post and metric' },
		],
	},
	{
		displayName: 'Metric',
		name: 'accountMetric',
		type: 'options',
		default: 'followers_count',
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
		displayOptions: { show: { watch: ['post', 'recentPosts'] } },
		options: MEDIA_METRIC_OPTIONS,
	},
];
