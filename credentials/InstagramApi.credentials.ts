import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { INSTAGRAM_API_BASE_URL, INSTAGRAM_TOKEN_ENDPOINTS } from '../nodes/Instagram/instagramApi';
import { renewLongLivedToken } from '../nodes/shared/tokens/longLivedToken';
import { selfRenewingTokenProperties, signWithLiveToken } from './selfRenewingToken';

/**
 * An Instagram professional account token (Instagram Login) that renews itself, on the same
 * machinery as the Threads one (nodes/shared/tokens/longLivedToken.ts): Meta's 60-day tokens,
 * refreshed on the first use after it is 7 days old, each renewal saved by n8n into this credential.
 */
export class InstagramApi implements ICredentialType {
	name = 'instagramApi';

	displayName = 'Instagram Self-Renewing Token API';

	documentationUrl = 'https://github.com/n8n-nodes-threads-insights/n8n-nodes-threads-insights#instagram-insights-professional-accounts-instagram-login';

	icon: Icon = { light: 'file:../icons/instagram.svg', dark: 'file:../icons/instagram.dark.svg' };

	properties: INodeProperties[] = selfRenewingTokenProperties({
		notice:
			'For Instagram professional accounts (Business or Creator) with Instagram Login. Needs the instagram_business_basic and instagram_business_manage_insights permissions. The token renews itself while a workflow uses it at least every 50 days (it renews at most once a week).',
		tokenDescription:
			'An Instagram user access token from your Meta app (Instagram → API setup with Instagram login → Generate token)',
		appSecretLabel: 'Instagram App Secret',
		appSecretDescription:
			'Your app’s Instagram App Secret. Needed to turn a short-lived (one-hour) token into a 60-day one.',
	});

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await renewLongLivedToken(this, credentials, INSTAGRAM_TOKEN_ENDPOINTS);
	}

	authenticate = signWithLiveToken;

	test: ICredentialTestRequest = {
		request: {
			baseURL: INSTAGRAM_API_BASE_URL,
			url: '/me',
			qs: { fields: 'user_id,username' },
		},
	};
}
