import type { INodeProperties } from 'n8n-workflow';

import { setPublishedRange } from '../../shared/context';
import { paginatePosts } from '../../shared/paging';
import { concurrencyOptions, dateRangeParameters, returnAllAndLimit, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { includeInsightsParameter, postFieldsParameter } from '../../shared/parameters';

const showFor = { resource: ['thread'], operation: ['list'] };

export const listThreadsRouting = {
	request: { method: 'GET' as const, url: '/me/threads' },
	send: { paginate: true, preSend: [setPublishedRange] },
	operations: { pagination: paginatePosts },
};

export const listThreadsFields: INodeProperties[] = [
	...returnAllAndLimit({ show: showFor }),
	...dateRangeParameters({ show: showFor }, 'none', true),
	postFieldsParameter({ show: showFor }),
	includeInsightsParameter({ show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row per post'),
	concurrencyOptions({ show: showFor }),
];
