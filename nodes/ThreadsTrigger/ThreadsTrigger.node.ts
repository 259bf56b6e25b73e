import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { DEFAULT_BACKOFF } from '../shared/backoff';
import type { CrossingCondition, CrossingEvent, CrossingState } from '../shared/crossings';
import { evaluateCrossings, validateCondition } from '../shared/crossings';
import type { DatePreset } from '../shared/dateRange';
import { authenticationParameter, threadsCredentials } from '../Threads/shared/credentials';
import { searchMyThreads } from '../Threads/shared/listSearch';
import { conditionFields } from './descriptions/condition';
import { watchFields } from './descriptions/watch';
import type { PollResult, WatchedPost } from './observe';
import { ThreadsObserver } from './observe';

/** Where the crossing state lives in the node's static data (persisted by n8n after each poll). */
const STATE_KEY = 'crossings';

export class ThreadsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Threads Trigger',
		name: 'threadsTrigger',
		icon: { light: 'file:../../icons/threads.svg', dark: 'file:../../icons/threads.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["watch"] + ": " + $parameter["condition"] }}',
		description: 'Starts the workflow when a Threads metric crosses a threshold',
		defaults: { name: 'Threads Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: threadsCredentials,
		properties: [authenticationParameter, ...watchFields, ...conditionFields],
	};

	methods = {
		listSearch: { searchMyThreads },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const condition = conditionOf(this);
		const now = new Date();
		// Throttled requests wait and retry, within a share of the poll's time budget.
		const observer = new ThreadsObserver(this, {
			...DEFAULT_BACKOFF,
			maxTotalWaitMs: Math.min(DEFAULT_BACKOFF.maxTotalWaitMs, this.getPollBudgetMs() / 4),
		});
		const watch = this.getNodeParameter('watch') as string;
		const result = await observe(this, observer, watch, now);
		if (!result.observations.length && result.interruptedBy) throw result.interruptedBy;

		const staticData = this.getWorkflowStaticData('node');
		const manual = this.getMode() === 'manual';
		const options = this.getNodeParameter('options', {}) as IDataObject;
		const { events, state } = evaluateCrossings(staticData[STATE_KEY] as CrossingState | undefined, result.observations, {
			condition,
			now,
			// The editor's test step shows what the current values look like as events.
			fireOnActivation: manual ? false : (options.fireOnActivation as boolean) ?? false,
			watchedObjectIds: result.watched.map((post) => post.id),
		});
		if (manual) {
			const samples = result.observations.map((observation) => sampleEvent(observation, condition, now));
			return await itemsOf(observer, watch, samples, result.watched);
		}
		staticData[STATE_KEY] = state as unknown as IDataObject;
		if (result.interruptedBy) {
			this.logger.warn(`Threads Trigger: poll stopped early (${result.interruptedBy.message}); the next poll catches up`);
		}
		if (!events.length) return null;
		return await itemsOf(observer, watch, events, result.watched);
	}
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

async function observe(context: IPollFunctions, observer: ThreadsObserver, watch: string, now: Date): Promise<PollResult> {
	if (watch === 'account') {
		return await observer.account(
			context.getNodeParameter('accountMetric') as string,
			context.getNodeParameter('accountWindow', 'yesterday') as DatePreset,
			now,
		);
	}
	const metrics = context.getNodeParameter('postMetrics', []) as string[];
	if (!metrics.length) throw new NodeOperationError(context.getNode(), '"Metrics" is empty: choose at least one metric');
	if (watch === 'post') {
		const mediaId = String(context.getNodeParameter('mediaId', '', { extractValue: true }) ?? '').trim();
		if (!/^\d+$/.test(mediaId)) {
			throw new NodeOperationError(context.getNode(), '"Media" must be a Threads media ID (digits only): pick a post from the list');
		}
		return await observer.post(mediaId, metrics);
	}
	const scope = context.getNodeParameter('recentScope', 'days') as string;
	return await observer.recentPosts(
		scope === 'latest'
			? { latest: context.getNodeParameter('recentCount', 20) as number }
			: { days: context.getNodeParameter('recentDays', 7) as number },
		metrics,
		now,
	);
}

/** What the editor's test step shows: the current values, shaped like real events. */
function sampleEvent(
	observation: { objectId: string; metric: string; value: number | null | undefined },
	condition: CrossingCondition,
	now: Date,
): CrossingEvent {
	const threshold =
		condition.kind === 'milestone' ? condition.every : condition.kind === 'growsBy' ? (condition.amount ?? 0) : condition.threshold;
	return {
		objectId: observation.objectId,
		metric: observation.metric,
		value: observation.value ?? 0,
		previousValue: null,
		threshold,
		condition: condition.kind,
		direction: 'up',
		crossedAt: now.toISOString(),
	};
}

/** One item per event, with the post's link and text for post watches. */
async function itemsOf(
	observer: ThreadsObserver,
	watch: string,
	events: CrossingEvent[],
	watched: WatchedPost[],
): Promise<INodeExecutionData[][] | null> {
	if (!events.length) return null;
	const posts = new Map(watched.map((post) => [post.id, post]));
	if (watch === 'post' && events.length) {
		const details = await observer.postDetails(events[0].objectId);
		posts.set(details.id, details);
	}
	const items = events.map(({ objectId, ...event }) => {
		const json: IDataObject = { ...event };
		if (watch !== 'account') {
			const post = posts.get(objectId);
			Object.assign(json, { mediaId: objectId, permalink: post?.permalink ?? null, text: post?.text ?? null });
		}
		return { json };
	});
	return [items];
}
