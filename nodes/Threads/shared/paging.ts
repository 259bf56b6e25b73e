/** Post lists of the Threads node (`/me/threads`, `/profile_posts`), on the shared listing. */
import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import type { GraphInsight } from '../../shared/insights/insightsNormaliser';
import { listPosts } from '../../shared/insights/postListing';
import { PAGE_SIZE_MAX, THREADS_SCOPES } from '../threadsApi';
import { requiredScopeOf, usernameOf } from './context';
import { THREADS_PLATFORM, threadsGet } from './requests';

export async function paginatePosts(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const columns = this.getNodeParameter('includeInsights', []) as string[];
	const fetchInsights = await insightsAvailable(this, columns);
	return await listPosts(this, {
		platform: THREADS_PLATFORM,
		path: String(requestData.options.url),
		qs: requestData.options.qs ?? {},
		limit: returnAll ? Number.POSITIVE_INFINITY : (this.getNodeParameter('limit', 50) as number),
		pageSizeMax: PAGE_SIZE_MAX,
		requiredScope: requiredScopeOf(this),
		simplify: this.getNodeParameter('simplify', true) as boolean,
		insightColumns: columns,
		insightsOf: fetchInsights
			? async (post, abandon) => {
					const answer = await threadsGet<{ data?: GraphInsight[] }>(
						this,
						`/${String(post.id)}/insights`,
						{ metric: columns.join(',') },
						{ requiredScope: THREADS_SCOPES.insights, abandon },
					);
					return { data: answer.data ?? [] };
				}
			: undefined,
	});
}

/**
 * Meta shares insights only for your own posts: for another profile's posts the columns stay
 * empty, without a refused request per post (one `/me` lookup tells whose profile it is).
 */
async function insightsAvailable(context: IExecutePaginationFunctions, columns: string[]): Promise<boolean> {
	if (!columns.length) return false;
	if (context.getNodeParameter('resource', '') !== 'profile') return true;
	const me = await threadsGet<IDataObject>(context, '/me', { fields: 'id,username' });
	return String(me.username ?? '').toLowerCase() === usernameOf(context).toLowerCase();
}
