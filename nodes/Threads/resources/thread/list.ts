import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { dateRangeParameters, returnAllAndLimit, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { postListJob } from '../../shared/paging';
import { includeInsightsParameter, postFieldsParameter, postRowOptionsParameter } from '../../shared/parameters';
import { THREADS_SCOPES } from '../../threadsApi';

const showFor = { resource: ['thread'], operation: ['list'] };

/** `/me/threads`, newest first, paged. */
export const listThreads: Operation = (input) => postListJob(input, { path: '/me/threads', qs: {}, requiredScope: THREADS_SCOPES.basic });

export const listThreadsFields: INodeProperties[] = [
	...returnAllAndLimit({ show: showFor }),
	...dateRangeParameters({ show: showFor }, 'none', true),
	postFieldsParameter({ show: showFor }),
	includeInsightsParameter({ show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row per post'),
	postRowOptionsParameter({ show: { ...showFor, simplify: [true] } }),
];
