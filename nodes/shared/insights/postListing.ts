/**
 * Lists a Graph account's posts with cursor paging (cursorPaging.ts) and, optionally, each
 * post's insights as columns; shared by the Threads and Instagram nodes. Insight
 * requests start as soon as their page arrives, so they overlap the page chain; pages go
 * ahead of queued insight calls, since everything else waits on them. The first request that
 * fails for good stops the queued ones. Rows come out in list order.
 */
import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import type { GraphPage } from '../graph/cursorPaging';
import { walkPages } from '../graph/cursorPaging';
import type { GraphInsight } from './insightsNormaliser';
import { mediaInsightsRow } from './insightsNormaliser';
import type { GraphPlatform } from '../graph/pooledGraphRequest';
import { pooledGraphGet } from '../graph/pooledGraphRequest';
import { postRow } from './postRows';
import type { AbandonSignal } from '../graph/transport';

/** A post's insights, or why it has none (shown in the row instead of failing the run). */
export interface PostInsights {
	data: GraphInsight[];
	note?: string;
}

export interface PostListing {
	platform: GraphPlatform;
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
}

export async function listPosts(context: IExecuteSingleFunctions, listing: PostListing): Promise<INodeExecutionData[]> {
	const posts: IDataObject[] = [];
	const insights: Array<Promise<PostInsights> | undefined> = [];
	const abandon: AbandonSignal = {};
	await walkPages<IDataObject>({
		qs: listing.qs,
		limit: listing.limit,
		pageSizeMax: listing.pageSizeMax,
		fetchPage: async (qs) =>
			await pooledGraphGet<GraphPage<IDataObject>>(context, listing.platform, listing.path, qs as IDataObject, {
				requiredScope: listing.requiredScope,
				abandon,
				urgent: true,
			}),
		onPage: (data) => {
			posts.push(...data);
			for (const post of data) {
				const pending = listing.insightsOf?.(post, abandon);
				// Awaited below with the others; this only keeps an early failure from being "unhandled" meanwhile.
				pending?.catch(() => undefined);
				insights.push(pending);
			}
			return data.length;
		},
		stop: () => abandon.error !== undefined,
	});

	const postInsights = await Promise.all(insights);
	return posts.map((post, index) => {
		if (!listing.insightColumns.length) return { json: listing.simplify ? postRow(post) : post };
		const { data, note } = postInsights[index] ?? { data: [] };
		if (!listing.simplify) return { json: { ...post, insights: data as unknown as IDataObject[], ...(note ? { insights_note: note } : {}) } };
		const row = { ...mediaInsightsRow(String(post.id), data, listing.insightColumns), ...postRow(post) };
		return { json: note ? { ...row, insights_note: note } : row };
	});
}
