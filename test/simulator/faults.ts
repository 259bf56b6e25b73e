/**
 * The `failNext` kinds both simulators share, beyond each one's own Graph error kinds: the worst
 * behaviour Meta's pages allow (transient Graph errors, token echoes), what a proxy or a broken
 * front end does (HTML pages, empty or truncated bodies, hangs, resets), and broken paging.
 * The queue, `times` and `path` matching are the FaultQueue's (frontEnd.ts); hang/reset are
 * carried out by ThrottlingFrontEnd.admit; paging faults by paging.ts.
 */
import { STATUS_CODES } from 'http';
import { errors, GraphError } from './errors';
import type { QueueableFault } from './frontEnd';
import { TransportFault } from './frontEnd';

/** No HTTP response: `hang` never answers (until uninstall()/reset()), `reset` resets the connection. */
export type TransportFaultKind = 'hang' | 'reset';
/** HTTP answers whose body is not the Graph JSON a client expects. */
export type BodyFaultKind = 'htmlError' | 'emptyBody' | 'malformedJson' | 'dataNotArray' | 'serverErrorNoBody';
/** Graph errors in Meta's documented shape, the same on both hosts. */
export type SharedGraphFaultKind = 'serverError' | 'unknownError' | 'serviceUnavailable' | 'echoToken';
/** Only list requests take these (other requests leave them queued); see paging.ts. */
export type PagingFaultKind = 'repeatCursor' | 'emptyPageWithNext';
export type SharedFaultKind = TransportFaultKind | BodyFaultKind | SharedGraphFaultKind | PagingFaultKind;

const PAGING_FAULT_KINDS: readonly string[] = ['repeatCursor', 'emptyPageWithNext'] satisfies PagingFaultKind[];

export function isPagingFault(kind: string): kind is PagingFaultKind {
	return PAGING_FAULT_KINDS.includes(kind);
}

/** What every simulator fault carries. */
export interface FaultOptions extends QueueableFault {
	/** HTTP status override (e.g. 429 for rateLimit, 504 for htmlError). */
	status?: number;
	/** Adds a Retry-After header (seconds). */
	retryAfterSec?: number;
}

/** A response with an exact body text (`rawBody`, sent as is); `body` holds the same text. */
export interface RawFaultResponse {
	status: number;
	body: string;
	rawBody: string;
	headers: Record<string, string>;
}

export type SharedFaultOutcome =
	| { type: 'transport'; fault: TransportFault }
	| { type: 'response'; response: RawFaultResponse | { status: number; body: unknown; headers: Record<string, string> } }
	| { type: 'graphError'; error: GraphError }
	| { type: 'paging'; kind: PagingFaultKind };

const JSON_TYPE = 'application/json; charset=UTF-8';

/**
 * The outcome of a shared fault kind, or undefined for a simulator's own kinds. `token` is the
 * access token as the request sent it (Authorization header or access_token parameter).
 */
export function sharedFaultOutcome(fault: FaultOptions & { kind: string }, token: string | undefined): SharedFaultOutcome | undefined {
	const raw = (defaultStatus: number, text: string, contentType?: string): SharedFaultOutcome => {
		const headers: Record<string, string> = { ...(contentType ? { 'Content-Type': contentType } : {}), ...retryAfter(fault) };
		if (text === '') headers['Content-Length'] = '0';
		return { type: 'response', response: { status: fault.status ?? defaultStatus, body: text, rawBody: text, headers } };
	};
	const graph = (error: GraphError): SharedFaultOutcome => ({ type: 'graphError', error: withOverrides(error, fault) });
	switch (fault.kind) {
		case 'hang':
		case 'reset':
			return { type: 'transport', fault: new TransportFault(fault.kind) };
		case 'htmlError': {
			const status = fault.status ?? 502;
			const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
			return raw(status, `<html><head><title>${title}</title></head><body><h1>${title}</h1><p>The server returned an invalid or incomplete response.</p></body></html>`, 'text/html; charset=utf-8');
		}
		case 'emptyBody':
			return raw(200, '', JSON_TYPE);
		case 'malformedJson':
			return raw(200, '{"data":[{"id":"1', JSON_TYPE);
		case 'serverErrorNoBody':
			return raw(503, '');
		case 'dataNotArray':
			return { type: 'response', response: { status: fault.status ?? 200, body: { data: { id: 'x' } }, headers: { 'Content-Type': JSON_TYPE, ...retryAfter(fault) } } };
		case 'serverError':
		case 'unknownError':
			return graph(errors.serverError());
		case 'serviceUnavailable':
			return graph(errors.serviceUnavailable());
		case 'echoToken':
			return graph(errors.malformedToken(token));
		case 'repeatCursor':
		case 'emptyPageWithNext':
			return { type: 'paging', kind: fault.kind };
		default:
			return undefined;
	}
}

/** A fault's Graph error with its `status` and `retryAfterSec` overrides applied. */
export function withOverrides(e: GraphError, fault: FaultOptions): GraphError {
	return new GraphError(fault.status ?? e.status, e.fields, { ...e.headers, ...retryAfter(fault) });
}

function retryAfter(fault: FaultOptions): Record<string, string> {
	return fault.retryAfterSec !== undefined ? { 'Retry-After': String(fault.retryAfterSec) } : {};
}
