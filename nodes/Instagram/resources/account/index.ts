import type { INodeProperties } from 'n8n-workflow';

import { TOKEN_STATUS_DESCRIPTION, tokenStatusRouting } from '../../../shared/tokens/tokenStatus';
import { INSTAGRAM_PLATFORM } from '../../shared/requests';
import { getAccountInsightsFields, getAccountInsightsRouting } from './getInsights';

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
				routing: getAccountInsightsRouting,
			},
			{
				name: 'Get Token Status',
				value: 'getTokenStatus',
				action: 'Get token status',
				description: TOKEN_STATUS_DESCRIPTION,
				routing: tokenStatusRouting(INSTAGRAM_PLATFORM, 'user_id,username'),
			},
		],
	},
	...getAccountInsightsFields,
];
