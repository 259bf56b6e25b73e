/** Where the Instagram node's requests go and which credential signs them. */
import type { GraphPlatform } from '../../shared/graph/pooledGraphRequest';
import { INSTAGRAM_API_BASE_URL } from '../instagramApi';

export const INSTAGRAM_CREDENTIAL_TYPE = 'instagramApi';

export const INSTAGRAM_PLATFORM: GraphPlatform = {
	baseUrl: INSTAGRAM_API_BASE_URL,
	credentialTypeOf: () => INSTAGRAM_CREDENTIAL_TYPE,
	credentialName: 'Instagram',
};
