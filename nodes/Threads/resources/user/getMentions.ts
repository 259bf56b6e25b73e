import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { dateRangeParameters, returnAllAndLimit, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { rangeQuery } from '../../../shared/parameters/dateRange';
import { dateRangeOf } from '../../../shared/parameters/nodeInput';
import { postFieldsOf } from '../../shared/context';
import { discoveryListJob } from '../../shared/discoveryList';
import { fieldSelectionParameter } from '../../shared/parameters';
import { DEFAULT_POST_FIELDS, POSTS_EARLIEST, POST_FIELDS, THREADS_SCOPES } from '../../threadsApi';

const showFor = { resource: ['user'], operation: ['getMentions'] };

/** Mentions are other people's posts: no owner field. */
const MENTION_FIELDS = POST_FIELDS.filter((field) => field !== 'owner');

/** `/me/mentions`: public posts in which another profile tagged you, newest first. */
export const getMentions: Operation = (input) => {
	const fields = postFieldsOf(input, MENTION_FIELDS);
	const range = dateRangeOf(input, { earliest: POSTS_EARLIEST, earliestLabel: 'July 5, 2023' });
	return discoveryListJob(input, {
		path: '/me/mentions',
		qs: { fields, ...rangeQuery(range) },
		requiredScope: THREADS_SCOPES.mentions,
		hints: (rows, _graph, hint) => {
			if (!rows.length) {
				hint('No mentions found. Until Meta approves your app for threads_manage_mentions (App Review), only mentions by the app’s Threads testers are returned; posts of private profiles never are.');
			}
		},
	});
};

export const getMentionsFields: INodeProperties[] = [
	...dateRangeParameters({ show: showFor }, 'none', true),
	...returnAllAndLimit({ show: showFor }),
	fieldSelectionParameter({ show: showFor }, MENTION_FIELDS, DEFAULT_POST_FIELDS, 'Post'),
	simplifyParameter({ show: showFor }, 'one flat row per post'),
];
