import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestHelper,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { renewLongLivedToken } from '../nodes/shared/tokens/longLivedToken';
import { THREADS_API_BASE_URL, THREADS_TOKEN_ENDPOINTS } from '../nodes/Threads/threadsApi';
import { selfRenewingTokenProperties, signWithLiveToken } from './selfRenewingToken';

/**
 * A Threads token that renews itself. The user pastes a token once (a long-lived one from
 * Meta's dashboard, or a one-hour one plus the App Secret); from then on the package keeps a
 * 60-day token alive and n8n stores each renewal in this credential.
 *
 * How: `renewalGate` is n8n's "expirable" field; it holds an expression that turns empty
 * when the token is due for renewal, and n8n then runs `preAuthentication` and saves what it
 * returns. See nodes/shared/tokens/tokenLifecycle.ts for the schedule.
 */
export class ThreadsApi implements ICredentialType {
	name = 'threadsApi';

	displayName = 'Threads Self-Renewing Token API';

	documentationUrl = 'https://github.com/n8n-nodes-threads-insights/n8n-nodes-threads-insights#threads-self-renewing-token-api-recommended';

	icon: Icon = { light: 'file:../icons/threads.svg', dark: 'file:../icons/threads.dark.svg' };

	properties: INodeProperties[] = selfRenewingTokenProperties({
		notice:
			'Recommended for scheduled workflows and the Threads Trigger: this token renews itself (60-day tokens, refreshed automatically) as long as a workflow uses it at least every 50 days (it renews at most once a week).',
		tokenDescription:
			'A Threads user token: from your Meta app dashboard (Use cases → Threads API → Settings → User Token Generator: long-lived), or from the Graph API Explorer (short-lived: also fill in the App Secret).',
		appSecretLabel: 'Threads App Secret',
		appSecretDescription:
			'Your app’s Threads App Secret. Only needed to exchange a short-lived (one-hour) token for a 60-day one.',
	});

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		return await renewLongLivedToken(this, credentials, THREADS_TOKEN_ENDPOINTS);
	}

	authenticate = signWithLiveToken;

	test: ICredentialTestRequest = {
		request: {
			baseURL: THREADS_API_BASE_URL,
			url: '/me',
			qs: { fields: 'id,username' },
		},
	};
}
