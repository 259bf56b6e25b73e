import type { INodeProperties } from 'n8n-workflow';

import { listThreadsFields, listThreadsRouting } from './list';

export const threadOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['thread'] } },
		default: 'list',
		options: [
			{
				name: 'List',
				value: 'list',
				action: 'List my threads',
				description: 'Your own posts, newest first',
				routing: listThreadsRouting,
			},
		],
	},
	...listThreadsFields,
];
