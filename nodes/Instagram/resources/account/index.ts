import type { INodeProperties } from 'n8n-workflow';

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
		],
	},
	...getAccountInsightsFields,
];
