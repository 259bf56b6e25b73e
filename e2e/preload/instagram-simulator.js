'use strict';
/**
 * Preloaded into the n8n process next to threads-simulator.js (NODE_OPTIONS=--require
 * <threads> --require <this file>): answers https://graph.instagram.com with the bundled
 * Instagram simulator and its demo world (@demo.creator, 17841400000000001), through nock.
 * Every other host is left alone: with both preloads, graph.threads.net and
 * graph.instagram.com are the only intercepted hosts. The shipped node and credential know
 * nothing about it.
 *
 * The demo token is deterministic (the first token the demo world issues), so the
 * credential the scripts import (scripts/lib/project.js) works in every n8n process.
 *
 * Environment, read only here:
 *   INSTAGRAM_SIM_BUILD   folder of the compiled simulator (default: THREADS_SIM_BUILD, then ../build)
 *   INSTAGRAM_SIM_NOW     fixed simulator clock, ms epoch (default: THREADS_SIM_NOW, then the real clock)
 *   INSTAGRAM_SIM_FAULT   a simulated fault for every request (kinds: expiredToken,
 *                         invalidToken, missingScope, rateLimit, igRateLimit,
 *                         invalidParameter, serverError)
 *   INSTAGRAM_SIM_LOG     file that receives {now, accountId, fault, interceptedHosts, requests} when the process exits
 *   INSTAGRAM_SIM_LATENCY_MS  delay per answer (default 0)
 *   INSTAGRAM_SIM_DISABLED=1  do not intercept graph.instagram.com
 *   INSTAGRAM_SIM_QUIET=1     no startup line on stderr (THREADS_SIM_QUIET=1 also silences it)
 */
const fs = require('fs');
const path = require('path');

// Only the n8n process itself, not the npm or helper processes it may spawn (same rule as threads-simulator.js).
const isN8n = /(^|[\\/])n8n([\\/]bin[\\/]n8n)?$/.test(process.argv[1] || '') || process.env.THREADS_SIM_FORCE === '1' || process.env.INSTAGRAM_SIM_FORCE === '1';
delete process.env.NODE_OPTIONS;

if (isN8n && process.env.INSTAGRAM_SIM_DISABLED !== '1') {
	const build = process.env.INSTAGRAM_SIM_BUILD || process.env.THREADS_SIM_BUILD || path.join(__dirname, '..', 'build');
	const dir = path.join(build, 'test', 'simulator', 'instagram');
	const { InstagramSimulator } = require(path.join(dir, 'instagramSimulator.js'));
	const { createInstagramDemoWorld, IG_DEMO_USERNAME } = require(path.join(dir, 'demoWorld.js'));

	const clock = process.env.INSTAGRAM_SIM_NOW || process.env.THREADS_SIM_NOW;
	const fixedNow = clock ? Number(clock) : undefined;
	const sim = new InstagramSimulator({
		now: fixedNow !== undefined ? () => fixedNow : Date.now,
		latencyMs: Number(process.env.INSTAGRAM_SIM_LATENCY_MS || 0),
	});
	const { account } = createInstagramDemoWorld(sim);
	const fault = process.env.INSTAGRAM_SIM_FAULT;
	const KINDS = ['expiredToken', 'invalidToken', 'missingScope', 'rateLimit', 'igRateLimit', 'invalidParameter', 'serverError'];
	if (fault && !KINDS.includes(fault)) throw new Error(`INSTAGRAM_SIM_FAULT=${fault}: expected one of ${KINDS.join(', ')}`);
	if (fault) sim.failNext({ kind: fault, times: Number.MAX_SAFE_INTEGER });
	sim.install();

	/** Hosts nock intercepts in this process (both preloads' interceptors), for the e2e check. */
	const interceptedHosts = () => {
		const nock = require(require.resolve('nock', { paths: [dir] }));
		return [...new Set(nock.activeMocks().map((key) => new URL(key.replace(/^[A-Z]+\s+/, '')).hostname))].sort();
	};

	const logFile = process.env.INSTAGRAM_SIM_LOG;
	if (logFile) {
		process.on('exit', () => {
			try {
				fs.writeFileSync(
					logFile,
					JSON.stringify({ now: fixedNow ?? null, accountId: account.id, fault: fault || null, interceptedHosts: interceptedHosts(), requests: sim.requests }, null, 2),
				);
			} catch (e) {
				process.stderr.write(`[instagram-simulator] could not write ${logFile}: ${e.message}\n`);
			}
		});
	}
	if (process.env.INSTAGRAM_SIM_QUIET !== '1' && process.env.THREADS_SIM_QUIET !== '1') {
		process.stderr.write(`[instagram-simulator] answering https://graph.instagram.com as @${IG_DEMO_USERNAME}${fault ? ` (every request fails: ${fault})` : ''}\n`);
	}
	globalThis.__instagramSimulator = sim;
}
