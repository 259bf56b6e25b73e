import type { INodeProperties } from 'n8n-workflow';

import { mediaLocator } from '../../shared/parameters';
import { getMedia, getMediaFields } from './get';
import { getMediaInsights, getMediaInsightsFields } from './getInsights';

const showFor = { resource: ['media'] };

export const mediaImplementations = { get: getMedia, getInsights: getMediaInsights };

export const mediaOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showFor },
		default: 'getInsights',
		options: [
			{ name: 'Get', value: 'get', action: 'Get a post', description: 'Get one Threads post with the fields you choose' },
			{
				name: 'Get Insights',
				value: 'getInsights',
				action: 'Get insights of a post',
				description: 'Views, likes, replies, reposts, quotes and shares of a post',
			},
		],
	},
	mediaLocator({ show: showFor }),
	...getMediaFields,
	...getMediaInsightsFields,
];
