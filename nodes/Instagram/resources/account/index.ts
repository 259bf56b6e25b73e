import type { INodeProperties } from 'n8n-workflow';

import { TOKEN_STATUS_DESCRIPTION, tokenStatusOperation } from '../../../shared/tokens/tokenStatus';
import { getAccountInsights, getAccountInsightsFields } from './getInsights';

export const accountImplementations = { getInsights: getAccountInsights, getTokenStatus: tokenStatusOperation('user_id,username') };

export const accountOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		default: 'getInsights',
		options: [
			{
				name: 'Get Insights',
				value: 'getInsights',
				action: 'Get account insights',
				description: 'Views, reach, interactions, follows with their breakdowns, or audience demographics',
			},
			{
				name: 'Get Token Status',
				value: 'getTokenStatus',
				action: 'Get token status',
				description: TOKEN_STATUS_DESCRIPTION,
			},
		],
	},
	...getAccountInsightsFields,
];
