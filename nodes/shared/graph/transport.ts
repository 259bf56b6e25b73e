/**
 * The one place that talks HTTP to a Graph API and turns its errors into NodeApiError.
 *
 * Single-request declarative operations send their request through n8n's RoutingNode with
 * `ignoreHttpStatusErrors`, so a Graph error arrives as a response and `throwOnGraphError`
 * (first in their postReceive chain) maps it. Everything that issues its own requests
 * (paging, insight enrichment, list searches, the triggers) calls `graphGet`. Both end in
 * `graphApiError`, so a user reads the same message whichever path hit the error, and the
 * error carries Meta's answer only, never the request (and so never the token).
 */
import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, sleep } from 'n8n-workflow';

import type { BackoffPolicy } from './backoff';
import { retryAfterSeconds, retryDelayMs } from './backoff';
import type { DescribeOptions, GraphErrorKind } from './graphErrors';
import { classifyGraphError, describeGraphError, graphErrorOf, redactSecrets } from './graphErrors';

export function graphApiError(node: INode, httpStatus: number, body: unknown, options: DescribeOptions = {}): NodeApiError {
	const graphError = graphErrorOf(body) ?? {
		message: typeof body === 'string' ? redactSecrets(body).slice(0, 300) : `HTTP ${httpStatus}`,
	};
	const described = describeGraphError(graphError, httpStatus, options);
	const error = new NodeApiError(node, { error: { ...graphError } } as unknown as JsonObject, {
		message: described.message,
		description: described.description,
		httpCode: described.httpCode,
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

export function isGraphErrorResponse(statusCode: number, body: unknown): boolean {
	return statusCode >= 400 || graphErrorOf(body) !== undefined;
}

/** Tells the error mapper which permission an operation needs; set per resource. */
export type RequiredScopeOf = (context: IExecuteSingleFunctions) => string | undefined;

/** postReceive: a Graph error answer becomes a NodeApiError with a human message. */
export function throwOnGraphError(requiredScopeOf: RequiredScopeOf) {
	return async function (
		this: IExecuteSingleFunctions,
		items: INodeExecutionData[],
		response: IN8nHttpFullResponse,
	): Promise<INodeExecutionData[]> {
		if (isGraphErrorResponse(response.statusCode, response.body)) {
			throw graphApiError(this.getNode(), response.statusCode, response.body, {
				requiredScope: requiredScopeOf(this),
			});
		}
		return items;
	};
}

/** The part of an n8n context `graphGet` needs; every context type (execute, poll, load options) has it. */
export interface GraphRequestContext {
	getNode(): INode;
	helpers: {
		httpRequestWithAuthentication(
			this: unknown,
			credentialsType: string,
			requestOptions: IHttpRequestOptions,
		): Promise<unknown>;
	};
}

export interface GraphGetOptions extends DescribeOptions {
	baseURL: string;
	credentialType: string;
	/** Retry throttled and transient answers with backoff; without it the first error is thrown. */
	backoff?: BackoffPolicy;
	/** Told about every throttled answer and every retry (adaptive concurrency listens here). */
	throttleReport?: { throttled(): void; retrying(): void };
	/** Set when sibling work already failed: stop retrying and give up with that error. */
	abandon?: AbandonSignal;
}

/** Shared by the requests of one job: the first permanent failure stops the rest. */
export interface AbandonSignal {
	error?: Error;
}

/** Error kinds worth retrying: Meta asked us to slow down, or had a hiccup. */
const RETRYABLE: readonly GraphErrorKind[] = ['rateLimited', 'transient'];

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

/**
 * GET a Graph path with the node's credential; Graph errors become NodeApiError. With a
 * backoff policy, throttled (4/17/32/613/429) and transient answers are retried until the
 * waits would exceed the policy's total; any other 4xx is thrown at once.
 */
export async function graphGet<T = IDataObject>(
	context: GraphRequestContext,
	path: string,
	qs: IDataObject,
	options: GraphGetOptions,
): Promise<T> {
	let waited = 0;
	for (let attempt = 1; ; attempt++) {
		if (options.abandon?.error) throw options.abandon.error;
		if (attempt > 1) options.throttleReport?.retrying();
		const response = (await context.helpers.httpRequestWithAuthentication.call(context, options.credentialType, {
			method: 'GET',
			baseURL: options.baseURL,
			url: path,
			qs,
			json: true,
			ignoreHttpStatusErrors: true,
			returnFullResponse: true,
		})) as IN8nHttpFullResponse;
		if (!isGraphErrorResponse(response.statusCode, response.body)) return response.body as T;

		const kind = classifyGraphError(graphErrorOf(response.body) ?? {}, response.statusCode);
		if (kind === 'rateLimited') options.throttleReport?.throttled();
		const policy = options.backoff;
		if (policy && RETRYABLE.includes(kind)) {
			const delay = retryDelayMs(attempt, policy, Math.random, retryAfterSeconds(response.headers));
			if (waited + delay <= policy.maxTotalWaitMs) {
				waited += delay;
				await sleep(delay);
				continue;
			}
		}
		const error = graphApiError(context.getNode(), response.statusCode, response.body, options);
		if (options.abandon) options.abandon.error ??= error;
		throw error;
	}
}
