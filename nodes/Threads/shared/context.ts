/**
 * Reading and checking the Threads node's own parameters inside declarative routing. Every
 * check runs before the first request and names the field to fix.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { rangeQuery } from '../../shared/parameters/dateRange';
import { dateRangeOf, inputError } from '../../shared/parameters/nodeInput';
import { throwOnGraphError } from '../../shared/graph/transport';
import { POSTS_EARLIEST, THREADS_SCOPES } from '../threadsApi';

/** Which permission each resource needs, for the "missing permission" message. */
export function requiredScopeOf(context: IExecuteSingleFunctions): string {
	const resource = context.getNodeParameter('resource', '') as string;
	const operation = context.getNodeParameter('operation', '') as string;
	if (resource === 'profile') return THREADS_SCOPES.profileDiscovery;
	if (operation === 'getInsights') return THREADS_SCOPES.insights;
	return THREADS_SCOPES.basic;
}

/** First in the postReceive chain of the Threads operations that send one request. */
export const throwOnThreadsError = throwOnGraphError(requiredScopeOf);

export function mediaIdOf(context: IExecuteSingleFunctions): string {
	const mediaId = String(context.getNodeParameter('mediaId', undefined, { extractValue: true }) ?? '').trim();
	if (!mediaId) {
		throw inputError(context, '"Media" is empty: choose a post from the list or map its ID, e.g. {{ $json.id }}');
	}
	if (!/^\d+$/.test(mediaId)) {
		throw inputError(context, `"Media" must be a Threads media ID (digits only), not "${mediaId.slice(0, 60)}"`);
	}
	return mediaId;
}

export function usernameOf(context: IExecuteSingleFunctions): string {
	const username = String(context.getNodeParameter('username', '') ?? '')
		.trim()
		.replace(/^@/, '');
	if (!username) {
		throw inputError(context, '"Username" is empty: enter a public Threads username, e.g. meta');
	}
	return username;
}

/** preSend: the request goes to `/{media-id}`, with the media ID checked first. */
export async function setMediaPath(this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	requestOptions.url = `/${mediaIdOf(this)}`;
	return requestOptions;
}

/** preSend for post lists: the chosen publish-date range as Unix `since` / `until`. */
export async function setPublishedRange(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	requestOptions.qs = { ...requestOptions.qs, ...rangeQuery(dateRangeOf(this, { earliest: POSTS_EARLIEST, earliestLabel: 'July 5, 2023' })) };
	return requestOptions;
}
