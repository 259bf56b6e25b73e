/**
 * Puts a simulator's `handle()` behind nock interceptors for one host, at the socket level,
 * so any code using Node's http/https (n8n-core's HTTP client included) talks to the model.
 * Shared by the Threads and Instagram simulators.
 *
 * Transport faults. When `handle()` rejects with a SimulatedSocketError (a reset, a released
 * hang), the connection is closed before a single response byte: the reply is a body stream
 * that fails at once, so @mswjs/interceptors (under nock 14) drops the response it had not yet
 * written and closes the socket without an error, and Node's http client reports what it reports
 * when a server closes a connection without answering: an 'error' event, ECONNRESET "socket hang
 * up", and no 'response'. (fetch gets the status line and then a body that fails.)
 *
 * Why not nock's own way (a rejected reply function → `req.destroy(err)` → mswjs
 * `errorWith(err)`)? It works alone, but when earlier test files in the same jest worker have
 * left their nock/mswjs patches on the shared `http` module (their passthrough sockets chain in
 * front of ours), it ends in an unhandled socket 'error' that fails the test (seen when
 * simulator.test.ts runs before simulatorFaults.test.ts in one worker: mswjs emits the error
 * itself and again through `destroy(err)`, and the chain's 'close' handling has removed the
 * listeners by then). A close without an error has no such path; it is also safe when the client
 * has already gone (timed out) before a hang is released.
 *
 * A `handle()` that never settles is a hang: the client waits until its own timeout. Under nock
 * 14 the mocked socket only "connects" when a response comes, so a `req.setTimeout()` armed on it
 * never fires for a hang; the `timeout` request option, axios' `timeout` and AbortSignal do.
 */
import { Readable } from 'stream';
import nock from 'nock';
import { SimulatedSocketError } from './frontEnd';

export interface InterceptedRequest {
	method: string;
	/** Path with query string. */
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body?: string;
}

export interface InterceptedResponse {
	status: number;
	body: unknown;
	/** Exact body text to send (HTML, empty, truncated JSON); otherwise `body` is sent as JSON. */
	rawBody?: string;
	headers?: Record<string, string>;
}

const INTERCEPTED_METHODS = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH'];

export class NockInstallation {
	private interceptors: nock.Interceptor[] = [];

	/**
	 * Intercepts every request to `host` (persisting) until uninstall(). Calling it again
	 * re-installs (e.g. after another test's nock.cleanAll()). The interceptors are optional,
	 * so nock.isDone() / pendingMocks() in other tests are not affected.
	 */
	install(host: string, handle: (request: InterceptedRequest) => Promise<InterceptedResponse>): void {
		this.uninstall();
		if (!nock.isActive()) nock.activate();
		const scope = nock(host).persist();
		for (const method of INTERCEPTED_METHODS) {
			const interceptor = scope.intercept(() => true, method).optionally();
			// A function (not an arrow): nock passes the intercepted request as `this.req`.
			interceptor.reply(async function (this: nock.ReplyFnContext, uri: string, body: nock.Body) {
				try {
					const res = await handle({ method, path: uri, headers: this.req.headers, body: bodyText(body) });
					return [res.status, res.rawBody ?? JSON.stringify(res.body), res.headers ?? {}] as const;
				} catch (error) {
					// Other errors are simulator bugs: nock hands them to the client as they are.
					if (!(error instanceof SimulatedSocketError)) throw error;
					// The client hears the reset through its own listeners; these keep a client that has
					// already given up on the request from turning the socket's error into an uncaught one.
					const request = this.req as unknown as { on?(event: string, listener: () => void): void; socket?: { on?(event: string, listener: () => void): void } };
					request.on?.('error', () => undefined);
					request.socket?.on?.('error', () => undefined);
					return [200, closeWithoutAnswer(error), {}] as const;
				}
			});
			this.interceptors.push(interceptor);
		}
	}

	/** Removes this installation's interceptors only; other nock scopes stay. */
	uninstall(): void {
		for (const interceptor of this.interceptors) nock.removeInterceptor(interceptor);
		this.interceptors = [];
	}
}

/** A body that fails before its first byte: the connection closes with no response (see above). */
function closeWithoutAnswer(error: Error): Readable {
	const body = new Readable({
		read() {
			this.destroy(error);
		},
	});
	// Whoever reads the body sees it fail; without a listener of its own a destroyed stream's
	// 'error' event would also be an uncaught exception, depending on timing.
	body.on('error', () => undefined);
	return body;
}

function bodyText(body: nock.Body): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	return typeof body === 'string' ? body : JSON.stringify(body);
}
