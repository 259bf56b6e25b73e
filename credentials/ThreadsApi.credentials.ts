import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { renewLongLivedToken } from '../nodes/shared/longLivedToken';
import { THREADS_TOKEN_ENDPOINTS } from '../nodes/Threads/threadsApi';

/**
 * A Threads token that renews itself. The user pastes a token once (a long-lived one from
 * Meta's dashboard, or a one-hour one plus the App Secret); from then on the package keeps a
 * 60-day token alive and n8n stores each renewal in this credential.
 *
 * How: `renewalGate` is n8n's "expirable" field; it holds an expression that turns empty
 * when the token is due for renewal, and n8n then runs `preAuthentication` and saves what it
 * returns. See nodes/shared/tokenLifecycle.ts for the schedule.
 */
export class ThreadsApi implements ICredentialType {
	name = 'threadsApi';

	displayName = 'Threads Self-Renewing Token API';

	documentationUrl = 'https://developers.facebook.com/docs/threads/get-started/long-lived-tokens';

	icon: Icon = { light: 'file:../icons/threads.svg', dark: 'file:../icons/threads.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName:
				'Recommended for scheduled workflows and the Threads Trigger: this token renews itself (60-day tokens, refreshed automatically) as long as a workflow uses it at least every 10 days.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A Threads user token: from your Meta app dashboard (Use cases → Threads API → Settings → User Token Generator: long-lived), or from the Graph API Explorer (short-lived: also fill in the App Secret).',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Your app’s Threads App Secret. Only needed to exchange a short-lived (one-hour) token for a 60-day one.',
		},
		{
			displayName: 'Renewal Gate',
			name: 'renewalGate',
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
		{ displayName: 'Live Token', name: 'liveToken', type: 'hidden', typeOptions: { password: true }, default: '' },
		{ displayName: 'Issued At', name: 'issuedAt', type: 'hidden', default: 0 },
		{ displayName: 'Expires At', name: 'expiresAt', type: 'hidden', default: 0 },
		{ displayName: 'Pasted Fingerprint', name: 'pastedFingerprint', type: 'hidden', default: '' },
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await renewLongLivedToken(this, credentials, THREADS_TOKEN_ENDPOINTS);
	}

	// The renewed token when there is one; the pasted token before the first renewal.
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		const token = String(credentials.liveToken || credentials.accessToken || '');
		requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${token}` };
		return requestOptions;
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: 'https://graph.threads.net/v1.0',
			url: '/me',
			qs: { fields: 'id,username' },
		},
	};
}
