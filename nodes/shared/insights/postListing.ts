/**
 * Lists a Graph account's posts with cursor paging (cursorPaging.ts) and, optionally, each
 * post's insights as columns; shared by the Threads and Instagram nodes. Insight
 * requests start as soon as their page arrives, so they overlap the page chain; pages go
 * ahead of queued insight calls, since everything else waits on them. The first request that
 * fails for good stops the queued ones. Rows come out in list order.
 */
import type { IDataObject } from 'n8n-workflow';

import type { GraphPage } from '../graph/cursorPaging';
import { walkPages } from '../graph/cursorPaging';
import type { GraphInsight } from './insightsNormaliser';
import { mediaInsightsRow } from './insightsNormaliser';
import type { GraphClient } from '../graph/pooledGraphRequest';
import { postRow } from './postRows';
import type { AbandonSignal } from '../graph/transport';
import { abandonedWith } from '../graph/transport';

/** A post's insights, or why it has none (shown in the row instead of failing the run). */
export interface PostInsights {
	data: GraphInsight[];
	note?: string;
}

export interface PostListing {
	path: string;
	qs: IDataObject;
	limit: number;
	pageSizeMax: number;
	requiredScope: string;
	simplify: boolean;
	/** The metric columns every row gets (empty: no insights). */
	insightColumns: string[];
	/** Fetches one post's insights; undefined skips the request (the columns stay empty). */
	insightsOf?: (post: IDataObject, abandon: AbandonSignal) => Promise<PostInsights> | undefined;
	/** Which posts become rows (the others do not count towards the limit); default every post. */
	keep?: (post: IDataObject) => boolean;
	/** false: a throttled page fails at once (a quota that waiting does not refill). */
	retryWhenThrottled?: boolean;
}

export async function listPosts(graph: GraphClient, listing: PostListing, job: AbandonSignal): Promise<IDataObject[]> {
	const posts: IDataObject[] = [];
	const insights: Array<Promise<PostInsights> | undefined> = [];
	const abandon: AbandonSignal = { parent: job };
	await walkPages<IDataObject>({
		qs: listing.qs,
		limit: listing.limit,
		pageSizeMax: listing.pageSizeMax,
		fetchPage: async (qs) =>
			await graph.get<GraphPage<IDataObject>>(listing.path, qs as IDataObject, {
				requiredScope: listing.requiredScope,
				shape: 'posts',
				abandon,
				urgent: true,
				retryWhenThrottled: listing.retryWhenThrottled,
			}),
		onPage: (page) => {
			const data = listing.keep ? page.filter(listing.keep) : page;
			posts.push(...data);
			for (const post of data) {
				const pending = listing.insightsOf?.(post, abandon);
				// Awaited below with the others; this only keeps an early failure from being "unhandled" meanwhile.
				pending?.catch(() => undefined);
				insights.push(pending);
			}
			return data.length;
		},
		stop: () => abandonedWith(abandon) !== undefined,
		idOf: (post) => String(post.id),
	});

	const postInsights = await Promise.all(insights);
	const stopped = abandonedWith(abandon);
	if (stopped) throw stopped;
	return posts.map((post, index) => {
		if (!listing.insightColumns.length) return listing.simplify ? postRow(post) : post;
		const { data, note } = postInsights[index] ?? { data: [] };
		if (!listing.simplify) return { ...post, insights: data as unknown as IDataObject[], ...(note ? { insights_note: note } : {}) };
		// The post's fields first, then its numbers: the column order a sheet shows.
		const row = { ...postRow(post), ...mediaInsightsRow(String(post.id), data, listing.insightColumns) };
		return note ? { ...row, insights_note: note } : row;
	});
}
