/**
 * Keeps a Meta long-lived token alive: run by n8n as a credential's `preAuthentication`
 * (see tokenLifecycle.ts for when). Shared by every platform that has Meta's 60-day tokens;
 * a platform is a row of `LongLivedTokenEndpoints`.
 *
 * The token endpoints take the token as a query parameter, as Meta documents them. Nothing
 * from a request (URL, headers) is ever put into an error: only Meta's own message, redacted.
 */
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { GraphErrorKind } from '../graph/graphErrors';
import { classifyGraphError, graphErrorOf, redactDeep, redactSecrets } from '../graph/graphErrors';
import type { LiveTokenTimes } from './tokenLifecycle';
import {
	RETRY_AFTER_FAILED_REFRESH_MS,
	formatDay,
	isShortLived,
	refreshDueAt,
	renewalGateExpression,
	tokenFingerprint,
} from './tokenLifecycle';

export interface LongLivedTokenEndpoints {
	/** Shown in messages: "Threads", "Instagram". */
	platform: string;
	/** The credential's name as the user sees it in n8n. */
	credentialName: string;
	baseUrl: string;
	exchangePath: string;
	exchangeGrant: string;
	refreshPath: string;
	refreshGrant: string;
	/** Where Meta tells a token's lifetime; platforms without one learn it by exchanging. */
	debugPath?: string;
}

/** The hidden fields the credential keeps (and n8n persists). */
export interface RenewedTokenFields extends IDataObject {
	renewalGate: string;
	liveToken: string;
	issuedAt: number;
	expiresAt: number;
	pastedFingerprint: string;
}

/**
 * A renewal put off (refused, or failed for a passing reason): nothing to save. Without the
 * expirable field n8n writes nothing, and that is the point: n8n persists a renewal by reading
 * the stored credential and writing it back (2.x), or by writing the copy this request read
 * (1.x), with no lock. Any write from a process whose refresh was refused (another worker
 * renewed, which revokes the old token) could land after that worker's save and put the
 * revoked token back for everyone. This process does not ask again for an hour: the settled
 * result is kept in `renewals`.
 */
export type PostponedRenewal = Record<string, never>;

export type TokenRenewalResult = RenewedTokenFields | PostponedRenewal;

export class TokenRenewalError extends Error {
	/** Meta failed for a passing reason: the next request may try again (otherwise the same credential fails the same way). */
	readonly passing: boolean;

	constructor(message: string, options: { passing?: boolean } = {}) {
		super(message);
		this.passing = options.passing ?? false;
	}
}

interface GraphAnswer {
	statusCode: number;
	body: IDataObject;
}

/**
 * A token endpoint that does not answer within this is treated like any passing failure (the
 * lifetime check is skipped, a due refresh waits for a later run), well inside the default
 * 60 s a data request waits, so a hang on Meta's side costs one bounded wait, not the run.
 */
const TOKEN_ENDPOINT_TIMEOUT_MS = 20_000;
const REFRESH_RETRY_WAIT_MS = 2_000;

async function callTokenEndpoint(helpers: IHttpRequestHelper, endpoints: LongLivedTokenEndpoints, path: string, qs: IDataObject): Promise<GraphAnswer> {
	const options: IHttpRequestOptions = {
		method: 'GET',
		url: `${endpoints.baseUrl}${path}`,
		qs,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		timeout: TOKEN_ENDPOINT_TIMEOUT_MS,
	};
	try {
		const response = (await helpers.helpers.httpRequest(options)) as { statusCode: number; body: unknown };
		const body = response.body && typeof response.body === 'object' ? (response.body as IDataObject) : {};
		// Meta may echo the token or secret back in an error ("Malformed access token …").
		const secrets = Object.values(qs).map(String);
		return { statusCode: response.statusCode, body: graphErrorOf(body) || response.statusCode >= 400 ? redactDeep(body, secrets) : body };
	} catch {
		// A network failure or a timeout: treated like a passing Meta hiccup. The request details are dropped on purpose.
		return { statusCode: 503, body: { error: { message: 'network error', is_transient: true } } };
	}
}

/** Why an answer is not a success; a grant answer without a token is a passing failure, never a token "undefined". */
function failureKind(answer: GraphAnswer, expectGrant = false): GraphErrorKind | undefined {
	const error = graphErrorOf(answer.body);
	if (!error && answer.statusCode < 400) {
		// A token is letters, digits and . _ | - only: anything else (an expression, markup) is not stored.
		const granted = typeof answer.body.access_token === 'string' && /^[\w.|-]+$/.test(answer.body.access_token) && Number(answer.body.expires_in) > 0;
		return !expectGrant || granted ? undefined : 'transient';
	}
	return classifyGraphError(error ?? {}, answer.statusCode);
}

function metaSays(answer: GraphAnswer): string {
	return redactSecrets(graphErrorOf(answer.body)?.message ?? `HTTP ${answer.statusCode}`);
}

function renewed(token: string, times: LiveTokenTimes, pasted: string, dueAt = refreshDueAt(times)): RenewedTokenFields {
	return {
		renewalGate: renewalGateExpression(dueAt),
		liveToken: token,
		issuedAt: times.issuedAt,
		expiresAt: times.expiresAt,
		pastedFingerprint: tokenFingerprint(pasted),
	};
}

/**
 * Renewals per credential state: n8n runs `preAuthentication` once per request, so 20 items
 * started together (or a retried request) would otherwise adopt or refresh the same token 20
 * times. Keyed by a hash of the platform, pasted token, live token and App Secret, so two
 * credentials never share. A settled renewal is kept for a while: an execution
 * that read the credential just before n8n saved the renewed token (several executions run at
 * once on a queue-mode worker) gets that result instead of renewing the old token again.
 */
const renewals = new Map<string, { result: Promise<TokenRenewalResult>; settledAt?: number }>();
/** Also how long a renewal put off (PostponedRenewal) is not tried again by this process. */
const KEEP_SETTLED_RENEWAL_MS = RETRY_AFTER_FAILED_REFRESH_MS;

/** When this process last put a renewal off: a queue-mode worker racing another may be refused right then. */
let lastPutOffAt = Number.NEGATIVE_INFINITY;

/** Whether a renewal was put off in this process within `windowMs`: then a request refused for its token may be signed with a token another process has just renewed and is saving. */
export function renewalPutOffWithin(windowMs: number, now = Date.now()): boolean {
	return now - lastPutOffAt <= windowMs;
}

/** For tests, where every test starts a new simulated Meta that hands out the same token strings again. */
export function forgetSettledRenewals(): void {
	for (const [key, renewal] of renewals) if (renewal.settledAt !== undefined) renewals.delete(key);
	lastPutOffAt = Number.NEGATIVE_INFINITY;
}

/** What n8n persists into the credential after this run; throws TokenRenewalError with the fix when renewal is impossible. */
export async function renewLongLivedToken(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	endpoints: LongLivedTokenEndpoints,
	now = Date.now(),
): Promise<TokenRenewalResult> {
	for (const [key, renewal] of renewals) {
		if (renewal.settledAt !== undefined && Math.abs(now - renewal.settledAt) > KEEP_SETTLED_RENEWAL_MS) renewals.delete(key);
	}
	// A cryptographic hash (in memory only): two credentials must never share a renewal.
	const key = createHash('sha256')
		.update(JSON.stringify([endpoints.platform, ...['accessToken', 'liveToken', 'appSecret'].map((field) => String(credentials[field] ?? ''))]))
		.digest('hex');
	const known = renewals.get(key);
	if (known) return await known.result;
	const renewal: { result: Promise<TokenRenewalResult>; settledAt?: number } = { result: renewOnce(helpers, credentials, endpoints, now) };
	renewals.set(key, renewal);
	renewal.result.then(
		(result) => {
			renewal.settledAt = now;
			if (!isRenewed(result)) lastPutOffAt = Date.now();
		},
		// A failure that lasts (an expired token) is remembered like a result, so a run of 100 items
		// or a poll every minute does not ask Meta again on every request; a passing one is not.
		(error) => {
			if (error instanceof TokenRenewalError && !error.passing) renewal.settledAt = now;
			else renewals.delete(key);
		},
	);
	return await renewal.result;
}

async function renewOnce(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	endpoints: LongLivedTokenEndpoints,
	now: number,
): Promise<TokenRenewalResult> {
	const pasted = String(credentials.accessToken ?? '').trim();
	if (!pasted) {
		throw new TokenRenewalError(`The ${endpoints.credentialName} credential has no access token: paste one from Meta's app dashboard`);
	}
	// The pasted token, adopted in this run and due at once (not saved unless the refresh works).
	let adopted: RenewedTokenFields | undefined;
	if (!credentials.liveToken || credentials.pastedFingerprint !== tokenFingerprint(pasted)) {
		const adoption = await adoptPastedToken(helpers, credentials, endpoints, pasted, now);
		if (!isRenewed(adoption)) return adoption;
		adopted = adoption;
		// Renewed at once when already due (a token pasted 55 days after Meta issued it would be
		// dead before a weekly workflow's next run) or when its age is unknown (Instagram has no
		// debug_token; a failed check): a refresh then tells the real lifetime.
		const knownAndNotDue = adopted.expiresAt > 0 && refreshDueAt(adopted as LiveTokenTimes) > now;
		if (knownAndNotDue || adopted.liveToken !== pasted) return adopted;
	}
	const liveToken = String(adopted?.liveToken ?? credentials.liveToken);
	const times = adopted ?? { issuedAt: Number(credentials.issuedAt) || now, expiresAt: Number(credentials.expiresAt) || 0 };
	const refresh = async () => await callTokenEndpoint(helpers, endpoints, endpoints.refreshPath, { grant_type: endpoints.refreshGrant, access_token: liveToken });
	let answer = await refresh();
	let kind = failureKind(answer, true);
	if (kind === 'transient') {
		// Once more after a moment: for a workflow that runs every 30 or 45 days this run may be
		// the last chance before the token expires.
		await sleep(REFRESH_RETRY_WAIT_MS);
		answer = await refresh();
		kind = failureKind(answer, true);
	}
	if (!kind) {
		const grant = grantOf(answer, now);
		return renewed(grant.token, grant.times, pasted);
	}
	const expired = times.expiresAt > 0 && times.expiresAt <= now;
	if (expired && (kind === 'invalidToken' || kind === 'missingPermission')) {
		throw new TokenRenewalError(
			`${endpoints.platform} access token expired on ${formatDay(times.expiresAt)} and can no longer be renewed. ` +
				`Open the "${endpoints.credentialName}" credential, paste a new token (Meta app dashboard → ${endpoints.platform} API → generate a token) and save. ` +
				`A workflow using it at least every 50 days keeps it alive from then on. Meta says: ${metaSays(answer)}`,
		);
	}
	// A passing failure (Meta down, throttled, the token too young to refresh), or a refusal
	// while the stored token has not expired (another process, e.g. a queue-mode worker, may
	// have renewed it meanwhile): nothing is saved, not even what an adoption in this run
	// learned (see PostponedRenewal); this process tries again in an hour. If the token really
	// is revoked, the request itself says so; if another process renewed it, the request's
	// retry re-reads the credential and finds the renewed token.
	return POSTPONED;
}

function isRenewed(result: TokenRenewalResult): result is RenewedTokenFields {
	return typeof result.liveToken === 'string';
}

const POSTPONED: PostponedRenewal = Object.freeze({});

/** First use of a pasted token: learn its lifetime; exchange it if it is a one-hour token. */
async function adoptPastedToken(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
	endpoints: LongLivedTokenEndpoints,
	pasted: string,
	now: number,
): Promise<TokenRenewalResult> {
	const appSecret = String(credentials.appSecret ?? '').trim();
	// Without a way to ask Meta: with the App Secret, exchanging tells (a long-lived token comes
	// back as a fresh 60-day one, or the exchange is refused); otherwise the pasted token is
	// taken as a long-lived one issued now.
	const adoptUnasked = async () => {
		const exchanged = appSecret ? await exchange(helpers, endpoints, pasted, appSecret, now) : undefined;
		if (exchanged && 'token' in exchanged) return renewed(exchanged.token, exchanged.times, pasted);
		return renewed(pasted, { issuedAt: now, expiresAt: 0 }, pasted);
	};
	if (!endpoints.debugPath) return await adoptUnasked();
	const debug = await callTokenEndpoint(helpers, endpoints, endpoints.debugPath, { input_token: pasted, access_token: pasted });
	// Graph wraps the answer in `data`; accept it bare too.
	const info = ((debug.body.data as IDataObject | undefined) ?? debug.body) as IDataObject;
	const debugFailure = failureKind(debug);
	// Meta calls the pasted token invalid. Either it is, or another process (a queue-mode worker)
	// adopted and renewed it a moment ago, which revokes it: save nothing and let the request run
	// with what n8n re-reads. A really dead token then fails there, with the fix in its message.
	if (debugFailure === 'invalidToken' || info.is_valid === false) return POSTPONED;
	if (debugFailure) return await adoptUnasked();
	const times: LiveTokenTimes = {
		issuedAt: Number(info.issued_at) ? Number(info.issued_at) * 1000 : now,
		expiresAt: Number(info.expires_at) ? Number(info.expires_at) * 1000 : 0,
	};
	if (!isShortLived(times)) return renewed(pasted, times, pasted);

	if (!appSecret) {
		throw new TokenRenewalError(
			`The pasted token is a short-lived ${endpoints.platform} token (it lasts one hour). Add your app's ${endpoints.platform} App Secret to the "${endpoints.credentialName}" credential so it can be exchanged for a 60-day token, or paste a long-lived token.`,
		);
	}
	const exchanged = await exchange(helpers, endpoints, pasted, appSecret, now);
	if ('refused' in exchanged) throw exchangeRefused(endpoints, exchanged.refused);
	return renewed(exchanged.token, exchanged.times, pasted);
}

interface TokenGrant {
	token: string;
	times: LiveTokenTimes;
}

/** A token Meta granted (exchange or refresh): valid for `expires_in` seconds from now. */
function grantOf(answer: GraphAnswer, now: number): TokenGrant {
	return { token: String(answer.body.access_token), times: { issuedAt: now, expiresAt: now + Number(answer.body.expires_in) * 1000 } };
}

function exchangeRefused(endpoints: LongLivedTokenEndpoints, answer: GraphAnswer): TokenRenewalError {
	return new TokenRenewalError(
		`Meta refused to exchange the ${endpoints.platform} token for a 60-day one (check the App Secret, or paste a fresh token: short-lived tokens expire after one hour). Meta says: ${metaSays(answer)}`,
		{ passing: ['transient', 'rateLimited'].includes(failureKind(answer, true) ?? '') },
	);
}

/** Short-lived → 60-day token; Meta's refusal is returned (callers differ on it), an invalid token throws. */
async function exchange(
	helpers: IHttpRequestHelper,
	endpoints: LongLivedTokenEndpoints,
	token: string,
	appSecret: string,
	now: number,
): Promise<TokenGrant | { refused: GraphAnswer }> {
	const answer = await callTokenEndpoint(helpers, endpoints, endpoints.exchangePath, {
		grant_type: endpoints.exchangeGrant,
		client_secret: appSecret,
		access_token: token,
	});
	const kind = failureKind(answer, true);
	if (kind === 'invalidToken') throw exchangeRefused(endpoints, answer);
	return kind ? { refused: answer } : grantOf(answer, now);
}
