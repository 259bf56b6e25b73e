import type { INodeProperties } from 'n8n-workflow';

import { TOKEN_STATUS_DESCRIPTION, tokenStatusOperation } from '../../../shared/tokens/tokenStatus';
import { getUserInsights, getUserInsightsFields } from './getInsights';

export const userImplementations = { getInsights: getUserInsights, getTokenStatus: tokenStatusOperation('id,username') };

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
				name: 'Get Token Status',
				value: 'getTokenStatus',
				action: 'Get token status',
				description: TOKEN_STATUS_DESCRIPTION,
			},
		],
	},
	...getUserInsightsFields,
];
