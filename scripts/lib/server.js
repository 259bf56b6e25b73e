'use strict';
/**
 * A long-running n8n process on the cached runtime: `n8n start` (dev editor, e2e, browser
 * check, queue-mode main) or `n8n worker` (queue mode; `port` is then its health-check port).
 */
const { spawn } = require('child_process');
const { NODE24, N8N_BIN, n8nEnv } = require('./runtime');

/** Login the dev/e2e scripts give the local owner account (project-local database only). */
const OWNER = { email: 'demo@threads-insights.local', firstName: 'Demo', lastName: 'Owner', password: 'ThreadsDemo-2026' };

function startN8n(userFolder, { port = 5678, env = {}, echo = false, args = ['start'] } = {}) {
	const child = spawn(NODE24, [N8N_BIN, ...args], {
		env: n8nEnv(userFolder, {
			N8N_PORT: String(port),
			N8N_HOST: 'localhost',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_EDITOR_BASE_URL: `http://localhost:${port}`,
			N8N_RUNNERS_BROKER_PORT: String(port + 1),
			QUEUE_HEALTH_CHECK_PORT: String(port),
			...env,
		}),
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: false,
	});
	let output = '';
	const onData = (stream) => (d) => {
		output += d;
		if (echo) stream.write(d);
	};
	child.stdout.on('data', onData(process.stdout));
	child.stderr.on('data', onData(process.stderr));
	const url = `http://localhost:${port}`;
	const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
	return {
		child,
		url,
		exited,
		output: () => output,
		async waitReady(timeoutMs = 120_000) {
			const deadline = Date.now() + timeoutMs;
			let dead = false;
			exited.then(() => (dead = true));
			while (Date.now() < deadline) {
				if (dead) throw new Error(`n8n exited during startup:\n${output.slice(-4000)}`);
				try {
					const res = await fetch(`${url}/healthz/readiness`);
					if (res.ok) return;
				} catch {}
				await new Promise((r) => setTimeout(r, 500));
			}
			throw new Error(`n8n did not become ready in ${timeoutMs} ms:\n${output.slice(-4000)}`);
		},
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
			await exited;
			clearTimeout(timer);
		},
	};
}

/**
 * The editor needs an owner account. On a fresh database POST /rest/owner/setup creates
 * it (no auth needed while none exists); afterwards we log in. Returns the auth cookie.
 */
async function ensureOwner(url, owner = OWNER) {
	const cookieOf = (res) => (res.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
	const setup = await fetch(`${url}/rest/owner/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(owner) });
	if (setup.ok) return { cookie: cookieOf(setup), created: true };
	const login = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password }),
	});
	if (!login.ok) throw new Error(`owner setup (${setup.status}: ${await setup.text()}) and login (${login.status}: ${await login.text()}) both failed`);
	return { cookie: cookieOf(login), created: false };
}

module.exports = { startN8n, ensureOwner, OWNER };
