import type { INodeProperties } from 'n8n-workflow';

import { getMedia, getMediaFields } from './get';
import { getMediaInsights, getMediaInsightsFields } from './getInsights';
import { listMedia, listMediaFields, listStories, listStoriesFields } from './list';

export const mediaImplementations = { get: getMedia, getInsights: getMediaInsights, list: listMedia, listStories };

export const mediaOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		default: 'list',
		options: [
			{ name: 'Get', value: 'get', action: 'Get a media', description: 'One post, reel or story with the fields you choose' },
			{
				name: 'Get Insights',
				value: 'getInsights',
				action: 'Get insights of a media',
				description: 'Lifetime numbers of a post, reel or story; metrics matched to its type',
			},
			{ name: 'List', value: 'list', action: 'List my media', description: 'Your posts and reels, newest first' },
			{ name: 'List Stories', value: 'listStories', action: 'List my stories', description: 'Your stories up now (they expire after 24 hours), newest first' },
		],
	},
	...listMediaFields,
	...listStoriesFields,
	...getMediaFields,
	...getMediaInsightsFields,
];
