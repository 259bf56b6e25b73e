import type { INodeProperties } from 'n8n-workflow';

import { mediaLocator } from '../../shared/parameters';
import { getMedia, getMediaFields } from './get';
import { getMediaInsights, getMediaInsightsFields } from './getInsights';
import { getConversation, getReplies, getRepliesFields } from './getReplies';

const showFor = { resource: ['media'] };

export const mediaImplementations = { get: getMedia, getInsights: getMediaInsights, getReplies, getConversation };

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
			{
				name: 'Get Replies',
				value: 'getReplies',
				action: 'Get replies to a post',
				description: 'The top-level replies to one of your posts, one row each',
			},
			{
				name: 'Get Conversation',
				value: 'getConversation',
				action: 'Get the whole conversation under a post',
				description: 'Every reply under one of your posts, at any depth, one row each',
			},
		],
	},
	mediaLocator({ show: showFor }),
	...getMediaFields,
	...getMediaInsightsFields,
	...getRepliesFields,
];
