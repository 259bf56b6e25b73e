/**
 * Cursor paging for post lists (`/me/threads`, `/profile_posts`). Meta's list answers may
 * omit `paging.next`, so the `after` cursor drives the loop; the page size shrinks to what
 * the Limit still needs, so a Limit of 120 costs two requests (100 + 20), never more.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { postRow } from '../../shared/postRows';
import { PAGE_SIZE_MAX } from '../threadsApi';

interface GraphListPage {
	data?: IDataObject[];
	paging?: { cursors?: { after?: string }; next?: string };
}

export async function paginatePosts(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const limit = returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', 50) as number);
	const simplify = this.getNodeParameter('simplify', true) as boolean;
	const posts: INodeExecutionData[] = [];
	let after: string | undefined;

	do {
		const qs: IDataObject = { ...requestData.options.qs, limit: Math.min(PAGE_SIZE_MAX, limit - posts.length) };
		if (after) qs.after = after;
		const [response] = await this.makeRoutingRequest({ ...requestData, options: { ...requestData.options, qs } });
		const page = (response?.json ?? {}) as GraphListPage;
		const data = page.data ?? [];
		for (const post of data.slice(0, limit - posts.length)) {
			posts.push({ json: simplify ? postRow(post) : post });
		}
		after = data.length ? page.paging?.cursors?.after : undefined;
	} while (after && posts.length < limit);

	return posts;
}
