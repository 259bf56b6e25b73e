/** The Threads node's pooled, retried Graph GET (see nodes/shared/graph/pooledGraphRequest.ts). */
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import type { GraphPlatform, PooledGetOptions } from '../../shared/graph/pooledGraphRequest';
import { pooledGraphGet } from '../../shared/graph/pooledGraphRequest';
import { THREADS_API_BASE_URL, THREADS_SCOPES } from '../threadsApi';
import { credentialTypeOf } from './credentials';

export const THREADS_PLATFORM: GraphPlatform = {
	baseUrl: THREADS_API_BASE_URL,
	credentialTypeOf,
	credentialName: 'Threads',
};

export async function threadsGet<T = IDataObject>(
	context: IExecuteSingleFunctions,
	path: string,
	qs: IDataObject,
	options: PooledGetOptions = {},
): Promise<T> {
	return await pooledGraphGet<T>(context, THREADS_PLATFORM, path, qs, { requiredScope: THREADS_SCOPES.basic, ...options });
}
