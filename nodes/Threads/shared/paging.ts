/** Post lists of the Threads node (`/me/threads`, `/profile_posts`), on the shared listing. */
import type { IDataObject } from 'n8n-workflow';

import type { OperationJob } from '../../shared/graph/runOperations';
import type { GraphClient } from '../../shared/graph/pooledGraphRequest';
import type { GraphInsight } from '../../shared/insights/insightsNormaliser';
import { listPosts } from '../../shared/insights/postListing';
import { ENGAGEMENT_METRICS, engagementRate, shortened } from '../../shared/insights/postRows';
import { isoDay, rangeQuery } from '../../shared/parameters/dateRange';
import type { ItemInput } from '../../shared/parameters/nodeInput';
import { dateRangeOf, inputError, limitOf, metricsOf } from '../../shared/parameters/nodeInput';
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
	const shape = rowShapeOf(input, columns);
	// Engagement needs its metrics, and reposts are told apart by their media type.
	const metrics = shape.engagementRate ? [...new Set([...columns, 'views', ...ENGAGEMENT_METRICS])] : columns;
	const fieldList = shape.reposts === 'empty' || fields.split(',').includes('media_type') ? fields : `${fields},media_type`;
	return async (graph, abandon, hint) => {
		const fetchInsights = metrics.length > 0 && (await insightsAvailable(graph, list.profileUsername));
		const rows = await listPosts(
			graph,
			{
				path: list.path,
				qs: { ...list.qs, fields: fieldList, ...rangeQuery(range) },
				limit,
				pageSizeMax: PAGE_SIZE_MAX,
				requiredScope: list.requiredScope,
				simplify,
				insightColumns: metrics,
				keep: shape.reposts === 'skip' ? (post) => !isRepost(post) : undefined,
				insightsOf: fetchInsights
					? async (post, postAbandon) => {
							const answer = await graph.get<{ data: GraphInsight[] }>(
								`/${String(post.id)}/insights`,
								{ metric: metrics.join(',') },
								{ requiredScope: THREADS_SCOPES.insights, shape: 'insights', abandon: postAbandon },
							);
							return { data: answer.data };
						}
					: undefined,
			},
			abandon,
		);
		if (Number.isFinite(limit) && rows.length < limit) hint(`"Limit" is ${limit}, but only ${rows.length} posts were found${range.since !== undefined ? ' in the date range' : ''}`);
		if (columns.length && shape.reposts === 'empty' && rows.some(isRepost)) {
			hint('Reposts of other people’s posts have no insights of their own, so their metric cells are empty: Row Options → Reposts can skip them or write zeros');
		}
		return simplify ? rows.map((row) => shapedPostRow(row, columns, shape, input.timezone, fieldList !== fields)) : rows;
	};
}

/** A repost of someone else's post: Meta's REPOST_FACADE, without insights of its own. */
function isRepost(post: IDataObject): boolean {
	return post.media_type === 'REPOST_FACADE';
}

interface RowShape {
	reportDate: boolean;
	engagementRate: boolean;
	reposts: 'skip' | 'zeros' | 'empty';
	textLength: number;
}

/** Row Options; the defaults are for a sheet appended every day. Engagement rate needs Include Insights. */
function rowShapeOf(input: ItemInput, columns: string[]): RowShape {
	const options = input.parameter<IDataObject>('rowOptions', {});
	const reposts = String(options.reposts ?? 'empty');
	const textLength = Number(options.textLength ?? 0);
	if (!['skip', 'zeros', 'empty'].includes(reposts)) throw inputError(input, `"Reposts" must be Skip, Zeros With a Note or Empty Cells, not "${reposts}"`);
	if (!Number.isInteger(textLength) || textLength < 0) throw inputError(input, '"Shorten Text To (Characters)" must be a whole number, 0 or more');
	if (options.engagementRate === true && !columns.length) {
		throw inputError(input, '"Engagement Rate" needs "Include Insights": add at least Views there', 'The rate is worked out from each post’s views and interactions, which Include Insights fetches.');
	}
	return {
		reportDate: options.reportDate === true,
		engagementRate: options.engagementRate === true,
		reposts: reposts as RowShape['reposts'],
		textLength,
	};
}

/** The row as a sheet wants it: report date first, text shortened, reposts' cells, engagement rate, only the asked columns. */
function shapedPostRow(row: IDataObject, columns: string[], shape: RowShape, timezone: string, mediaTypeAdded: boolean): IDataObject {
	const shaped: IDataObject = shape.reportDate ? { report_date: isoDay(Math.floor(Date.now() / 1000), timezone) ?? null } : {};
	const repost = isRepost(row) && columns.length > 0;
	const rate = shape.engagementRate && !repost ? engagementRate(row) : null;
	for (const [key, value] of Object.entries(row)) {
		const metricFetchedOnlyForTheRate = MEDIA_METRICS.includes(key as (typeof MEDIA_METRICS)[number]) && !columns.includes(key);
		if (metricFetchedOnlyForTheRate || (mediaTypeAdded && key === 'media_type')) continue;
		if (repost && shape.reposts === 'zeros' && columns.includes(key)) shaped[key] = 0;
		else shaped[key] = key === 'text' ? (shortened(value, shape.textLength) as string) : value;
	}
	if (shape.engagementRate) shaped.engagement_rate = rate;
	if (repost && shape.reposts === 'zeros') shaped.note = 'repost of another account’s post: no insights of its own';
	return shaped;
}

/**
 * Meta shares insights only for your own posts: for another profile's posts the columns stay
 * empty, without a refused request per post (one `/me` lookup per execution tells whose profile it is).
 */
async function insightsAvailable(graph: GraphClient, profileUsername: string | undefined): Promise<boolean> {
	if (profileUsername === undefined) return true;
	const me = await graph.getOnce<IDataObject>('/me', { fields: 'id,username' }, { shape: 'node' });
	return String(me.username ?? '').toLowerCase() === profileUsername.toLowerCase();
}
