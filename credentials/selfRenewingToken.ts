/**
 * The fields and signing of a self-renewing Meta token credential, shared by the Threads and
 * Instagram credentials (the renewal itself is nodes/shared/tokens/longLivedToken.ts).
 *
 * `renewalGate` is n8n's "expirable" field: it holds an expression that turns empty when the
 * token is due, so n8n runs the credential's `preAuthentication` and saves what it returns.
 */
import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { tokenFingerprint } from '../nodes/shared/tokens/tokenLifecycle';

export interface SelfRenewingTokenTexts {
	notice: string;
	tokenDescription: string;
	/** The secret's label as Meta's app dashboard names it ("Threads App Secret"). */
	appSecretLabel: string;
	appSecretDescription: string;
}

export function selfRenewingTokenProperties(texts: SelfRenewingTokenTexts): INodeProperties[] {
	return [
		{ displayName: texts.notice, name: 'notice', type: 'notice', default: '' },
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: texts.tokenDescription,
		},
		{
			displayName: texts.appSecretLabel,
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: texts.appSecretDescription,
		},
		{ displayName: 'Renewal Gate', name: 'renewalGate', type: 'hidden', typeOptions: { expirable: true }, default: '' },
		{ displayName: 'Live Token', name: 'liveToken', type: 'hidden', typeOptions: { password: true }, default: '' },
		{ displayName: 'Issued At', name: 'issuedAt', type: 'hidden', default: 0 },
		{ displayName: 'Expires At', name: 'expiresAt', type: 'hidden', default: 0 },
		{ displayName: 'Pasted Fingerprint', name: 'pastedFingerprint', type: 'hidden', default: '' },
	];
}

/** The renewed token when there is one; the pasted token before the first renewal. Always in the header. */
export async function signWithLiveToken(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	// A token pasted since the last renewal is used as it is until it is adopted: the renewed
	// token of the previous one may belong to another account, or be revoked.
	const pasted = String(credentials.accessToken ?? '').trim();
	const token = credentials.liveToken && credentials.pastedFingerprint === tokenFingerprint(pasted) ? String(credentials.liveToken) : pasted;
	requestOptions.headers = { ...requestOptions.headers, Authorization: `Bearer ${token}` };
	return requestOptions;
}
