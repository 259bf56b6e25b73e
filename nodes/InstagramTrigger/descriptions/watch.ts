/** What the Instagram trigger watches: the account, one media, or each of your recent media. */
import type { INodeProperties } from 'n8n-workflow';

import { metricOptions } from '../../shared/parameters/commonParameters';
import { accountWindowField, recentScopeFields } from '../../shared/alerts/crossingWatchFields';
import { mediaIdParameter } from '../../Instagram/resources/media/shared';

export const instagramWatchFields: INodeProperties[] = [
	{
		displayName: 'Watch',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		default: 'recentMedia',
		options: [
			{ name: 'My Account', value: 'account', description: 'One account metric, e.g. followers or yesterday’s reach' },
			{ name: 'One Media', value: 'media', description: 'One post’s, reel’s or story’s metrics' },
			{ name: 'My Recent Media', value: 'recentMedia', description: 'Each of your recent posts and reels, one alert per media and metric' },
		],
	},
	{
		displayName: 'Metric',
		name: 'accountMetric',
		type: 'options',
		default: 'followers_count',
		displayOptions: { show: { watch: ['account'] } },
		options: [
			{ name: 'Accounts Engaged', value: 'accounts_engaged' },
			{ name: 'Comments', value: 'comments' },
			{ name: 'Followers Count', value: 'followers_count', description: 'Total followers now' },
			{ name: 'Likes', value: 'likes' },
			{ name: 'Reach', value: 'reach' },
			{ name: 'Saves', value: 'saves' },
			{ name: 'Shares', value: 'shares' },
			{ name: 'Total Interactions', value: 'total_interactions' },
			{ name: 'Views', value: 'views' },
		],
	},
	accountWindowField,
	mediaIdParameter({ show: { watch: ['media'] } }),
	...recentScopeFields('recentMedia', 'Media'),

	{
		displayName: 'Metrics',
		name: 'mediaMetrics',
		type: 'multiOptions',
		default: ['views'],
		description: 'Metrics that do not apply to a media’s type (e.g. saved on a story) are not watched for it',
		displayOptions: { show: { watch: ['media', 'recentMedia'] } },
		options: metricOptions(['comments', 'likes', 'reach', 'saved', 'shares', 'total_interactions', 'views']),
	},
];
