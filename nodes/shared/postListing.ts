/**
 * Lists a Graph account's posts with cursor paging and, optionally, each post's insights as
 * columns; shared by the Threads and Instagram nodes.
 *
 * Meta's list answers may omit `paging.next`, so the `after` cursor drives the loop; the page
 * size shrinks to what the Limit still needs (Limit 120 = 100 + 20, two requests). Insight
 * requests start as soon as their page arrives, so they overlap the page chain; pages go
 * ahead of queued insight calls, since everything else waits on them. The first request that
 * fails for good stops the queued ones. Rows come out in list order.
 */
import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';

import type { GraphInsight } from './insightsNormaliser';
import { mediaInsightsRow } from './insightsNormaliser';
import type { GraphPlatform } from './pooledGraphRequest';
import { pooledGraphGet } from './pooledGraphRequest';
import { postRow } from './postRows';
import type { AbandonSignal } from './transport';

interface GraphListPage {
	data?: IDataObject[];
	paging?: { cursors?: { after?: string }; next?: string };
}

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
	let after: string | undefined;

	do {
		const qs: IDataObject = { ...listing.qs, limit: Math.min(listing.pageSizeMax, listing.limit - posts.length) };
		if (after) qs.after = after;
		const page = await pooledGraphGet<GraphListPage>(context, listing.platform, listing.path, qs, {
			requiredScope: listing.requiredScope,
			abandon,
			urgent: true,
		});
		const data = (page.data ?? []).slice(0, listing.limit - posts.length);
		posts.push(...data);
		for (const post of data) {
			const pending = listing.insightsOf?.(post, abandon);
			// Awaited below with the others; this only keeps an early failure from being "unhandled" meanwhile.
			pending?.catch(() => undefined);
			insights.push(pending);
		}
		after = page.data?.length ? page.paging?.cursors?.after : undefined;
	} while (after && posts.length < listing.limit && !abandon.error);

	const postInsights = await Promise.all(insights);
	return posts.map((post, index) => {
		if (!listing.insightColumns.length) return { json: listing.simplify ? postRow(post) : post };
		const { data, note } = postInsights[index] ?? { data: [] };
		if (!listing.simplify) return { json: { ...post, insights: data as unknown as IDataObject[], ...(note ? { insights_note: note } : {}) } };
		const row = { ...mediaInsightsRow(String(post.id), data, listing.insightColumns), ...postRow(post) };
		return { json: note ? { ...row, insights_note: note } : row };
	});
}
