'use strict';
/**
 * ONE Threads + Instagram simulator for several n8n processes: an HTTP server on loopback that
 * the simulator-proxy preload (e2e/preload/simulator-proxy.js) forwards every Graph request
 * to. The test process holds the simulators, so it can read and change the world (a post's
 * views) and count what each process asked (`log`: { process, host, method, path, status }).
 */
const http = require('http');
const path = require('path');
const { SIM_BUILD } = require('../../scripts/lib/runtime');

function load(relative) {
	return require(path.join(SIM_BUILD, 'test', 'simulator', relative));
}

/**
 * `now()`: the simulators' clock (the queue test freezes it so rows can be recomputed exactly).
 * `revokeRefreshedTokens`: Meta's pages do not say whether a token still works once it has been
 * refreshed; with this the worst reading holds: it is revoked, so a second process refreshing
 * the same token is refused (code 190) and requests signed with it fail.
 * `holdTokenAnswersMs`: token endpoints (refresh, debug_token, exchange) answer after this, so
 * renewals started by several processes at once overlap, and so do their saves.
 */
async function startSimulatorServer({ now, revokeRefreshedTokens = false, holdTokenAnswersMs = 0 }) {
	const { ThreadsSimulator } = load('threadsSimulator.js');
	const { createDemoWorld, DEMO_APP } = load('demoWorld.js');
	const { InstagramSimulator } = load('instagram/instagramSimulator.js');
	const { createInstagramDemoWorld } = load('instagram/demoWorld.js');
	const { SimulatedSocketError } = load('frontEnd.js');
	const { answerOverHttp } = load('httpDoor.js');
	const threads = new ThreadsSimulator({ now });
	const threadsWorld = createDemoWorld(threads);
	const instagram = new InstagramSimulator({ now });
	const instagramWorld = createInstagramDemoWorld(instagram);
	const log = [];
	/** Every token a refresh or exchange handed out: secrets that must never show up anywhere. */
	const mintedTokens = [];

	const server = http.createServer((req, res) => {
		const host = String(req.headers['x-sim-host'] ?? '');
		const entry = { process: String(req.headers['x-sim-process'] ?? '?'), host, method: req.method, path: req.url.split('?')[0], query: new URL(req.url, 'http://x').searchParams.toString() };
		log.push(entry);
		const sim = host === 'graph.instagram.com' ? instagram : threads;
		return answerOverHttp(req, res, async (request) => {
			try {
				const answer = await sim.handle(request);
				entry.status = answer.status;
				const minted = answer.status === 200 && typeof answer.body?.access_token === 'string' ? answer.body.access_token : undefined;
				if (minted) mintedTokens.push(minted);
				if (minted && revokeRefreshedTokens && host === 'graph.threads.net' && entry.path === '/refresh_access_token') {
					threads.revokeToken(new URL(req.url, 'http://x').searchParams.get('access_token'));
				}
				if (holdTokenAnswersMs && /(access_token|debug_token)$/.test(entry.path)) await new Promise((resolve) => setTimeout(resolve, holdTokenAnswersMs));
				return answer;
			} catch (error) {
				// answerOverHttp closes without answering (a simulated reset, as Meta's edge would).
				entry.status = error instanceof SimulatedSocketError ? 'reset' : 'simulator error';
				throw error;
			}
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	return {
		url,
		threads,
		instagram,
		threadsUser: threadsWorld.user,
		demoApp: DEMO_APP,
		instagramToken: instagramWorld.token,
		log,
		mintedTokens,
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
}

module.exports = { startSimulatorServer };
