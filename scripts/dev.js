#!/usr/bin/env node
'use strict';
/**
 * npm run dev — the n8n editor on http://localhost:5678 with the package loaded (as a
 * community package, rebuilt from the working tree) and the Threads and Instagram
 * simulators answering graph.threads.net and graph.instagram.com inside n8n. Same user folder as `npm run demo` (examples and the
 * simulator credentials imported). An owner account is created on first start; the login
 * is printed. Ctrl+C stops n8n.
 *
 * Env: N8N_PORT (default 5678).
 */
const path = require('path');
const { ROOT, step, color } = require('./lib/runtime');
const P = require('./lib/project');
const { startN8n, ensureOwner, OWNER } = require('./lib/server');

async function main() {
	const port = Number(process.env.N8N_PORT || 5678);
	const { userFolder } = await P.prepareDemoN8n();

	step(`Starting the n8n editor on http://localhost:${port} (simulators answering graph.threads.net and graph.instagram.com)`);
	const server = startN8n(userFolder, { port, echo: true, env: { N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'info' } });
	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping n8n…');
		await server.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	server.exited.then(({ code, signal }) => {
		if (!stopping) {
			console.error(color('31', `n8n exited (${signal ?? code})`));
			process.exit(code || 1);
		}
	});
	await server.waitReady(180_000);
	const { created } = await ensureOwner(server.url);
	console.log('');
	console.log(color('1;32', `n8n is ready: http://localhost:${port}`));
	console.log(`  Sign in: ${OWNER.email} / ${OWNER.password}${created ? ' (owner account just created, project-local database only)' : ''}`);
	console.log(`  Workflows: the examples from examples/ and their demo run copies ("… (demo run: Manual Trigger, …)") — open one and click "Execute workflow".`);
	console.log(`  Credentials: "${P.DEMO_CREDENTIAL.name}" (self-renewing token) and "${P.DEMO_OAUTH2_CREDENTIAL.name}" for the Threads simulator's @demo.creator; "${P.DEMO_INSTAGRAM_CREDENTIAL.name}" for the Instagram simulator's @demo.creator.`);
	console.log(`  Data: ${path.relative(ROOT, userFolder)}/.n8n   Stop: Ctrl+C`);
}

main().catch((e) => {
	console.error(color('31', `dev failed: ${e.stack || e.message}`));
	process.exit(1);
});
