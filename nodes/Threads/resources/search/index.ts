import type { INodeProperties } from 'n8n-workflow';

import { keywordSearch, keywordSearchFields } from './keywordSearch';

export const searchImplementations = { keywordSearch };

export const searchOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['search'] } },
		default: 'keywordSearch',
		options: [
			{
				name: 'Keyword Search',
				value: 'keywordSearch',
				action: 'Search posts by keyword or topic tag',
				description: 'Public posts about a keyword or topic tag, top or most recent first',
			},
		],
	},
	...keywordSearchFields,
];
