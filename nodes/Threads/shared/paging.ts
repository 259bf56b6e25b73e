/**
 * Post lists (`/me/threads`, `/profile_posts`): cursor paging, and optionally each post's
 * insights as columns.
 *
 * Meta's list answers may omit `paging.next`, so the `after` cursor drives the loop; the page
 * size shrinks to what the Limit still needs (Limit 120 = 100 + 20, two requests). With
 * "Include Insights", every post's insights request is started as soon as its page arrives,
 * so insight calls overlap the page chain instead of waiting for it; the shared pool keeps
 * them within Meta's limits. Rows come out in list order.
 */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { GraphInsight } from '../../shared/insightsNormaliser';
import { mediaInsightsRow } from '../../shared/insightsNormaliser';
import { postRow } from '../../shared/postRows';
import type { AbandonSignal } from '../../shared/transport';
import { PAGE_SIZE_MAX, THREADS_SCOPES } from '../threadsApi';
import { requiredScopeOf, usernameOf } from './context';
import { threadsGet } from './requests';

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
	const metrics = (await insightsAvailable(this)) ? (this.getNodeParameter('includeInsights', []) as string[]) : [];
	const columns = this.getNodeParameter('includeInsights', []) as string[];
	const { url, qs: routedQs } = requestData.options;
	const posts: IDataObject[] = [];
	const insights: Array<Promise<GraphInsight[]>> = [];
	// The first request that fails for good stops the queued ones (no stray retries behind a failed run).
	const abandon: AbandonSignal = {};
	let after: string | undefined;

	do {
		const qs: IDataObject = { ...routedQs, limit: Math.min(PAGE_SIZE_MAX, limit - posts.length) };
		if (after) qs.after = after;
		// Pages go ahead of queued insight calls: the next page is what keeps the pool fed.
		const page = await threadsGet<GraphListPage>(this, String(url), qs, { requiredScope: requiredScopeOf(this), abandon, urgent: true });
		const data = (page.data ?? []).slice(0, limit - posts.length);
		posts.push(...data);
		for (const post of data) {
			if (!metrics.length) break;
			const pending = insightsOf(this, String(post.id), metrics, abandon);
			// Awaited below with the others; this only keeps an early failure from being "unhandled" meanwhile.
			pending.catch(() => undefined);
			insights.push(pending);
		}
		after = page.data?.length ? page.paging?.cursors?.after : undefined;
	} while (after && posts.length < limit && !abandon.error);

	const postInsights = await Promise.all(insights);
	return posts.map((post, index) => {
		if (!columns.length) return { json: simplify ? postRow(post) : post };
		const data = postInsights[index] ?? [];
		if (!simplify) return { json: { ...post, insights: data as unknown as IDataObject[] } };
		return { json: { ...mediaInsightsRow(String(post.id), data, columns), ...postRow(post) } };
	});
}

/**
 * Meta shares insights only for your own posts: for another profile's posts the columns stay
 * empty, without a refused request per post (one `/me` lookup tells whose profile it is).
 */
async function insightsAvailable(context: IExecutePaginationFunctions): Promise<boolean> {
	if (!(context.getNodeParameter('includeInsights', []) as string[]).length) return false;
	if (context.getNodeParameter('resource', '') !== 'profile') return true;
	const me = await threadsGet<{ username?: string }>(context, '/me', { fields: 'id,username' });
	return (me.username ?? '').toLowerCase() === usernameOf(context).toLowerCase();
}

async function insightsOf(
	context: IExecutePaginationFunctions,
	mediaId: string,
	metrics: string[],
	abandon: AbandonSignal,
): Promise<GraphInsight[]> {
	const answer = await threadsGet<{ data?: GraphInsight[] }>(
		context,
		`/${mediaId}/insights`,
		{ metric: metrics.join(',') },
		{ requiredScope: THREADS_SCOPES.insights, abandon },
	);
	return answer.data ?? [];
}
