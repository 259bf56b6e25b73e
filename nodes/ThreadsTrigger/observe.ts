/**
 * Fetches what the trigger watches and turns it into crossing observations. Uses the Threads
 * node's transport (credential, error mapping, backoff) and insights normaliser; nothing
 * here talks HTTP itself.
 */
import type { IDataObject, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { BackoffPolicy } from '../shared/backoff';
import type { Observation } from '../shared/crossings';
import type { DatePreset } from '../shared/dateRange';
import { resolveDateRange } from '../shared/dateRange';
import type { GraphInsight } from '../shared/insightsNormaliser';
import { insightTotal } from '../shared/insightsNormaliser';
import { mapInPool } from '../shared/pool';
import { graphErrorKindOf, graphGet } from '../shared/transport';
import { credentialTypeOf } from '../Threads/shared/credentials';
import { PAGE_SIZE_MAX, THREADS_API_BASE_URL, THREADS_SCOPES, USER_METRIC_RULES } from '../Threads/threadsApi';

export interface WatchedPost {
	id: string;
	permalink?: string;
	text?: string;
}

export interface PollResult {
	/** Every object inside the watch window, fetched or not (state of the rest is kept). */
	watched: WatchedPost[];
	observations: Observation[];
	/** Set when throttling stopped the poll part-way; the next poll catches up. */
	interruptedBy?: Error;
}

/** Insight requests of one poll run this many at a time. */
const POLL_CONCURRENCY = 4;

export class ThreadsObserver {
	constructor(
		private readonly context: IPollFunctions,
		private readonly backoff: BackoffPolicy,
	) {}

	private async get<T>(path: string, qs: IDataObject, requiredScope: string): Promise<T> {
		return await graphGet<T>(this.context, path, qs, {
			baseURL: THREADS_API_BASE_URL,
			credentialType: credentialTypeOf(this.context),
			requiredScope,
			backoff: this.backoff,
		});
	}

	async account(metric: string, window: DatePreset, now: Date): Promise<PollResult> {
		const qs: IDataObject = { metric };
		if (!USER_METRIC_RULES.unranged.includes(metric)) {
			const { since, until } = resolveDateRange({ preset: window, timezone: this.context.getTimezone(), now });
			Object.assign(qs, { since, until });
		}
		const answer = await this.get<{ data?: GraphInsight[] }>('/me/threads_insights', qs, THREADS_SCOPES.insights);
		const value = insightTotal((answer.data ?? []).find((insight) => insight.name === metric));
		return { watched: [{ id: 'account' }], observations: [{ objectId: 'account', metric, value }] };
	}

	async post(mediaId: string, metrics: string[]): Promise<PollResult> {
		return await this.postsInsights([{ id: mediaId }], metrics);
	}

	/** Post fields for the event items of a single-post watch (only fetched when something fired). */
	async postDetails(mediaId: string): Promise<WatchedPost> {
		return await this.get<WatchedPost>(`/${mediaId}`, { fields: 'id,permalink,text' }, THREADS_SCOPES.basic);
	}

	async recentPosts(scope: { days?: number; latest?: number }, metrics: string[], now: Date): Promise<PollResult> {
		const posts: WatchedPost[] = [];
		const since = scope.days ? Math.floor(now.getTime() / 1000) - scope.days * 86400 : undefined;
		const wanted = scope.latest ?? Number.POSITIVE_INFINITY;
		let after: string | undefined;
		do {
			const qs: IDataObject = { fields: 'id,permalink,text,media_type', limit: Math.min(PAGE_SIZE_MAX, wanted - posts.length) };
			if (since !== undefined) qs.since = since;
			if (after) qs.after = after;
			const page = await this.get<{ data?: Array<WatchedPost & { media_type?: string }>; paging?: { cursors?: { after?: string } } }>(
				'/me/threads',
				qs,
				THREADS_SCOPES.basic,
			);
			const data = page.data ?? [];
			// Reposts of other people's posts have no insights: nothing to watch.
			posts.push(...data.filter((post) => post.media_type !== 'REPOST_FACADE').map(({ id, permalink, text }) => ({ id, permalink, text })));
			after = data.length ? page.paging?.cursors?.after : undefined;
		} while (after && posts.length < wanted);
		return await this.postsInsights(posts.slice(0, wanted), metrics);
	}

	/**
	 * One insights call per post. When Meta keeps throttling past the backoff budget, the
	 * remaining posts are skipped (their state stays as it was) and the poll reports what it
	 * saw; any other error (token, permission) fails the poll.
	 */
	private async postsInsights(posts: WatchedPost[], metrics: string[]): Promise<PollResult> {
		const observations: Observation[] = [];
		let interruptedBy: Error | undefined;
		await mapInPool(posts, POLL_CONCURRENCY, async (post) => {
			if (interruptedBy) return;
			try {
				const answer = await this.get<{ data?: GraphInsight[] }>(
					`/${post.id}/insights`,
					{ metric: metrics.join(',') },
					THREADS_SCOPES.insights,
				);
				for (const metric of metrics) {
					observations.push({ objectId: post.id, metric, value: insightTotal((answer.data ?? []).find((insight) => insight.name === metric)) });
				}
			} catch (error) {
				const kind = graphErrorKindOf(error);
				if (kind !== 'rateLimited' && kind !== 'transient') throw new NodeApiError(this.context.getNode(), error as JsonObject);
				interruptedBy = error as Error;
			}
		});
		// Observations in post order, so events come out newest post first.
		const order = new Map(posts.map((post, index) => [post.id, index]));
		observations.sort((a, b) => (order.get(a.objectId) ?? 0) - (order.get(b.objectId) ?? 0));
		return { watched: posts, observations, interruptedBy };
	}
}
