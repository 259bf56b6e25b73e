/** What the Instagram trigger watches: the account, one media, your recent media, or your stories up now. */
import type { INodeProperties } from 'n8n-workflow';

import { metricOptions, titleCase } from '../../shared/parameters/commonParameters';
import { accountWindowField, pollCostNotices, recentScopeFields } from '../../shared/alerts/crossingWatchFields';
import { ALL_MEDIA_METRICS } from '../../Instagram/instagramApi';
import { mediaIdParameter } from '../../Instagram/resources/media/shared';
import { INSTAGRAM_ACCOUNT_WATCH_METRICS } from '../observe';

/** Requests per poll, by watch. */
export const instagramPollCostNotices: INodeProperties[] = pollCostNotices({
	recentMedia:
		'Each poll costs 1 request per 100 media listed plus 1 insights request per watched media (20 media: 21 requests).',
	recentStories: 'Each poll costs 1 request for the list plus 1 insights request per story up now (5 stories: 6 requests).',
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
		description: 'What is watched: your account, one media, your recent posts and reels, or your stories',
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
			{
				name: 'My Stories',
				value: 'recentStories',
				action: 'On story metric crossing a threshold',
				description: 'Each story up now (stories expire after 24 hours), one alert per story and metric',
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
		options: INSTAGRAM_ACCOUNT_WATCH_METRICS.map((metric) => ({
			name: titleCase(metric),
			value: metric,
			...(metric === 'followers_count' ? { description: 'Total followers now' } : {}),
		})).sort((a, b) => a.name.localeCompare(b.name)),
	},
	accountWindowField,
	mediaIdParameter({ show: { watch: ['media'] } }),
	...recentScopeFields('recentMedia', 'Media'),

	{
		displayName: 'Metrics',
		name: 'mediaMetrics',
		type: 'multiOptions',
		default: ['views'],
		description:
			'Lifetime numbers of each watched media; each fires on its own. One that does not apply to a media’s type (e.g. Saved for a story) or to your login (Total Likes, Total Comments, Total Views, Link Clicks: Facebook Login only) is not watched for it.',
		displayOptions: { show: { watch: ['media', 'recentMedia', 'recentStories'] } },
		options: metricOptions(ALL_MEDIA_METRICS),
	},
];
