import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { postRow } from '../../../shared/insights/postRows';
import { simplifyParameter } from '../../../shared/parameters/commonParameters';
import { mediaIdOf, postFieldsOf } from '../../shared/context';
import { postFieldsParameter } from '../../shared/parameters';

const showFor = { resource: ['media'], operation: ['get'] };

/** `/{media-id}` with the chosen fields: one row. */
export const getMedia: Operation = (input) => {
	const mediaId = mediaIdOf(input);
	const fields = postFieldsOf(input);
	const simplify = input.parameter('simplify', true);
	return async (graph, abandon) => {
		const post = await graph.get(`/${mediaId}`, { fields }, { abandon });
		return [simplify ? postRow(post) : post];
	};
};

export const getMediaFields: INodeProperties[] = [
	postFieldsParameter({ show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row (owner_id, children_ids as columns)'),
];
