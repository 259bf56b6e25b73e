'use strict';
/**
 * Preloaded into every n8n process of the queue-mode test (main and workers) instead of the
 * two in-process simulators: each request to graph.threads.net or graph.instagram.com is
 * forwarded, through nock, to ONE simulator server on loopback (e2e/run-queue.js), so every
 * process sees the same tokens, posts and counters, as they would see one Meta. A token one
 * worker renews is the token the others are answered for.
 *
 * Environment, read only here:
 *   SIM_SERVER_URL    the simulator server, e.g. http://127.0.0.1:41234
 *   SIM_PROCESS_NAME  this process's name (main, worker-1, ...): sent with every forwarded
 *                     request so the server can count requests per process
 */
const path = require('path');

const isN8n = /(^|[\\/])n8n([\\/]bin[\\/]n8n)?$/.test(process.argv[1] || '');
// Children must not inherit the preload (n8n spawns npm for community packages).
delete process.env.NODE_OPTIONS;

const HOSTS = ['https://graph.threads.net', 'https://graph.instagram.com'];
const METHODS = ['GET', 'POST', 'DELETE'];
/** Headers of the loopback hop itself, not of the simulator's answer (fetch has already decoded the body). */
const HOP_HEADERS = ['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'content-encoding', 'date'];

if (isN8n) {
	const server = process.env.SIM_SERVER_URL;
	if (!server) throw new Error('simulator-proxy: SIM_SERVER_URL is not set');
	const name = process.env.SIM_PROCESS_NAME || `pid-${process.pid}`;
	const nock = require(path.join(__dirname, '..', '..', 'node_modules', 'nock'));
	for (const host of HOSTS) {
		const scope = nock(host).persist();
		for (const method of METHODS) {
			// A function (not an arrow): nock passes the intercepted request as `this.req`.
			scope.intercept(() => true, method).reply(async function (uri, body) {
				const headers = { ...this.req.headers, 'x-sim-host': new URL(host).host, 'x-sim-process': name };
				delete headers.host;
				delete headers['content-length'];
				// The server closing without an answer rejects this fetch: nock then destroys the
				// client's request with that error, which is what a reset looks like to n8n.
				const res = await fetch(`${server}${uri}`, { method, headers, body: body === undefined || body === '' ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
				const answer = Object.fromEntries([...res.headers].filter(([key]) => !HOP_HEADERS.includes(key)));
				return [res.status, await res.text(), answer];
			});
		}
	}
	process.stderr.write(`[simulator-proxy] ${name}: ${HOSTS.join(', ')} → ${server}\n`);
}
