/** Where the Threads node's requests go and which credential signs them. */
import type { GraphPlatform } from '../../shared/graph/pooledGraphRequest';
import { THREADS_API_BASE_URL } from '../threadsApi';
import { credentialTypeOf } from './credentials';

export const THREADS_PLATFORM: GraphPlatform = {
	baseUrl: THREADS_API_BASE_URL,
	credentialTypeOf,
	credentialName: 'Threads',
};
