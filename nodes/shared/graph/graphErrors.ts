/**
 * Meta Graph error answers → what a no-code user needs to read. Pure: no n8n, no HTTP,
 * so the Threads node, the trigger and later platforms all speak the same language.
 */

export interface GraphErrorBody {
	message?: string;
	type?: string;
	code?: number | string;
	error_subcode?: number;
	error_user_title?: string;
	error_user_msg?: string;
	fbtrace_id?: string;
	is_transient?: boolean;
}

export type GraphErrorKind =
	| 'invalidToken'
	| 'missingPermission'
	| 'rateLimited'
	| 'featureNotAvailable'
	| 'invalidParameter'
	| 'transient'
	| 'unknown';

export interface DescribedGraphError {
	kind: GraphErrorKind;
	message: string;
	description: string;
	httpCode: string;
}

/** Meta's throttling codes: app (4), user (17), page/account (32), custom rate (613), Instagram account (80002). */
export const RATE_LIMIT_CODES: readonly number[] = [4, 17, 32, 613, 80002];
const FEATURE_NOT_AVAILABLE = 'THREADS_API__FEATURE_NOT_AVAILABLE';
/** The documented English text of that error, for answers that carry only the text. */
const FEATURE_NOT_AVAILABLE_TEXT = /does not have access to this Threads API feature/i;

/** Pulls the `error` object out of any Graph answer; undefined when the body is not an error. */
export function graphErrorOf(body: unknown): GraphErrorBody | undefined {
	if (typeof body === 'string') {
		try {
			return graphErrorOf(JSON.parse(body));
		} catch {
			return undefined;
		}
	}
	if (body && typeof body === 'object' && 'error' in body) {
		const error = (body as { error: unknown }).error;
		if (error && typeof error === 'object') return error as GraphErrorBody;
		if (typeof error === 'string') return { message: error };
	}
	return undefined;
}

export function classifyGraphError(error: GraphErrorBody, httpStatus: number): GraphErrorKind {
	const code = Number(error.code);
	const text = `${error.type ?? ''} ${error.message ?? ''} ${error.error_user_title ?? ''} ${error.error_user_msg ?? ''}`;
	if (text.includes(FEATURE_NOT_AVAILABLE) || FEATURE_NOT_AVAILABLE_TEXT.test(text) || error.code === FEATURE_NOT_AVAILABLE) {
		return 'featureNotAvailable';
	}
	if (code === 190 || code === 102 || code === 2500) return 'invalidToken';
	if (RATE_LIMIT_CODES.includes(code) || httpStatus === 429) return 'rateLimited';
	if (code === 10 || (code >= 200 && code <= 299)) return 'missingPermission';
	if (code === 100) return 'invalidParameter';
	if (error.is_transient || code === 1 || code === 2 || httpStatus >= 500) return 'transient';
	return 'unknown';
}

/**
 * Removes the given exact secret values, and anything shaped like a credential, from text we
 * are about to show, keep or log (Meta echoes tokens back: "Malformed access token <token>").
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
	let redacted = text;
	for (const secret of secrets) if (secret) redacted = redacted.split(secret).join('[redacted]');
	return redacted
		.replace(/((?:access_token|input_token|client_secret|fb_exchange_token|code)=)[^&\s"']+/gi, '$1[redacted]')
		.replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[redacted]')
		.replace(/(Malformed access token\s+)\S+/gi, '$1[redacted]');
}

/** `redactSecrets` on every string of a JSON-like value, at any depth. */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
	if (typeof value === 'string') return redactSecrets(value, secrets) as T;
	if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets)) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, redactDeep(entry, secrets)])) as T;
	}
	return value;
}

export interface DescribeOptions {
	/** Permission this endpoint needs, named in the "missing permission" message. */
	requiredScope?: string;
	/** Which credential the user should open, in their words. */
	credentialName?: string;
	/**
	 * The credential type that signed the request ('threadsApi', 'threadsOAuth2Api',
	 * 'instagramApi'): the fix for a dead token or a missing permission depends on it.
	 * The transport passes it (GraphGetOptions); without it the platform's texts are used.
	 */
	credentialType?: string;
}

export function describeGraphError(
	error: GraphErrorBody,
	httpStatus: number,
	options: DescribeOptions = {},
): DescribedGraphError {
	const kind = classifyGraphError(error, httpStatus);
	const credential = options.credentialName ?? 'Threads';
	const metaSays = redactSecrets(error.error_user_msg || error.message || 'no message');
	const trace = error.fbtrace_id ? ` (Meta trace ID: ${error.fbtrace_id})` : '';
	const code = error.code !== undefined ? `code ${error.code}${error.error_subcode ? `/${error.error_subcode}` : ''}` : `HTTP ${httpStatus}`;
	const httpCode = String(httpStatus || '');
	const scopeName = options.requiredScope ? `"${options.requiredScope}"` : 'the needed permission';

	// How to get a working token, in the words of the credential dialog the user will open.
	const threadsPasted = `To reconnect, paste a new token into the "Threads Self-Renewing Token API" credential (Meta app dashboard → Use cases → Threads API → Settings → User Token Generator) and save; it renews itself from then on.`;
	const threadsConnect = `Open the "Threads OAuth2 API" credential and click "Reconnect". Its token lasts one hour: for schedules and triggers use the "Threads Self-Renewing Token API" credential.`;
	const instagramPasted = `To reconnect, paste a new token into the "Instagram Self-Renewing Token API" credential (Meta app dashboard → Instagram → API setup with Instagram login → Generate token) and save; it renews itself from then on.`;
	const tokenHelp: Record<string, { renew: string; addScope: string }> = {
		threadsApi: {
			renew: threadsPasted,
			addScope: `A pasted token keeps the scopes it was generated with: add ${scopeName} to your Meta app's Threads API use case, generate a new token and paste it into the "Threads Self-Renewing Token API" credential.`,
		},
		threadsOAuth2Api: {
			renew: threadsConnect,
			addScope: `Add ${scopeName} to the "Threads OAuth2 API" credential's Scope field (comma-separated scopes) and to your Meta app's Threads API use case, then click "Reconnect".`,
		},
		instagramApi: {
			renew: instagramPasted,
			addScope: `A pasted token keeps the scopes it was generated with: add ${scopeName} to your Meta app's Instagram API permissions, generate a new token and paste it into the "Instagram Self-Renewing Token API" credential.`,
		},
	};
	const threadsEither = {
		// A Threads request without the credential type: either of Threads' two credentials.
		renew: `Self-renewing token: ${threadsPasted} OAuth2: ${threadsConnect}`,
		addScope: `${tokenHelp.threadsApi.addScope} With the "Threads OAuth2 API" credential: ${tokenHelp.threadsOAuth2Api.addScope}`,
	};
	const credentialType = options.credentialType ?? (credential === 'Instagram' ? 'instagramApi' : undefined);
	const help = (credentialType ? tokenHelp[credentialType] : undefined) ??
		(credential === 'Threads'
			? threadsEither
			: {
					renew: `Open the ${credential} credential and reconnect it.`,
					addScope: `Add ${scopeName} to your Meta app and to the credential, then reconnect the credential.`,
				});
	const slowAnswer = /did not answer within/i.test(metaSays)
		? ' If Meta is often this slow, raise Options → "Timeout (Seconds)".'
		: '';

	switch (kind) {
		case 'invalidToken':
			return {
				kind,
				httpCode,
				message: `The ${credential} access token has expired or was revoked`,
				description: `${help.renew} Meta says: ${metaSays} [${code}]${trace}`,
			};
		case 'missingPermission': {
			const scope = options.requiredScope;
			return {
				kind,
				httpCode,
				message: scope
					? `The ${credential} credential is missing the "${scope}" permission`
					: `The ${credential} credential is missing a permission for this request`,
				description: `${help.addScope} Meta says: ${metaSays} [${code}]${trace}`,
			};
		}
		case 'rateLimited':
			return {
				kind,
				httpCode,
				message: 'Meta rate limit reached for this account: retry later',
				description: `Meta throttles calls per app and account over a rolling 24 hours. Run the workflow less often (a trigger: fewer Poll Times), or in the node lower Options → "Max Concurrent Requests" or raise Options → "Max Wait When Rate Limited (Seconds)", and run again later. Meta says: ${metaSays} [${code}]${trace}`,
			};
		case 'featureNotAvailable':
			return {
				kind,
				httpCode,
				message: 'This Threads account has no access to this metric (no linked Instagram account)',
				description: `Followers Count and Follower Demographics are only available to Threads profiles linked to an Instagram account. Link one in the Threads app, or remove these metrics. Meta says: ${metaSays}${trace}`,
			};
		case 'invalidParameter':
			return {
				kind,
				httpCode,
				message: `${credential} rejected the request: ${metaSays}`,
				description: `Check the node's parameters named in Meta's message [${code}]${trace}`,
			};
		case 'transient':
			return {
				kind,
				httpCode,
				message: `${credential} had a temporary problem: retry in a few minutes`,
				description: `Meta says: ${metaSays} [${code}]${trace}${slowAnswer}`,
			};
		default:
			return {
				kind,
				httpCode,
				message: `${credential} returned an error: ${metaSays}`,
				description: `[${code}]${trace}`,
			};
	}
}
