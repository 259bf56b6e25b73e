import type { INodeProperties } from 'n8n-workflow';

import { mediaIdFor } from '../../../shared/graph/postLookup';
import type { Operation } from '../../../shared/graph/runOperations';
import { returnAllAndLimit, simplifyParameter } from '../../../shared/parameters/commonParameters';
import { inputError } from '../../../shared/parameters/nodeInput';
import { MY_THREADS, THREADS_POST_LINKS, mediaRefOfItem, postFieldsOf } from '../../shared/context';
import { discoveryListJob } from '../../shared/discoveryList';
import { fieldSelectionParameter } from '../../shared/parameters';
import { DEFAULT_REPLY_FIELDS, REPLY_FIELDS, THREADS_SCOPES } from '../../threadsApi';

const showFor = { resource: ['media'], operation: ['getReplies', 'getConversation'] };

/**
 * `/{media-id}/replies` (top-level replies) or `/{media-id}/conversation` (every depth,
 * flattened), on one of your posts. Meta documents no limit for these edges: the node asks
 * for pages of 100 and keeps only what the Limit allows, whatever page size comes back.
 */
function repliesOperation(edge: 'replies' | 'conversation'): Operation {
	return (input) => {
		const ref = mediaRefOfItem(input);
		const fields = postFieldsOf(input, REPLY_FIELDS);
		const order = input.parameter('order', 'newestFirst');
		if (order !== 'newestFirst' && order !== 'oldestFirst') throw inputError(input, `"Order" must be Newest First or Oldest First, not "${order}"`);
		return discoveryListJob(input, {
			path: async (graph, abandon) => `/${await mediaIdFor(graph, ref, MY_THREADS, THREADS_POST_LINKS, abandon)}/${edge}`,
			qs: { fields, reverse: order === 'newestFirst' },
			requiredScope: THREADS_SCOPES.readReplies,
		});
	};
}

export const getReplies = repliesOperation('replies');
export const getConversation = repliesOperation('conversation');

export const getRepliesFields: INodeProperties[] = [
	{
		displayName: 'Order',
		name: 'order',
		type: 'options',
		default: 'newestFirst',
		description: 'Which replies come first',
		displayOptions: { show: showFor },
		options: [
			{ name: 'Newest First', value: 'newestFirst' },
			{ name: 'Oldest First', value: 'oldestFirst', description: 'In the order they were written, as a conversation reads' },
		],
	},
	...returnAllAndLimit({ show: showFor }),
	fieldSelectionParameter({ show: showFor }, REPLY_FIELDS, DEFAULT_REPLY_FIELDS, 'Reply'),
	simplifyParameter({ show: showFor }, 'one flat row per reply (replied_to_id, root_post_id as columns)'),
];
