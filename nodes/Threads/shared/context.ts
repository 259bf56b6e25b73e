/** Reading and checking the Threads node's own parameters; every check runs before the first request. */
import type { PostListEndpoint } from '../../shared/graph/postLookup';
import type { ItemInput, MediaRef, PostLinkRules } from '../../shared/parameters/nodeInput';
import { mediaRefOf, metricsOf } from '../../shared/parameters/nodeInput';
import { MEDIA_METRICS, PAGE_SIZE_MAX, POLL_ATTACHMENT_FIELDS, POST_FIELDS, THREADS_SCOPES } from '../threadsApi';

/** threads.net and threads.com post links: …/@user/post/<shortcode>. */
export const THREADS_POST_LINKS: PostLinkRules = {
	platform: 'Threads',
	shortcodeOf: (link) => /threads\.(?:net|com)\/@?[\w.]+\/post\/([\w-]+)/i.exec(link)?.[1],
	linkExample: 'https://www.threads.net/@you/post/…',
};

/** Where a post given by link is looked for: your own latest posts. */
export const MY_THREADS: PostListEndpoint = { path: '/me/threads', requiredScope: THREADS_SCOPES.basic, pageSizeMax: PAGE_SIZE_MAX };

export function mediaRefOfItem(input: ItemInput): MediaRef {
	return mediaRefOf(input, 'mediaId', 'Media', THREADS_POST_LINKS, { locator: true });
}

/**
 * The post fields to ask for; a text from an expression may list them comma-separated. A poll
 * is asked for with its sub-fields named, as Meta's polls page does.
 */
export function postFieldsOf(input: ItemInput, allowed: readonly string[] = POST_FIELDS): string {
	return metricsOf(input, 'fields', 'Fields', allowed)
		.map((field) => (field === 'poll_attachment' ? `poll_attachment{${POLL_ATTACHMENT_FIELDS.join(',')}}` : field))
		.join(',');
}

export function mediaMetricsOf(input: ItemInput, name = 'metrics', label = 'Metrics'): string[] {
	return metricsOf(input, name, label, MEDIA_METRICS);
}
