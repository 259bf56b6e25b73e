import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../../../shared/graph/runOperations';
import { postRow } from '../../../shared/insights/postRows';
import { simplifyParameter } from '../../../shared/parameters/commonParameters';
import { mediaFieldsOf, mediaFieldsParameter, mediaIdOf, mediaIdParameter } from './shared';

const showFor = { resource: ['media'], operation: ['get'] };

/** `/{media-id}` with the chosen fields: one row. */
export const getMedia: Operation = (input) => {
	const mediaId = mediaIdOf(input);
	const fields = mediaFieldsOf(input).join(',');
	const simplify = input.parameter('simplify', true);
	return async (graph, abandon) => {
		const media = await graph.get(`/${mediaId}`, { fields }, { abandon });
		return [simplify ? postRow(media) : media];
	};
};

export const getMediaFields: INodeProperties[] = [
	mediaIdParameter({ show: showFor }),
	mediaFieldsParameter({ show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row (children_ids as a column)'),
];
