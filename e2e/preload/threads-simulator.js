'use strict';
/**
 * Preloaded into the n8n process (NODE_OPTIONS=--require <this file>) by the demo, dev
 * and e2e scripts: answers https://graph.threads.net with the bundled Threads simulator
 * and its demo world, through nock. Every other host (localhost, n8n's own services) is
 * left alone. The shipped node and credential know nothing about it.
 *
 * Environment, read only here:
 *   THREADS_SIM_BUILD   folder of the compiled simulator (default: ../build)
 *   THREADS_SIM_NOW     fixed simulator clock, ms epoch (default: the real clock)
 *   THREADS_SIM_FAULT   a simulated fault for every request, e.g. "expiredToken"
 *                       (kinds: expiredToken, invalidToken, missingScope, rateLimit,
 *                       featureNotAvailable, invalidParameter, serverError)
 *   THREADS_SIM_LOG     file that receives {now, userId, requests} when the process exits
 *   THREADS_SIM_LATENCY_MS  delay per answer (default 0)
 */
const fs = require('fs');
const path = require('path');

// Only the n8n process itself, not the npm or helper processes it may spawn.
const isN8n = /(^|[\\/])n8n([\\/]bin[\\/]n8n)?$/.test(process.argv[1] || '') || process.env.THREADS_SIM_FORCE === '1';
// Children must not inherit the preload (n8n spawns npm for community packages).
delete process.env.NODE_OPTIONS;

if (isN8n && process.env.THREADS_SIM_DISABLED !== '1') {
	const build = process.env.THREADS_SIM_BUILD || path.join(__dirname, '..', 'build');
	const { ThreadsSimulator } = require(path.join(build, 'test', 'simulator', 'threadsSimulator.js'));
	const { createDemoWorld, DEMO_USERNAME } = require(path.join(build, 'test', 'simulator', 'demoWorld.js'));

	const fixedNow = process.env.THREADS_SIM_NOW ? Number(process.env.THREADS_SIM_NOW) : undefined;
	const sim = new ThreadsSimulator({
		now: fixedNow !== undefined ? () => fixedNow : Date.now,
		latencyMs: Number(process.env.THREADS_SIM_LATENCY_MS || 0),
	});
	const { user } = createDemoWorld(sim);
	const fault = process.env.THREADS_SIM_FAULT;
	const KINDS = ['expiredToken', 'invalidToken', 'missingScope', 'rateLimit', 'featureNotAvailable', 'invalidParameter', 'serverError'];
	if (fault && !KINDS.includes(fault)) throw new Error(`THREADS_SIM_FAULT=${fault}: expected one of ${KINDS.join(', ')}`);
	if (fault) sim.failNext({ kind: fault, times: Number.MAX_SAFE_INTEGER });
	sim.install();

	const logFile = process.env.THREADS_SIM_LOG;
	if (logFile) {
		process.on('exit', () => {
			try {
				fs.writeFileSync(logFile, JSON.stringify({ now: fixedNow ?? null, userId: user.id, fault: fault || null, requests: sim.requests }, null, 2));
			} catch (e) {
				process.stderr.write(`[threads-simulator] could not write ${logFile}: ${e.message}\n`);
			}
		});
	}
	if (process.env.THREADS_SIM_QUIET !== '1') {
		process.stderr.write(`[threads-simulator] answering https://graph.threads.net as @${DEMO_USERNAME}${fault ? ` (every request fails: ${fault})` : ''}\n`);
	}
	globalThis.__threadsSimulator = sim;
}
