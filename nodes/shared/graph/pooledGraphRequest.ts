/**
 * How a Graph node sends the requests its operations orchestrate themselves (paging, insight
 * enrichment, split insight ranges): through the shared transport, with backoff on
 * throttling, and through one adaptive pool per node execution, so that many posts or many
 * input items never mean an unbounded burst of requests. Used by every Graph platform.
 */
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { AdaptiveLimiter } from './adaptiveLimiter';
import type { BackoffPolicy } from './backoff';
import { DEFAULT_BACKOFF } from './backoff';
import type { AbandonSignal } from './transport';
import { graphGet } from './transport';

export const DEFAULT_MAX_CONCURRENCY = 50;

/** What a platform contributes: where its API lives and which credential signs a node's requests. */
export interface GraphPlatform {
	baseUrl: string;
	credentialTypeOf(context: { getNodeParameter(name: string, fallback: unknown): unknown }): string;
	/** Shown in error messages ("the Instagram access token has expired"). */
	credentialName: string;
}

export interface PooledGetOptions {
	/** Permission named in the "missing permission" message. */
	requiredScope?: string;
	/** Shared by one job's requests: the first permanent failure stops the rest. */
	abandon?: AbandonSignal;
	/** Goes ahead of queued requests (a list's next page, which everything else waits on). */
	urgent?: boolean;
}

/**
 * One pool per node execution, shared by its input items (n8n starts them all at once), with
 * what every request of that execution reuses: read from the node's parameters once, not
 * per request.
 */
interface ExecutionPool {
	limiter: AdaptiveLimiter;
	backoff: BackoffPolicy;
	credentialType: string;
}

const pools = new Map<string, ExecutionPool>();

function poolOf(context: IExecuteSingleFunctions, platform: GraphPlatform): { key: string; pool: ExecutionPool } {
	const key = `${context.getExecutionId()}:${context.getNode().id}`;
	let pool = pools.get(key);
	if (!pool) {
		const max = context.getNodeParameter('options.maxConcurrency', DEFAULT_MAX_CONCURRENCY) as number;
		pool = {
			limiter: new AdaptiveLimiter({ max: max > 0 ? max : DEFAULT_MAX_CONCURRENCY }),
			backoff: { ...DEFAULT_BACKOFF, maxTotalWaitMs: (context.getNodeParameter('options.maxRateLimitWait', 60) as number) * 1000 },
			credentialType: platform.credentialTypeOf(context),
		};
		pools.set(key, pool);
	}
	return { key, pool };
}

export async function pooledGraphGet<T = IDataObject>(
	context: IExecuteSingleFunctions,
	platform: GraphPlatform,
	path: string,
	qs: IDataObject,
	options: PooledGetOptions = {},
): Promise<T> {
	const { key, pool } = poolOf(context, platform);
	try {
		return await pool.limiter.run(
			async (throttleReport) =>
				await graphGet<T>(context, path, qs, {
					baseURL: platform.baseUrl,
					credentialType: pool.credentialType,
					credentialName: platform.credentialName,
					requiredScope: options.requiredScope,
					backoff: pool.backoff,
					throttleReport,
					abandon: options.abandon,
				}),
			options.urgent,
		);
	} finally {
		if (pool.limiter.idle) pools.delete(key);
	}
}
