import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import type { GraphPage } from '../../shared/graph/cursorPaging';
import { afterCursorOf } from '../../shared/graph/cursorPaging';
import { DEFAULT_BACKOFF } from '../../shared/graph/backoff';
import { graphGet } from '../../shared/graph/transport';
import { THREADS_API_BASE_URL, THREADS_SCOPES } from '../threadsApi';
import { credentialTypeOf } from './credentials';

type PostsPage = GraphPage<{ id: string; text?: string; timestamp?: string; permalink?: string; media_type?: string }>;

/** "From list" for the media locator: your recent posts, newest first, searchable by text. */
export async function searchMyThreads(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = await graphGet<PostsPage>(
		this,
		'/me/threads',
		{ fields: 'id,text,timestamp,permalink,media_type', limit: 100, ...(paginationToken ? { after: paginationToken } : {}) },
		{ baseURL: THREADS_API_BASE_URL, credentialType: credentialTypeOf(this.getNodeParameter('authentication', '') as string), requiredScope: THREADS_SCOPES.basic, shape: 'posts', backoff: DEFAULT_BACKOFF },
	);
	const needle = filter?.trim().toLowerCase();
	const posts = (page.data ?? []).filter((post) => !needle || (post.text ?? '').toLowerCase().includes(needle));
	return {
		results: posts.map((post) => ({
			name: `${(post.timestamp ?? '').slice(0, 10)} · ${post.text ? post.text.slice(0, 80) : `(${post.media_type ?? 'post'})`}`,
			value: post.id,
			url: post.permalink,
		})),
		paginationToken: page.data?.length ? afterCursorOf(page) : undefined,
	};
}
