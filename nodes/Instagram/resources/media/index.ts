import type { INodeProperties } from 'n8n-workflow';

import { getMediaFields, getMediaRouting } from './get';
import { getMediaInsightsFields, getMediaInsightsRouting } from './getInsights';
import { listMediaFields, listMediaRouting } from './list';

export const mediaOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['media'] } },
		default: 'list',
		options: [
			{ name: 'Get', value: 'get', action: 'Get a media', description: 'One post, reel or story with the fields you choose', routing: getMediaRouting },
			{
				name: 'Get Insights',
				value: 'getInsights',
				action: 'Get insights of a media',
				description: 'Lifetime numbers of a post, reel or story; metrics matched to its type',
				routing: getMediaInsightsRouting,
			},
			{ name: 'List', value: 'list', action: 'List my media', description: 'Your posts and reels, newest first', routing: listMediaRouting },
		],
	},
	...listMediaFields,
	...getMediaFields,
	...getMediaInsightsFields,
];
