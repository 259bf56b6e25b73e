/** Where the Instagram node's requests go and which credential signs them, per login path. */
import type { INodeCredentialDescription } from 'n8n-workflow';

import type { GraphPlatform } from '../../shared/graph/pooledGraphRequest';
import type { InstagramLoginPath } from '../instagramApi';
import { INSTAGRAM_LOGIN_PATHS, loginPathOf } from '../instagramApi';

export const INSTAGRAM_CREDENTIAL_TYPE = INSTAGRAM_LOGIN_PATHS.instagramLogin.credentialType;

/** The platform row of a login path, as the shared transport reads it. */
export function instagramPlatformOf(path: InstagramLoginPath): GraphPlatform {
	return {
		baseUrl: path.baseUrl,
		credentialTypeOf: (authentication) => loginPathOf(authentication).credentialType,
		credentialName: path.credentialName,
	};
}

export const INSTAGRAM_PLATFORM: GraphPlatform = instagramPlatformOf(INSTAGRAM_LOGIN_PATHS.instagramLogin);

/** One credential per login path, shown for its "Authentication" choice. */
export const instagramCredentials: INodeCredentialDescription[] = Object.values(INSTAGRAM_LOGIN_PATHS).map((path) => ({
	name: path.credentialType,
	required: true,
	displayOptions: { show: { authentication: [path.key] } },
}));
