/** The Instagram node's pooled, retried Graph GET (see nodes/shared/graph/pooledGraphRequest.ts). */
import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import type { GraphPlatform, PooledGetOptions } from '../../shared/graph/pooledGraphRequest';
import { pooledGraphGet } from '../../shared/graph/pooledGraphRequest';
import { INSTAGRAM_API_BASE_URL, INSTAGRAM_SCOPES } from '../instagramApi';

export const INSTAGRAM_CREDENTIAL_TYPE = 'instagramApi';

export const INSTAGRAM_PLATFORM: GraphPlatform = {
	baseUrl: INSTAGRAM_API_BASE_URL,
	credentialTypeOf: () => INSTAGRAM_CREDENTIAL_TYPE,
	credentialName: 'Instagram',
};

export async function instagramGet<T = IDataObject>(
	context: IExecuteSingleFunctions,
	path: string,
	qs: IDataObject,
	options: PooledGetOptions = {},
): Promise<T> {
	return await pooledGraphGet<T>(context, INSTAGRAM_PLATFORM, path, qs, { requiredScope: INSTAGRAM_SCOPES.basic, ...options });
}
