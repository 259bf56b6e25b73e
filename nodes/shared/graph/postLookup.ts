/**
 * A post given by its link → its ID: Meta has no lookup by link, so the account's latest
 * posts are searched, a bounded number of pages, stopping at the first match.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MediaRef, PostLinkRules } from '../parameters/nodeInput';
import type { GraphPage } from './cursorPaging';
import { walkPages } from './cursorPaging';
import type { GraphClient } from './pooledGraphRequest';
import type { AbandonSignal } from './transport';

/** How many of the latest posts a link is looked for among. */
export const LINK_LOOKUP_POSTS = 500;

export interface PostListEndpoint {
	path: string;
	requiredScope: string;
	pageSizeMax: number;
}

export async function mediaIdFor(graph: GraphClient, ref: MediaRef, list: PostListEndpoint, rules: PostLinkRules, abandon: AbandonSignal): Promise<string> {
	if ('id' in ref) return ref.id;
	let found: string | undefined;
	await walkPages<IDataObject>({
		qs: { fields: 'id,permalink' },
		limit: LINK_LOOKUP_POSTS,
		pageSizeMax: list.pageSizeMax,
		fetchPage: async (qs) =>
			await graph.get<GraphPage<IDataObject>>(list.path, qs as IDataObject, { requiredScope: list.requiredScope, shape: 'posts', abandon, urgent: true }),
		onPage: (posts) => {
			found ??= posts.find((post) => rules.shortcodeOf(String(post.permalink ?? '')) === ref.shortcode)?.id as string | undefined;
			return posts.length;
		},
		stop: () => found !== undefined,
		idOf: (post) => String(post.id),
	});
	if (found) return found;
	throw new NodeOperationError(graph.node, `The post ${ref.link} is not among your ${LINK_LOOKUP_POSTS} latest ${rules.platform} posts`, {
		description: `Only your own posts can be found by link. Pick the post from the list, or map its ID from a List step ({{ $json.id }}).`,
	});
}
