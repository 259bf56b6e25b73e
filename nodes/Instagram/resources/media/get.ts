import type { INodeProperties } from 'n8n-workflow';

import { mediaIdFor } from '../../../shared/graph/postLookup';
import type { Operation } from '../../../shared/graph/runOperations';
import { postRow } from '../../../shared/insights/postRows';
import { simplifyParameter } from '../../../shared/parameters/commonParameters';
import { accountClient, instagramAccountOf } from '../../shared/account';
import { mediaFieldsOf, mediaFieldsParameter, myMedia, INSTAGRAM_POST_LINKS, mediaRefOfItem, mediaIdParameter } from './shared';

const showFor = { resource: ['media'], operation: ['get'] };

/** `/{media-id}` with the chosen fields: one row. */
export const getMedia: Operation = (input) => {
	const account = instagramAccountOf(input);
	const ref = mediaRefOfItem(input);
	const fields = mediaFieldsOf(input).join(',');
	const simplify = input.parameter('simplify', true);
	return async (pooled, abandon) => {
		const graph = accountClient(pooled, account);
		const mediaId = await mediaIdFor(graph, ref, myMedia(account), INSTAGRAM_POST_LINKS, abandon);
		const media = await graph.get(`/${mediaId}`, { fields }, { shape: 'node', abandon });
		return [simplify ? postRow(media) : media];
	};
};

export const getMediaFields: INodeProperties[] = [
	mediaIdParameter({ show: showFor }),
	mediaFieldsParameter({ show: showFor }),
	simplifyParameter({ show: showFor }, 'one flat row (children_ids as a column)'),
];
