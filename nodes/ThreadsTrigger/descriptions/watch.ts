/** What the trigger watches: the account, one post, or each of your recent posts. */
import type { INodeProperties } from 'n8n-workflow';

import { mediaLocator } from '../../Threads/shared/parameters';

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
	{
		displayName: 'Window',
		name: 'accountWindow',
		type: 'options',
		default: 'yesterday',
		description: 'The period the metric is counted over, in the workflow timezone',
		displayOptions: { show: { watch: ['account'] }, hide: { accountMetric: ['followers_count'] } },
		options: [
			{ name: 'Last 30 Days', value: 'last30Days' },
			{ name: 'Last 7 Days', value: 'last7Days' },
			{ name: 'Today So Far', value: 'today' },
			{ name: 'Yesterday', value: 'yesterday' },
		],
	},
	mediaLocator({ show: { watch: ['post'] } }),
	{
		displayName: 'Posts',
		name: 'recentScope',
		type: 'options',
		default: 'days',
		displayOptions: { show: { watch: ['recentPosts'] } },
		options: [
			{ name: 'Published in the Last N Days', value: 'days' },
			{ name: 'My Latest N Posts', value: 'latest' },
		],
	},
	{
		displayName: 'Days',
		name: 'recentDays',
		type: 'number',
		default: 7,
		typeOptions: { minValue: 1, maxValue: 365 },
		description: 'Posts published in this many days before now are watched; older posts are dropped',
		displayOptions: { show: { watch: ['recentPosts'], recentScope: ['days'] } },
	},
	{
		displayName: 'Number of Posts',
		name: 'recentCount',
		type: 'number',
		default: 20,
		typeOptions: { minValue: 1, maxValue: 1000 },
		description: 'How many of your latest posts are watched',
		displayOptions: { show: { watch: ['recentPosts'], recentScope: ['latest'] } },
	},
	{
		displayName: 'Metrics',
		name: 'postMetrics',
		type: 'multiOptions',
		default: ['views'],
		displayOptions: { show: { watch: ['post', 'recentPosts'] } },
		options: [
			{ name: 'Likes', value: 'likes' },
			{ name: 'Quotes', value: 'quotes' },
			{ name: 'Replies', value: 'replies' },
			{ name: 'Reposts', value: 'reposts' },
			{ name: 'Shares', value: 'shares' },
			{ name: 'Views', value: 'views' },
		],
	},
];
