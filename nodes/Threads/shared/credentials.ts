/**
 * The two ways a Threads node signs its requests, chosen with the "Authentication"
 * parameter: the self-renewing token (recommended: it never silently expires) or n8n's
 * OAuth2 "Connect" (Meta's code-flow token lasts one hour and comes without a refresh
 * token, so n8n cannot renew it).
 */
import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

export const THREADS_CREDENTIAL_TYPE = 'threadsApi';
export const THREADS_CONNECT_CREDENTIAL_TYPE = 'threadsOAuth2Api';

const CREDENTIAL_BY_AUTHENTICATION: Record<string, string> = {
	selfRenewingToken: THREADS_CREDENTIAL_TYPE,
	oAuth2: THREADS_CONNECT_CREDENTIAL_TYPE,
};

export const threadsCredentials: INodeCredentialDescription[] = [
	{ name: THREADS_CREDENTIAL_TYPE, required: true, displayOptions: { show: { authentication: ['selfRenewingToken'] } } },
	{ name: THREADS_CONNECT_CREDENTIAL_TYPE, required: true, displayOptions: { show: { authentication: ['oAuth2'] } } },
];

export const authenticationParameter: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	default: 'selfRenewingToken',
	options: [
		{
			name: 'Self-Renewing Token (Recommended)',
			value: 'selfRenewingToken',
			description: 'A 60-day token the node keeps renewing: for scheduled workflows and triggers',
		},
		{
			name: 'OAuth2 (Token Lasts 1 Hour)',
			value: 'oAuth2',
			description: 'The Connect button of n8n; Meta’s token expires after one hour and cannot be renewed',
		},
	],
};

/** The credential type for the node's "Authentication" choice. */
export function credentialTypeOf(authentication: string | undefined): string {
	return CREDENTIAL_BY_AUTHENTICATION[authentication ?? ''] ?? THREADS_CREDENTIAL_TYPE;
}
