import type { INodeProperties } from 'n8n-workflow';

import { setPublishedRange, throwOnThreadsError } from '../../shared/context';
import { paginatePosts } from '../../shared/paging';
import { dateRangeParameters, postFieldsParameter, returnAllAndLimit, simplifyParameter } from '../../shared/parameters';

const showFor = { resource: ['thread'], operation: ['list'] };

export const listThreadsRouting = {
	request: { method: 'GET' as const, url: '/me/threads' },
	send: { paginate: true, preSend: [setPublishedRange] },
	operations: { pagination: paginatePosts },
	output: { postReceive: [throwOnThreadsError] },
};

export const listThreadsFields: INodeProperties[] = [
	...returnAllAndLimit({ show: showFor }),
	...dateRangeParameters({ show: showFor }, 'none', true),
	postFieldsParameter({ show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row per post'),
];
