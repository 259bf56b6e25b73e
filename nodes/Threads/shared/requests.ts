/**
 * How the Threads node sends the requests its operations orchestrate themselves (paging,
 * insight enrichment, split account insights): through the shared transport, with backoff on
 * throttling, and through one adaptive pool per node execution, so that many posts or many
 * input items never mean an unbounded burst of requests.
 */
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { AdaptiveLimiter } from '../../shared/adaptiveLimiter';
import { DEFAULT_BACKOFF } from '../../shared/backoff';
import type { AbandonSignal } from '../../shared/transport';
import { graphGet } from '../../shared/transport';
import { THREADS_API_BASE_URL, THREADS_SCOPES } from '../threadsApi';
import { credentialTypeOf } from './credentials';

export const DEFAULT_MAX_CONCURRENCY = 50;

/** One pool per node execution, shared by its input items (n8n starts them all at once). */
const pools = new Map<string, AdaptiveLimiter>();

function poolOf(context: IExecuteSingleFunctions): { key: string; pool: AdaptiveLimiter } {
	const key = `${context.getExecutionId()}:${context.getNode().id}`;
	let pool = pools.get(key);
	if (!pool) {
		const max = context.getNodeParameter('options.maxConcurrency', DEFAULT_MAX_CONCURRENCY) as number;
		pool = new AdaptiveLimiter({ max: max > 0 ? max : DEFAULT_MAX_CONCURRENCY });
		pools.set(key, pool);
	}
	return { key, pool };
}

/** GET a Threads Graph path from inside an operation: pooled, retried when throttled, errors mapped. */
export async function threadsGet<T = IDataObject>(
	context: IExecuteSingleFunctions,
	path: string,
	qs: IDataObject,
	requiredScope: string = THREADS_SCOPES.basic,
	abandon?: AbandonSignal,
	urgent = false,
): Promise<T> {
	const { key, pool } = poolOf(context);
	try {
		return await pool.run(
			async (throttleReport) =>
				await graphGet<T>(context, path, qs, {
					baseURL: THREADS_API_BASE_URL,
					credentialType: credentialTypeOf(context),
					requiredScope,
					backoff: {
						...DEFAULT_BACKOFF,
						maxTotalWaitMs: (context.getNodeParameter('options.maxRateLimitWait', 60) as number) * 1000,
					},
					throttleReport,
					abandon,
				}),
			urgent,
		);
	} finally {
		if (pool.idle) pools.delete(key);
	}
}
