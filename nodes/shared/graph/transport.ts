/**
 * The one place that talks HTTP to a Graph API. Every request of every node, trigger and
 * list search goes through `graphGet`, which owns:
 * - the timeout: a request (with the credential's first-use check) that does not answer
 *   within the bound gives up as a transient fault, instead of n8n's 300 s;
 * - retries with one backoff: throttling (codes 4/17/32/613/80002, HTTP 429) until the
 *   policy's total wait, never sooner than Meta said (Retry-After, or Instagram's
 *   X-Business-Use-Case-Usage estimated_time_to_regain_access: a wait beyond the budget
 *   fails at once) unless the caller says waiting does not help (`retryWhenThrottled`),
 *   transient faults (5xx with or without a Graph body, codes 1/2, an HTML error page, a
 *   reset connection, a timeout, an answer that is not valid JSON or lacks the shape asked
 *   for) a few times;
 * - error mapping into one readable NodeApiError (graphErrors.ts);
 * - redaction: the credential's exact token and secret values, and anything shaped like a
 *   credential, are removed from every text an error keeps. The raw HTTP error (which holds
 *   the request and its Authorization header) is never kept.
 */
import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { BackoffPolicy } from './backoff';
import { announcedWaitMessage, metaWaitSeconds, retryAfterSeconds, retryDelayMs } from './backoff';
import type { DescribeOptions, GraphErrorBody, GraphErrorKind } from './graphErrors';
import { classifyGraphError, describeGraphError, graphErrorOf, redactSecrets, redactDeep } from './graphErrors';
import { renewalPutOffWithin } from '../tokens/longLivedToken';

export const DEFAULT_TIMEOUT_MS = 60_000;
/** Transient faults (not throttling) are tried this many times in all. */
export const TRANSIENT_ATTEMPTS = 3;
/**
 * A request refused for its token is sent again, and n8n re-reads the credential for it: once at
 * once, or, when this process has just had a renewal refused (a queue-mode worker that raced
 * another, whose renewal revoked the token), after each of these waits, until the other
 * process has saved the renewed token. Once a job's request has been refused for its token
 * after them, its other requests fail at once.
 */
const RACING_RENEWAL_WAITS_MS = [1_000, 2_000, 4_000];
const RACING_RENEWAL_WINDOW_MS = 60_000;

/** The part of an n8n context `graphGet` needs; every context type (execute, poll, load options) has it. */
export interface GraphRequestContext {
	getNode(): INode;
	getCredentials?(type: string): Promise<object>;
	helpers: {
		httpRequestWithAuthentication(this: unknown, credentialsType: string, requestOptions: IHttpRequestOptions): Promise<unknown>;
	};
}

/**
 * What a successful answer must look like, so a broken one is never turned into rows:
 * - 'object': any JSON object;
 * - 'node': one Graph object, with its `id` (or Instagram's `user_id`);
 * - 'profile': a profile, with its `username`;
 * - 'posts': a list whose items are objects with an `id`;
 * - 'insights': a list whose items are objects with a metric `name`.
 */
export type AnswerShape = 'object' | 'node' | 'profile' | 'posts' | 'insights';

export interface GraphGetOptions extends DescribeOptions {
	baseURL: string;
	credentialType: string;
	/** Retry throttled and transient answers with backoff; without it the first error is thrown. */
	backoff?: BackoffPolicy;
	/**
	 * false: a throttled answer fails at once, whatever the backoff allows (transient faults are
	 * still retried). For a quota that waiting does not refill, where each retry spends more of it:
	 * Threads keyword search's 2,200 queries per account in a rolling 24 hours. Default true.
	 */
	retryWhenThrottled?: boolean;
	/** Give up on a request (and the credential's check before it) after this long. */
	timeoutMs?: number;
	/** Default 'object'. */
	shape?: AnswerShape;
	/** Told about every throttled answer and every retry (adaptive concurrency listens here). */
	throttleReport?: { throttled(): void; retrying(): Promise<void> };
	/** Set when sibling work already failed: stop retrying and give up with that error. */
	abandon?: AbandonSignal;
	/** Shared by a job's requests: set once one of them was refused for its token after every retry. */
	tokenRefused?: { confirmed: boolean };
}

/** Shared by the requests of one job: the first permanent failure stops the rest. */
export interface AbandonSignal {
	error?: Error;
	/** A wider job this one is part of (the node's execution): its failure stops this one too. */
	parent?: AbandonSignal;
}

/** The error that stopped this job or a job it is part of, if any. */
export function abandonedWith(signal: AbandonSignal | undefined): Error | undefined {
	return signal?.error ?? (signal?.parent ? abandonedWith(signal.parent) : undefined);
}

/** One attempt's outcome when it is not a usable answer. */
interface Failure {
	httpStatus: number;
	graphError: GraphErrorBody;
	headers?: Record<string, unknown>;
	/** Set when no Graph error came back (a timeout, a broken connection or answer): the text is ours, and is the headline. */
	ownWords?: boolean;
}

const TIMED_OUT: unique symbol = Symbol('timed out');

/**
 * GET a Graph path with the node's credential. Returns the parsed answer, or throws a
 * NodeApiError whose texts name no secret.
 */
export async function graphGet<T = IDataObject>(
	context: GraphRequestContext,
	path: string,
	qs: IDataObject,
	options: GraphGetOptions,
): Promise<T> {
	const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
	let waited = 0;
	let transientAttempts = 0;
	let tokenRetries = 0;
	for (let attempt = 1; ; attempt++) {
		// A throttled request gave its slot back while it waited: it sends again once it has one,
		// unless sibling work failed meanwhile (checked after the wait for the slot).
		if (attempt > 1) await options.throttleReport?.retrying();
		const stopped = abandonedWith(options.abandon);
		if (stopped) throw stopped;
		const outcome = await attemptGet(context, path, qs, options, timeoutMs);
		if ('answer' in outcome) return outcome.answer as T;
		if ('fatal' in outcome) throw await notSentError(context, options, outcome.fatal);

		const failure = outcome.failure;
		const kind = classifyGraphError(failure.graphError, failure.httpStatus);
		if (kind === 'invalidToken' && !options.tokenRefused?.confirmed) {
			const racing = renewalPutOffWithin(RACING_RENEWAL_WINDOW_MS);
			if (tokenRetries < (racing ? RACING_RENEWAL_WAITS_MS.length : 1)) {
				if (racing) await sleep(RACING_RENEWAL_WAITS_MS[tokenRetries]);
				tokenRetries++;
				continue;
			}
			if (options.tokenRefused) options.tokenRefused.confirmed = true;
		}
		if (kind === 'rateLimited') options.throttleReport?.throttled();
		if (kind === 'transient') transientAttempts++;
		const policy = options.backoff;
		if (policy && kind === 'transient' && transientAttempts < TRANSIENT_ATTEMPTS) {
			// A hiccup is retried a few times whatever the rate-limit budget (which may be 0).
			await sleep(retryDelayMs(transientAttempts, policy, Math.random, retryAfterSeconds(failure.headers)));
			continue;
		}
		let announced: number | undefined;
		if (policy && kind === 'rateLimited' && options.retryWhenThrottled !== false) {
			announced = metaWaitSeconds(failure.headers, failure.graphError.code);
			const delay = retryDelayMs(attempt, policy, Math.random, announced);
			if (waited + delay <= policy.maxTotalWaitMs) {
				waited += delay;
				await sleep(delay);
				continue;
			}
		}
		const error = await mappedError(context, options, failure, transientAttempts);
		// Meta's own announced wait is beyond what this request may wait: say so, not the generic text.
		if (policy && announced && waited + announced * 1000 > policy.maxTotalWaitMs) error.message = announcedWaitMessage(announced, policy.maxTotalWaitMs);
		if (options.abandon) options.abandon.error ??= error;
		throw error;
	}
}

type Outcome = { answer: unknown } | { failure: Failure } | { fatal: string };

async function attemptGet(
	context: GraphRequestContext,
	path: string,
	qs: IDataObject,
	options: GraphGetOptions,
	timeoutMs: number,
): Promise<Outcome> {
	const request = context.helpers.httpRequestWithAuthentication.call(context, options.credentialType, {
		method: 'GET',
		baseURL: options.baseURL,
		url: path,
		qs,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		timeout: timeoutMs,
	}) as Promise<IN8nHttpFullResponse>;
	let response: IN8nHttpFullResponse | typeof TIMED_OUT;
	try {
		response = await withDeadline(request, timeoutMs);
	} catch (error) {
		return failureOfThrown(error, timeoutMs);
	}
	if (response === TIMED_OUT) return { failure: timedOut(timeoutMs) };

	const body = parsedBody(response.body);
	const graphError = graphErrorOf(body);
	if (graphError || response.statusCode >= 400) {
		return {
			failure: {
				httpStatus: response.statusCode,
				graphError: graphError ?? { message: plainErrorText(response.statusCode, body) },
				headers: response.headers,
			},
		};
	}
	const problem = shapeProblem(body, options.shape ?? 'object');
	if (problem) return { failure: { httpStatus: response.statusCode, graphError: { message: problem, is_transient: true }, ownWords: true } };
	return { answer: body };
}

/** The request, or TIMED_OUT once `ms` have passed (covers the credential's check before the request too). */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
	const timer = new AbortController();
	const deadline = sleep(ms, timer.signal).then(
		(): typeof TIMED_OUT => TIMED_OUT,
		(): typeof TIMED_OUT => TIMED_OUT,
	);
	// A late rejection of the abandoned request must not surface as "unhandled".
	work.catch(() => undefined);
	try {
		return await Promise.race([work, deadline]);
	} finally {
		timer.abort();
	}
}

function timedOut(timeoutMs: number): Failure {
	return {
		httpStatus: 0,
		graphError: { message: `Meta did not answer within ${Math.round(timeoutMs / 100) / 10} s`, is_transient: true },
		ownWords: true,
	};
}

const NETWORK_CODES = ['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_SOCKET_CONNECTION_TIMEOUT'];

/**
 * n8n wraps whatever the HTTP client threw; a network fault is transient, anything else (the
 * credential's renewal refused, a missing credential) is final. Only the message is kept.
 */
function failureOfThrown(error: unknown, timeoutMs: number): Outcome {
	const chain: Array<{ code?: unknown; message?: unknown; cause?: unknown; name?: unknown }> = [];
	for (let link = error as { cause?: unknown } | undefined; link && chain.length < 5; link = link.cause as typeof link) {
		chain.push(link as (typeof chain)[number]);
	}
	const code = chain.map((link) => link.code).find((value) => typeof value === 'string' && NETWORK_CODES.includes(value)) as string | undefined;
	const timeout = code === 'ECONNABORTED' || code === 'ETIMEDOUT' || chain.some((link) => /timeout of \d+ms exceeded/i.test(String(link.message)));
	if (timeout) return { failure: timedOut(timeoutMs) };
	if (code) {
		return { failure: { httpStatus: 0, graphError: { message: `The connection to Meta failed (${code})`, is_transient: true }, ownWords: true } };
	}
	const innermost = chain[chain.length - 1] ?? {};
	return { fatal: String(innermost.message ?? chain[0]?.message ?? error) };
}

/** n8n hands a JSON answer over parsed; anything else arrives as text. */
function parsedBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	if (!body.trim()) return undefined;
	try {
		return JSON.parse(body) as unknown;
	} catch {
		return body;
	}
}

function plainErrorText(httpStatus: number, body: unknown): string {
	if (body === undefined || body === null) return `HTTP ${httpStatus} with an empty answer`;
	if (typeof body === 'string') {
		const text = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
		return `HTTP ${httpStatus}${text ? `: ${text.slice(0, 200)}` : ''}`;
	}
	return `HTTP ${httpStatus}`;
}

/** Why a 2xx answer cannot be used, or undefined. Such answers are transient: Meta's edge had a bad moment. */
function shapeProblem(body: unknown, shape: AnswerShape): string | undefined {
	if (body === undefined || body === null) return "Meta's answer was empty";
	if (typeof body === 'string') return "Meta's answer was not valid JSON";
	if (!isObject(body)) return "Meta's answer was not a JSON object";
	const answer = body as IDataObject;
	switch (shape) {
		case 'node':
			return hasId(answer) || hasId({ id: answer.user_id }) ? undefined : "Meta's answer was not valid: it has no \"id\"";
		case 'profile':
			return typeof answer.username === 'string' && answer.username ? undefined : "Meta's answer was not valid: it has no \"username\"";
		case 'posts':
		case 'insights': {
			if (!Array.isArray(answer.data)) return "Meta's answer was not valid: its \"data\" is not a list";
			const valid = shape === 'posts' ? hasId : (item: IDataObject) => typeof item.name === 'string' && item.name !== '';
			const bad = answer.data.findIndex((item: unknown) => !isObject(item) || !valid(item as IDataObject));
			return bad < 0 ? undefined : `Meta's answer was not valid: item ${bad + 1} of its "data" is not ${shape === 'posts' ? 'a post with an "id"' : 'a metric with a "name"'}`;
		}
		default:
			return undefined;
	}
}

function isObject(value: unknown): boolean {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A Graph ID: digits (as text or a number). */
function hasId(item: IDataObject): boolean {
	return (typeof item.id === 'string' && /^\d+$/.test(item.id)) || (typeof item.id === 'number' && Number.isSafeInteger(item.id));
}

/** The exact secret values of the credential, to be removed from any text an error keeps. */
async function secretsOf(context: GraphRequestContext, credentialType: string): Promise<string[]> {
	try {
		const credentials = (await context.getCredentials?.(credentialType)) ?? {};
		return secretValuesOf(credentials);
	} catch {
		return [];
	}
}

/** Every string under a key that names a token or a secret (long enough to be one), at any depth. */
export function secretValuesOf(value: unknown, key = ''): string[] {
	if (typeof value === 'string') return /token|secret|password/i.test(key) && value.length >= 8 ? [value] : [];
	if (!value || typeof value !== 'object') return [];
	return Object.entries(value).flatMap(([name, entry]) => secretValuesOf(entry, name));
}

async function mappedError(context: GraphRequestContext, options: GraphGetOptions, failure: Failure, tries: number): Promise<NodeApiError> {
	const secrets = await secretsOf(context, options.credentialType);
	const error = graphApiError(context.getNode(), failure.httpStatus, { error: failure.graphError }, options, secrets);
	if (failure.ownWords) {
		// Not Meta's words: the fault itself is the headline, with what was tried and what to do.
		const platform = options.credentialName ?? 'Threads';
		error.message = `${platform}: ${failure.graphError.message}`;
		error.description = `Tried ${tries} ${tries === 1 ? 'time' : 'times'}; this is usually temporary: run the workflow again later.${
			/did not answer/.test(failure.graphError.message ?? '') ? ' If it keeps happening, raise Options → Timeout (Seconds).' : ''
		}`;
	}
	return error;
}

/** The request could not be sent (the credential refused to renew, ...): its own message, redacted. */
async function notSentError(context: GraphRequestContext, options: GraphGetOptions, message: string): Promise<NodeApiError> {
	const text = redactSecrets(message, await secretsOf(context, options.credentialType));
	return new NodeApiError(context.getNode(), { message: text } as JsonObject, { message: text });
}

export function graphApiError(
	node: INode,
	httpStatus: number,
	body: unknown,
	options: DescribeOptions = {},
	secrets: readonly string[] = [],
): NodeApiError {
	const graphError = redactDeep(
		graphErrorOf(body) ?? { message: typeof body === 'string' ? body.slice(0, 300) : `HTTP ${httpStatus}` },
		secrets,
	);
	const described = describeGraphError(graphError, httpStatus, options);
	const error = new NodeApiError(node, { error: { ...graphError } } as unknown as JsonObject, {
		message: redactSecrets(described.message, secrets),
		description: redactSecrets(described.description, secrets),
		httpCode: described.httpCode || undefined,
	});
	// Kept for callers that react to the kind (retry on rate limits, the trigger's catch-up,
	// Instagram's "no insights for this media" answers).
	Object.assign(error.context as IDataObject, {
		graphErrorKind: described.kind,
		graphErrorCode: graphError.code,
		graphErrorSubcode: graphError.error_subcode,
		graphErrorMessage: graphError.message,
	});
	return error;
}

/** The kind, and Meta's code, subcode and message, behind a NodeApiError from this module. */
export function graphErrorDetailsOf(error: unknown): { kind?: GraphErrorKind; code?: number; subcode?: number; message: string } {
	const context = (error as { context?: IDataObject })?.context ?? {};
	return {
		kind: context.graphErrorKind as GraphErrorKind | undefined,
		code: context.graphErrorCode === undefined ? undefined : Number(context.graphErrorCode),
		subcode: context.graphErrorSubcode === undefined ? undefined : Number(context.graphErrorSubcode),
		message: String(context.graphErrorMessage ?? ''),
	};
}
