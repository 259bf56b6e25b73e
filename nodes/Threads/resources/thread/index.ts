import type { INodeProperties } from 'n8n-workflow';

import { listThreads, listThreadsFields } from './list';

export const threadImplementations = { list: listThreads };

export const threadOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['thread'] } },
		default: 'list',
		options: [{ name: 'List', value: 'list', action: 'List my threads', description: 'Your own posts, newest first' }],
	},
	...listThreadsFields,
];
