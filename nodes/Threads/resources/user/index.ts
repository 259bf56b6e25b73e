import type { INodeProperties } from 'n8n-workflow';

import { TOKEN_STATUS_DESCRIPTION, tokenStatusRouting } from '../../../shared/tokens/tokenStatus';
import { THREADS_PLATFORM } from '../../shared/requests';
import { getUserInsightsFields, getUserInsightsRouting } from './getInsights';

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
				routing: getUserInsightsRouting,
			},
			{
				name: 'Get Token Status',
				value: 'getTokenStatus',
				action: 'Get token status',
				description: TOKEN_STATUS_DESCRIPTION,
				routing: tokenStatusRouting(THREADS_PLATFORM, 'id,username'),
			},
		],
	},
	...getUserInsightsFields,
];
