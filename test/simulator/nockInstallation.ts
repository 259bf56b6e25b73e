/**
 * Puts a simulator's `handle()` behind nock interceptors for one host, at the socket level,
 * so any code using Node's http/https (n8n-core's HTTP client included) talks to the model.
 * Shared by the Threads and Instagram simulators.
 */
import nock from 'nock';

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
				const res = await handle({ method, path: uri, headers: this.req.headers, body: bodyText(body) });
				return [res.status, JSON.stringify(res.body), res.headers ?? {}] as const;
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

function bodyText(body: nock.Body): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	return typeof body === 'string' ? body : JSON.stringify(body);
}
