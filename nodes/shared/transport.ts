/**
 * The one place that talks HTTP to a Graph API and turns its errors into NodeApiError.
 *
 * Declarative operations send their requests through n8n's RoutingNode with
 * `ignoreHttpStatusErrors`, so a Graph error arrives as a response and `throwOnGraphError`
 * (first in every operation's postReceive chain) maps it. Code that issues its own
 * requests (list searches, the trigger, insight enrichment) calls `graphGet`. Both end in
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
import { NodeApiError } from 'n8n-workflow';

import type { DescribeOptions } from './graphErrors';
import { describeGraphError, graphErrorOf, redactSecrets } from './graphErrors';

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
	// Kept for callers that react to the kind (retry on rate limits, the trigger's catch-up).
	(error.context as IDataObject).graphErrorKind = described.kind;
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
}

/** GET a Graph path with the node's credential; Graph errors become NodeApiError. */
export async function graphGet<T = IDataObject>(
	context: GraphRequestContext,
	path: string,
	qs: IDataObject,
	options: GraphGetOptions,
): Promise<T> {
	const response = (await context.helpers.httpRequestWithAuthentication.call(context, options.credentialType, {
		method: 'GET',
		baseURL: options.baseURL,
		url: path,
		qs,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	})) as IN8nHttpFullResponse;
	if (isGraphErrorResponse(response.statusCode, response.body)) {
		throw graphApiError(context.getNode(), response.statusCode, response.body, options);
	}
	return response.body as T;
}
