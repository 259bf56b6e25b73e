import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { dateRangeParameters, returnAllAndLimit, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { rangeQuery } from '../../../shared/parameters/dateRange';
import { dateRangeOf } from '../../../shared/parameters/nodeInput';
import { postFieldsOf } from '../../shared/context';
import { discoveryListJob } from '../../shared/discoveryList';
import { fieldSelectionParameter } from '../../shared/parameters';
import { DEFAULT_REPLY_FIELDS, OWN_REPLY_FIELDS, POSTS_EARLIEST, THREADS_SCOPES } from '../../threadsApi';

const showFor = { resource: ['user'], operation: ['getMyReplies'] };

const DEFAULT_FIELDS = DEFAULT_REPLY_FIELDS.filter((field) => (OWN_REPLY_FIELDS as readonly string[]).includes(field));

/** `/me/replies`: the replies you wrote, newest first. */
export const getMyReplies: Operation = (input) => {
	const fields = postFieldsOf(input, OWN_REPLY_FIELDS);
	const range = dateRangeOf(input, { earliest: POSTS_EARLIEST, earliestLabel: 'July 5, 2023' });
	return discoveryListJob(input, { path: '/me/replies', qs: { fields, ...rangeQuery(range) }, requiredScope: THREADS_SCOPES.readReplies });
};

export const getMyRepliesFields: INodeProperties[] = [
	...dateRangeParameters({ show: showFor }, 'none', true),
	...returnAllAndLimit({ show: showFor }),
	fieldSelectionParameter({ show: showFor }, OWN_REPLY_FIELDS, DEFAULT_FIELDS, 'Reply'),
	simplifyParameter({ show: showFor }, 'one flat row per reply'),
];
