import type { INodeProperties } from 'n8n-workflow';

import { TOKEN_STATUS_DESCRIPTION, tokenStatusOperation } from '../../../shared/tokens/tokenStatus';
import { getUserInsights, getUserInsightsFields } from './getInsights';
import { getMentions, getMentionsFields } from './getMentions';
import { getMyReplies, getMyRepliesFields } from './getMyReplies';

export const userImplementations = { getInsights: getUserInsights, getMentions, getMyReplies, getTokenStatus: tokenStatusOperation('id,username') };

export const userOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		default: 'getInsights',
		options: [
			{
				name: 'Get Insights',
				value: 'getInsights',
				action: 'Get account insights',
				description: 'Profile views, likes, replies, reposts, quotes, link clicks, followers and demographics',
			},
			{
				name: 'Get Mentions',
				value: 'getMentions',
				action: 'Get posts that mention me',
				description: 'Public posts in which another profile tagged you, newest first',
			},
			{
				name: 'Get My Replies',
				value: 'getMyReplies',
				action: 'Get my replies',
				description: 'The replies you wrote, newest first',
			},
			{
				name: 'Get Token Status',
				value: 'getTokenStatus',
				action: 'Get token status',
				description: TOKEN_STATUS_DESCRIPTION,
			},
		],
	},
	...getUserInsightsFields,
	...getMentionsFields,
	...getMyRepliesFields,
];
