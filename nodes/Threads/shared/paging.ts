/** Post lists of the Threads node (`/me/threads`, `/profile_posts`), on the shared listing. */
import type { IDataObject } from 'n8n-workflow';

import type { OperationJob } from '../../shared/graph/runOperations';
import type { GraphClient } from '../../shared/graph/pooledGraphRequest';
import type { GraphInsight } from '../../shared/insights/insightsNormaliser';
import { listPosts } from '../../shared/insights/postListing';
import { rangeQuery } from '../../shared/parameters/dateRange';
import type { ItemInput } from '../../shared/parameters/nodeInput';
import { dateRangeOf, limitOf, metricsOf } from '../../shared/parameters/nodeInput';
import { MEDIA_METRICS, PAGE_SIZE_MAX, POSTS_EARLIEST, POST_FIELDS, THREADS_SCOPES } from '../threadsApi';
import { postFieldsOf } from './context';

export interface ThreadsPostList {
	path: string;
	/** Query of the list itself (username for profile_posts). */
	qs: IDataObject;
	requiredScope: string;
	fieldsAllowed?: readonly string[];
	/** Another profile's posts: insights only when it is the token's own profile. */
	profileUsername?: string;
}

/** Checks the list's parameters; the job pages through the list and adds insight columns. */
export function postListJob(input: ItemInput, list: ThreadsPostList): OperationJob {
	const fields = postFieldsOf(input, list.fieldsAllowed ?? POST_FIELDS);
	const limit = limitOf(input);
	const range = dateRangeOf(input, { earliest: POSTS_EARLIEST, earliestLabel: 'July 5, 2023' });
	const columns = metricsOf(input, 'includeInsights', 'Include Insights', MEDIA_METRICS, { optional: true });
	const simplify = input.parameter('simplify', true);
	return async (graph, abandon) => {
		const fetchInsights = columns.length > 0 && (await insightsAvailable(graph, list.profileUsername, abandon));
		return await listPosts(
			graph,
			{
				path: list.path,
				qs: { ...list.qs, fields, ...rangeQuery(range) },
				limit,
				pageSizeMax: PAGE_SIZE_MAX,
				requiredScope: list.requiredScope,
				simplify,
				insightColumns: columns,
				insightsOf: fetchInsights
					? async (post, postAbandon) => {
							const answer = await graph.get<{ data: GraphInsight[] }>(
								`/${String(post.id)}/insights`,
								{ metric: columns.join(',') },
								{ requiredScope: THREADS_SCOPES.insights, shape: 'list', abandon: postAbandon },
							);
							return { data: answer.data };
						}
					: undefined,
			},
			abandon,
		);
	};
}

/**
 * Meta shares insights only for your own posts: for another profile's posts the columns stay
 * empty, without a refused request per post (one `/me` lookup tells whose profile it is).
 */
async function insightsAvailable(graph: GraphClient, profileUsername: string | undefined, abandon: { error?: Error }): Promise<boolean> {
	if (profileUsername === undefined) return true;
	const me = await graph.get<IDataObject>('/me', { fields: 'id,username' }, { abandon });
	return String(me.username ?? '').toLowerCase() === profileUsername.toLowerCase();
}
