/**
 * What the Threads Trigger watches, as crossing observations. Uses the Threads node's
 * transport (credential, error mapping, backoff) and the shared insights normaliser.
 */
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { BackoffPolicy } from '../shared/graph/backoff';
import type { CrossingWatch, WatchedObject } from '../shared/alerts/crossingPoll';
import { observePosts, pollGetter, recentWindowOf, watchedAccountMetricOf, watchedAccountTotal, watchedMetricsOf } from '../shared/alerts/crossingPoll';
import { walkPages } from '../shared/graph/cursorPaging';
import type { GraphInsight } from '../shared/insights/insightsNormaliser';
import { insightTotal } from '../shared/insights/insightsNormaliser';
import { THREADS_PLATFORM } from '../Threads/shared/requests';
import { MEDIA_METRICS, PAGE_SIZE_MAX, POSTS_EARLIEST, THREADS_INSIGHTS_DAY_ZONE, THREADS_SCOPES, USER_METRICS, USER_METRIC_RULES } from '../Threads/threadsApi';

/** Account metrics that are one number (demographics are not). */
const THREADS_ACCOUNT_WATCH_METRICS = USER_METRICS.filter((metric) => !USER_METRIC_RULES.demographics.includes(metric));

const threadsGetter = (context: IPollFunctions, backoff: BackoffPolicy) => pollGetter(context, THREADS_PLATFORM, backoff);

/** The watch the user configured, ready for the shared poll shell. */
export function threadsWatch(context: IPollFunctions): CrossingWatch {
	const watch = context.getNodeParameter('watch') as string;
	if (watch === 'account') {
		return {
			isAccount: true,
			observe: async (now, backoff) => {
				const metric = watchedAccountMetricOf(context, THREADS_ACCOUNT_WATCH_METRICS);
				const dayZone = USER_METRIC_RULES.unranged.includes(metric) ? undefined : THREADS_INSIGHTS_DAY_ZONE;
				const value = await watchedAccountTotal(context, now, metric, dayZone, async (range) => {
					const answer = await threadsGetter(context, backoff)<{ data?: GraphInsight[] }>('/me/threads_insights', { metric, ...range }, THREADS_SCOPES.insights, 'insights');
					return answer.data;
				});
				return { watched: [{ id: 'account' }], observations: [{ objectId: 'account', metric, value }] };
			},
		};
	}
	const metrics = watchedMetricsOf(context, 'postMetrics', MEDIA_METRICS);
	const insightsOf = (backoff: BackoffPolicy) => async (post: WatchedObject) => {
		const answer = await threadsGetter(context, backoff)<{ data?: GraphInsight[] }>(
			`/${post.id}/insights`,
			{ metric: metrics.join(',') },
			THREADS_SCOPES.insights,
			'insights',
		);
		return metrics.map((metric) => ({ objectId: post.id, metric, value: insightTotal((answer.data ?? []).find((insight) => insight.name === metric)) }));
	};
	if (watch === 'post') {
		const mediaId = String(context.getNodeParameter('mediaId', '', { extractValue: true }) ?? '').trim();
		if (!/^\d+$/.test(mediaId)) {
			throw new NodeOperationError(context.getNode(), '"Media" must be a Threads media ID (digits only): pick a post from the list');
		}
		return {
			isAccount: false,
			observe: async (_now, backoff) => await observePosts(context, [{ id: mediaId }], insightsOf(backoff)),
			details: async (id, backoff) =>
				await threadsGetter(context, backoff)<WatchedObject>(`/${id}`, { fields: 'id,permalink,text' }, THREADS_SCOPES.basic, 'node'),
		};
	}
	return {
		isAccount: false,
		observe: async (now, backoff) => {
			const posts = await recentPosts(context, backoff, now);
			return await observePosts(context, posts, insightsOf(backoff));
		},
	};
}

/** My posts inside the watch window; reposts of other people's posts have no insights and are skipped. */
async function recentPosts(context: IPollFunctions, backoff: BackoffPolicy, now: Date): Promise<WatchedObject[]> {
	const { limit, since } = recentWindowOf(context, now, 'Posts');
	const posts: WatchedObject[] = [];
	await walkPages<WatchedObject & { media_type?: string }>({
		// Meta refuses a since before July 5, 2023: "the last 3650 days" means every post.
		qs: { fields: 'id,permalink,text,media_type', ...(since !== undefined ? { since: Math.max(since, POSTS_EARLIEST) } : {}) },
		limit,
		pageSizeMax: PAGE_SIZE_MAX,
		fetchPage: async (qs) => await threadsGetter(context, backoff)('/me/threads', qs as IDataObject, THREADS_SCOPES.basic, 'posts'),
		idOf: (post) => post.id,
		onPage: (data) => {
			const own = data.filter((post) => post.media_type !== 'REPOST_FACADE');
			posts.push(...own.map(({ id, permalink, text }) => ({ id, permalink, text })));
			return own.length;
		},
	});
	return posts;
}
