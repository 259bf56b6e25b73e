/**
 * The n8n side of a threshold trigger, whatever the platform: read the condition, let the
 * platform observe, run the pure crossing engine against the stored state, store the new
 * state, and shape events as items. A platform trigger supplies only how to observe.
 */
import type { IDataObject, INodeExecutionData, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { BackoffPolicy } from '../graph/backoff';
import { DEFAULT_BACKOFF } from '../graph/backoff';
import type { CrossingCondition, CrossingEvent, CrossingState, Observation, SampleEvent } from './crossings';
import { evaluateCrossings, sampleEvents, validateCondition } from './crossings';
import { mapInPool } from '../graph/pool';
import type { GraphPlatform } from '../graph/pooledGraphRequest';
import { requestSettingsOf } from '../graph/pooledGraphRequest';
import type { AnswerShape } from '../graph/transport';
import type { DatePreset, UnixRange } from '../parameters/dateRange';
import { metaDayRange, rangeQuery, requestedDays } from '../parameters/dateRange';
import type { GraphInsight } from '../insights/insightsNormaliser';
import { bucketsWithin, insightTotal } from '../insights/insightsNormaliser';
import { metricSelection, notWholeNumber, wholeNumberOf } from '../parameters/nodeInput';
import { graphErrorDetailsOf, graphGet } from '../graph/transport';

/** Where the crossing state lives in the node's static data (n8n persists it after activation and with every poll that fires). */
const STATE_KEY = 'crossings';
/** Insight requests of one poll run this many at a time. */
const POLL_CONCURRENCY = 4;

export interface WatchedObject {
	id: string;
	permalink?: string;
	text?: string;
}

export interface PollResult {
	/** Every object inside the watch window, fetched or not (state of the rest is kept). */
	watched: WatchedObject[];
	observations: Observation[];
	/** Set when throttling stopped the poll part-way; the next poll catches up. */
	interruptedBy?: Error;
}

export interface CrossingWatch {
	/** Account watches produce events without post fields. */
	isAccount: boolean;
	observe(now: Date, backoff: BackoffPolicy): Promise<PollResult>;
	/** Post fields for the event items of a single-post watch (fetched only when something fired). */
	details?(objectId: string, backoff: BackoffPolicy): Promise<WatchedObject>;
}

export async function pollCrossings(context: IPollFunctions, watch: CrossingWatch): Promise<INodeExecutionData[][] | null> {
	const condition = conditionOf(context);
	const now = new Date();
	// Throttled requests wait and retry, within a share of the poll's time budget.
	const backoff = { ...DEFAULT_BACKOFF, maxTotalWaitMs: Math.min(DEFAULT_BACKOFF.maxTotalWaitMs, pollBudgetMsOf(context) / 4) };
	const result = await watch.observe(now, backoff);
	if (!result.observations.length && result.interruptedBy) throw result.interruptedBy;

	const manual = context.getMode() === 'manual';
	const staticData = context.getWorkflowStaticData('node');
	const options = context.getNodeParameter('options', {}) as IDataObject;
	const { events, state } = evaluateCrossings(staticData[STATE_KEY] as CrossingState | undefined, result.observations, {
		condition,
		now,
		fireOnActivation: (options.fireOnActivation as boolean) ?? false,
		watchedObjectIds: result.watched.map((object) => object.id),
	});
	if (manual) {
		// The editor's test step: the current values shaped like events, marked as samples; the saved state is left alone.
		const samples = sampleEvents(staticData[STATE_KEY] as CrossingState | undefined, result.observations, condition, watchedMetricOf(context));
		return await itemsOf(watch, backoff, samples, result.watched);
	}
	staticData[STATE_KEY] = state as unknown as IDataObject;
	if (result.interruptedBy) {
		context.logger.warn(`${context.getNode().name}: poll stopped early (${result.interruptedBy.message}); the next poll catches up`);
	}
	return await itemsOf(watch, backoff, events, result.watched);
}

/** n8n 1.x's polls have no budget of their own; 2.x's default (n8n-core's PollContext) is 5 minutes. */
export const DEFAULT_POLL_BUDGET_MS = 5 * 60 * 1000;

/**
 * The time a poll may take: `getPollBudgetMs()` where n8n has it (n8n-workflow 2.x), else
 * n8n 2.x's default. Feature-detected, so the triggers also run on n8n 1.x, whose poll
 * context lacks it.
 */
export function pollBudgetMsOf(context: IPollFunctions): number {
	const getBudget = (context as unknown as { getPollBudgetMs?: unknown }).getPollBudgetMs;
	const budget = typeof getBudget === 'function' ? getBudget.call(context) : undefined;
	return typeof budget === 'number' && Number.isFinite(budget) && budget > 0 ? budget : DEFAULT_POLL_BUDGET_MS;
}

/**
 * One insights request per watched post, a few at a time. When Meta keeps throttling past
 * the backoff budget, the remaining posts are skipped (their state stays as it was) and the
 * poll reports what it saw; any other error (token, permission) fails the poll.
 */
export async function observePosts<Post extends WatchedObject>(
	context: IPollFunctions,
	posts: Post[],
	observe: (post: Post) => Promise<Observation[]>,
): Promise<PollResult> {
	const observations: Observation[][] = [];
	let interruptedBy: Error | undefined;
	await mapInPool(posts, POLL_CONCURRENCY, async (post, index) => {
		if (interruptedBy) return;
		try {
			observations[index] = await observe(post);
		} catch (error) {
			const { kind } = graphErrorDetailsOf(error);
			if (kind !== 'rateLimited' && kind !== 'transient') throw new NodeApiError(context.getNode(), error as JsonObject);
			interruptedBy = error as Error;
		}
	});
	// Observations in post order, so events come out newest post first.
	return { watched: posts, observations: observations.flatMap((entry) => entry ?? []), interruptedBy };
}

/**
 * A poll's GET on a platform: the node's credential, the one transport, the poll's backoff and
 * timeout. `retryWhenThrottled: false` makes a throttled answer fail at once (transport.ts).
 */
export function pollGetter(context: IPollFunctions, platform: GraphPlatform, backoff: BackoffPolicy) {
	const { timeoutSeconds } = requestSettingsOf(context.getNodeParameter('options', {}) as IDataObject);
	const tokenRefused = { confirmed: false };
	return async <T>(path: string, qs: IDataObject, requiredScope: string, shape: AnswerShape = 'object', request: { retryWhenThrottled?: boolean } = {}): Promise<T> =>
		await graphGet<T>(context, path, qs, {
			baseURL: platform.baseUrl,
			credentialType: platform.credentialTypeOf(context.getNodeParameter('authentication', '') as string),
			credentialName: platform.credentialName,
			requiredScope,
			backoff,
			retryWhenThrottled: request.retryWhenThrottled,
			shape,
			timeoutMs: timeoutSeconds * 1000,
			tokenRefused,
		});
}

/**
 * An account metric over the watched window ("yesterday", "last 7 days", ..., "today so
 * far", in the workflow's timezone): the request is aligned to Meta's days (`dayZone`) and
 * only the buckets dated within the window are summed; before Meta's first day of it has
 * begun nothing is counted yet (0, no request). Without a `dayZone` the metric takes no
 * range (followers_count).
 */
export async function watchedAccountTotal(
	context: IPollFunctions,
	now: Date,
	metric: string,
	dayZone: string | undefined,
	fetch: (range: UnixRange) => Promise<GraphInsight[] | undefined>,
): Promise<number | null> {
	const preset = context.getNodeParameter('accountWindow', 'yesterday') as DatePreset;
	const days = dayZone ? requestedDays({ preset, timezone: context.getTimezone(), now }) : undefined;
	const range = days && dayZone ? metaDayRange(days, dayZone, now) : undefined;
	if (range && range.since >= range.until) return 0;
	const insight = (await fetch(range ? rangeQuery(range) : {}))?.find((entry) => entry.name === metric);
	return insightTotal(insight && bucketsWithin(insight, days?.first, days?.last));
}

/** The (first) metric the trigger watches, whichever platform's field holds it. */
function watchedMetricOf(context: IPollFunctions): string {
	if (context.getNodeParameter('watch', '') === 'account') return String(context.getNodeParameter('accountMetric', ''));
	const metrics = (context.getNodeParameter('postMetrics', null) ?? context.getNodeParameter('mediaMetrics', [])) as string[];
	return String(metrics[0] ?? '');
}

/** The "recent" watch window the user chose: published in the last N days, or the latest N. */
export function recentWindowOf(context: IPollFunctions, now: Date, plural: string): { limit: number; since?: number } {
	if (context.getNodeParameter('recentScope', 'days') === 'latest') {
		return { limit: wholeNumberField(context, 'recentCount', `Number of ${plural}`, 20) };
	}
	const days = wholeNumberField(context, 'recentDays', 'Days', 7);
	return { limit: Number.POSITIVE_INFINITY, since: Math.floor(now.getTime() / 1000) - days * 86400 };
}

/** A whole number of at least 1 (an expression may give anything): refused before any request otherwise. */
function wholeNumberField(context: IPollFunctions, name: string, label: string, fallback: number): number {
	const raw = context.getNodeParameter(name, fallback) as unknown;
	const value = wholeNumberOf(raw);
	if (value === undefined) throw new NodeOperationError(context.getNode(), notWholeNumber(label, raw));
	return value;
}

/** The watched metrics (a list, or comma-separated from an expression), each one the watch has. */
export function watchedMetricsOf(context: IPollFunctions, name: string, valid: readonly string[]): string[] {
	const selection = metricSelection(context.getNodeParameter(name, []), 'Metrics', valid, 'watch');
	if ('problem' in selection) throw new NodeOperationError(context.getNode(), selection.problem, { description: selection.description });
	return selection.metrics;
}

/** The one account metric watched, one the platform has. */
export function watchedAccountMetricOf(context: IPollFunctions, valid: readonly string[]): string {
	const metric = String(context.getNodeParameter('accountMetric', '') ?? '').trim();
	if (!valid.includes(metric)) {
		throw new NodeOperationError(context.getNode(), `"Metric" must be one of ${valid.join(', ')}, not "${metric.slice(0, 60)}"`);
	}
	return metric;
}

function conditionOf(context: IPollFunctions): CrossingCondition {
	const kind = context.getNodeParameter('condition') as CrossingCondition['kind'];
	const hysteresis = ((context.getNodeParameter('options', {}) as IDataObject).hysteresis as number | undefined) ?? 0;
	let condition: CrossingCondition;
	if (kind === 'growsBy') {
		const amount = context.getNodeParameter('growthAmount', 0) as number;
		const percent = context.getNodeParameter('growthPercent', 0) as number;
		condition = { kind, amount: amount || undefined, percent: percent || undefined };
	} else if (kind === 'milestone') {
		condition = { kind, every: context.getNodeParameter('milestoneEvery', 1000) as number };
	} else {
		condition = { kind, threshold: context.getNodeParameter('threshold', 0) as number, hysteresis };
	}
	const problem = validateCondition(condition);
	if (problem) throw new NodeOperationError(context.getNode(), problem);
	return condition;
}

/** One item per event, with the post's link and text for post watches. */
async function itemsOf(
	watch: CrossingWatch,
	backoff: BackoffPolicy,
	events: Array<CrossingEvent | SampleEvent>,
	watched: WatchedObject[],
): Promise<INodeExecutionData[][] | null> {
	if (!events.length) return null;
	const posts = new Map(watched.map((post) => [post.id, post]));
	if (watch.details && events[0].objectId && !posts.get(events[0].objectId)?.permalink) {
		const details = await watch.details(events[0].objectId, backoff);
		posts.set(details.id, details);
	}
	const items = events.map(({ objectId, ...event }) => {
		const json: IDataObject = { ...event };
		if (!watch.isAccount) {
			const post = posts.get(objectId);
			Object.assign(json, { mediaId: objectId, permalink: post?.permalink ?? null, text: post?.text ?? null });
		}
		return { json };
	});
	return [items];
}
