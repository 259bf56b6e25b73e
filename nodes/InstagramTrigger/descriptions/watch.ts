/** What the Instagram trigger watches: the account, one media, or each of your recent media. */
import type { INodeProperties } from 'n8n-workflow';

import { metricOptions } from '../../shared/parameters/commonParameters';
import { accountWindowField, pollCostNotices, recentScopeFields } from '../../shared/alerts/crossingWatchFields';
import { mediaIdParameter } from '../../Instagram/resources/media/shared';

/** Requests per poll, by watch. */
export const instagramPollCostNotices: INodeProperties[] = pollCostNotices({
	recentMedia:
		'Each poll costs 1 request per 100 media listed plus 1 insights request per watched media (20 media: 21 requests).',
	media: 'Each poll costs 2 requests: the media’s type, then its insights.',
	account: 'Each poll costs 1 request.',
});

export const instagramWatchFields: INodeProperties[] = [
	{
		// "Trigger On" is the label n8n's node picker looks for to list a trigger's events (each option's `action`).
		displayName: 'Trigger On',
		name: 'watch',
		type: 'options',
		noDataExpression: true,
		default: 'recentMedia',
		description: 'What is watched: your account, one media, or each of your recent posts and reels',
		options: [
			{
				name: 'My Account',
				value: 'account',
				action: 'On account metric crossing a threshold',
				description: 'One account metric, e.g. followers or yesterday’s reach',
			},
			{
				name: 'One Media',
				value: 'media',
				action: 'On media metric crossing a threshold',
				description: 'One post’s, reel’s or story’s metrics',
			},
			{
				name: 'My Recent Media',
				value: 'recentMedia',
				action: 'On recent media metric crossing a threshold',
				description: 'Each of your recent posts and reels, one alert per media and metric',
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
		description: 'Lifetime numbers of each watched media; each fires on its own. One that does not apply to a media’s type (e.g. Saved for a story) is not watched for it.',
		displayOptions: { show: { watch: ['media', 'recentMedia'] } },
		options: metricOptions(['comments', 'likes', 'reach', 'saved', 'shares', 'total_interactions', 'views']),
	},
];
