import type { INodeProperties } from 'n8n-workflow';

import { mediaIdFor } from '../../../shared/graph/postLookup';
import type { Operation } from '../../../shared/graph/runOperations';
import { postRow } from '../../../shared/insights/postRows';
import { simplifyParameter } from '../../../shared/parameters/commonParameters';
import { MY_THREADS, THREADS_POST_LINKS, mediaRefOfItem, postFieldsOf } from '../../shared/context';
import { postFieldsParameter } from '../../shared/parameters';

const showFor = { resource: ['media'], operation: ['get'] };

/** `/{media-id}` with the chosen fields: one row. */
export const getMedia: Operation = (input) => {
	const ref = mediaRefOfItem(input);
	const fields = postFieldsOf(input);
	const simplify = input.parameter('simplify', true);
	return async (graph, abandon) => {
		const mediaId = await mediaIdFor(graph, ref, MY_THREADS, THREADS_POST_LINKS, abandon);
		const post = await graph.get(`/${mediaId}`, { fields }, { shape: 'node', abandon });
		return [simplify ? postRow(post) : post];
	};
};

export const getMediaFields: INodeProperties[] = [
	postFieldsParameter({ show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row (owner_id, children_ids as columns)'),
];
