'use strict';
/**
 * What n8n's queue mode needs besides n8n: Redis (the job queue) and PostgreSQL (the shared
 * database), from Debian's packages, started on free loopback ports in a throwaway folder and
 * stopped afterwards. Nothing is left running and no system service is touched.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { run, freePort, step, info } = require('../../scripts/lib/runtime');

const isRoot = process.getuid?.() === 0;

function postgresBin() {
	const base = '/usr/lib/postgresql';
	if (!fs.existsSync(base)) return undefined;
	const version = fs
		.readdirSync(base)
		.filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a))[0];
	return version && path.join(base, version, 'bin');
}

function hasRedis() {
	return ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].some((p) => fs.existsSync(p));
}

/** apt-get install redis-server postgresql when either is missing (needs root: CI and this machine run as root). */
async function ensureInstalled() {
	if (hasRedis() && postgresBin()) return;
	if (!isRoot) throw new Error('redis-server and PostgreSQL are needed: apt-get install redis-server postgresql (as root), then rerun');
	step('Installing redis-server and postgresql (Debian packages)');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	const install = () => run('apt-get', ['install', '-y', '-q', '--no-install-recommends', 'redis-server', 'postgresql'], { env, quiet: true });
	try {
		await install();
	} catch {
		await run('apt-get', ['update', '-q'], { env, quiet: true });
		await install();
	}
}

/** Runs a PostgreSQL tool as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
function asPostgres(bin, args, opts = {}) {
	return isRoot ? run('runuser', ['-u', 'postgres', '--', bin, ...args], opts) : run(bin, args, opts);
}

async function startPostgres(dir) {
	const bin = postgresBin();
	const port = await freePort();
	const data = path.join(dir, 'pg');
	fs.mkdirSync(data, { recursive: true });
	if (isRoot) {
		fs.chmodSync(dir, 0o755);
		await run('chown', ['-R', 'postgres', data], { quiet: true });
	}
	await asPostgres(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'], { quiet: true });
	const options = `-p ${port} -k ${data} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
	await asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-o', options, '-l', path.join(data, 'server.log'), '-w', 'start'], { quiet: true });
	await asPostgres(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-c', 'CREATE DATABASE n8n'], { quiet: true });
	info(`PostgreSQL ${path.basename(path.dirname(bin))} on 127.0.0.1:${port}`);
	return {
		env: { DB_TYPE: 'postgresdb', DB_POSTGRESDB_HOST: '127.0.0.1', DB_POSTGRESDB_PORT: String(port), DB_POSTGRESDB_DATABASE: 'n8n', DB_POSTGRESDB_USER: 'postgres', DB_POSTGRESDB_PASSWORD: 'unused-trust-auth' },
		stop: () => asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], { quiet: true }).catch(() => undefined),
	};
}

async function startRedis() {
	const port = await freePort();
	const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	for (const deadline = Date.now() + 15_000; !/Ready to accept connections/.test(output); await new Promise((r) => setTimeout(r, 100))) {
		if (child.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start:\n${output}`);
	}
	info(`Redis on 127.0.0.1:${port}`);
	return {
		env: { QUEUE_BULL_REDIS_HOST: '127.0.0.1', QUEUE_BULL_REDIS_PORT: String(port) },
		stop: async () => {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await new Promise((r) => child.once('exit', r));
		},
	};
}

/** Installs if needed, starts both; `stop()` stops both and removes their folder. */
async function startQueueServices() {
	await ensureInstalled();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-services-'));
	const postgres = await startPostgres(dir);
	let redis;
	try {
		redis = await startRedis();
	} catch (e) {
		await postgres.stop();
		throw e;
	}
	return {
		env: { ...postgres.env, ...redis.env },
		async stop() {
			await redis.stop();
			await postgres.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

module.exports = { startQueueServices };
