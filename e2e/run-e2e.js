#!/usr/bin/env node
'use strict';
/**
 * npm run test:e2e — the package inside a real n8n (2.41.1 on Node 24, embedded SQLite,
 * fresh user folder e2e/n8n/n8n-e2e), Threads and Instagram answered by the simulators
 * preloaded into the n8n process (e2e/preload/). Plain node script; prints "N passed, N failed" and exits non-zero
 * on any failure. Options: --no-browser (skip the Chromium check).
 */
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const { ROOT, RUNTIME, SIM_BUILD, NODE_TYPE, CREDENTIAL_TYPES, INSTAGRAM_NODE_TYPE, INSTAGRAM_CREDENTIAL_TYPE, PACKAGE_NAME, n8n, parseRawOutput, step, info, color } = require('../scripts/lib/runtime');
const { ensureRuntime } = require('../scripts/install-n8n');
const P = require('../scripts/lib/project');
const { startN8n, ensureOwner } = require('../scripts/lib/server');
const { browserCheck } = require('./browser-check');

const USER_FOLDER = path.join(RUNTIME, 'n8n-e2e');
const ARTIFACTS = path.join(__dirname, 'artifacts');
const PORT = Number(process.env.E2E_N8N_PORT || 5690);
const withBrowser = !process.argv.includes('--no-browser');
const INSIGHT_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'];
const TOKEN_PATHS = ['/debug_token', '/refresh_access_token', '/access_token', '/oauth/access_token'];
const INSTAGRAM_TOKEN_PATHS = ['/access_token', '/refresh_access_token'];
const EXPIRED_MESSAGE = /access token has expired or was revoked/i;
const CRASH = /TypeError|ReferenceError|Unhandled|uncaught|Segmentation|SIGABRT|Cannot read properties/i;

const results = [];
async function test(name, fn) {
	const started = Date.now();
	try {
		await fn();
		results.push({ name, ok: true });
		console.log(`${color('32', '✓')} ${name} ${color('2', `(${((Date.now() - started) / 1000).toFixed(1)} s)`)}`);
	} catch (e) {
		results.push({ name, ok: false, error: e });
		console.log(`${color('31', '✗')} ${name} ${color('2', `(${((Date.now() - started) / 1000).toFixed(1)} s)`)}`);
		console.log(String(e.stack || e.message).split('\n').map((l) => `    ${l}`).join('\n'));
	}
}

/** Run copies of the flagship: Manual Trigger instead of Schedule, no Google Sheets; one per credential type. */
function runCopies(flagship) {
	const { workflow, lastNode } = P.flagshipRunCopy(flagship);
	const oauth2 = JSON.parse(JSON.stringify(workflow));
	oauth2.id = 'thrDailyRptOAuth';
	oauth2.name = `${flagship.name} (e2e: OAuth2 Connect credential)`;
	for (const node of oauth2.nodes) {
		if (node.type !== NODE_TYPE) continue;
		node.parameters.authentication = 'oAuth2';
		node.credentials = { threadsOAuth2Api: P.DEMO_OAUTH2_CREDENTIAL };
	}
	return { selfRenewing: workflow, oauth2, lastNode, listNode: workflow.nodes.find((n) => n.parameters?.operation === 'list').name };
}

/** The Instagram alert with Slack replaced by No Operation (no Slack account here), so n8n can activate it. */
function activationCopy(example) {
	const workflow = JSON.parse(JSON.stringify(example));
	workflow.id = 'igViewsAlertLive';
	workflow.name = `${example.name} (e2e: activated, Slack replaced by No Operation)`;
	const slack = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.slack');
	Object.assign(slack, { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} });
	const trigger = workflow.nodes.find((n) => n.type === `${PACKAGE_NAME}.instagramTrigger`);
	return { workflow, triggerName: trigger.name };
}

/**
 * Executes a workflow headless with the Threads simulator configured by `sim` (the
 * Instagram one shares its clock, THREADS_SIM_NOW); returns the run, both simulators' logs
 * and the process output.
 */
async function execute(id, sim = {}) {
	const stamp = `${id}-${Date.now()}`;
	const logFile = path.join(USER_FOLDER, `sim-log-${stamp}.json`);
	const igLogFile = path.join(USER_FOLDER, `ig-sim-log-${stamp}.json`);
	const env = {
		N8N_LOG_LEVEL: 'info',
		THREADS_SIM_LOG: logFile,
		INSTAGRAM_SIM_LOG: igLogFile,
		...Object.fromEntries(Object.entries(sim).map(([k, v]) => [`THREADS_SIM_${k}`, String(v)])),
	};
	const out = await n8n(['execute', `--id=${id}`, '--rawOutput'], { userFolder: USER_FOLDER, env });
	let run;
	try {
		run = parseRawOutput(out.stdout);
	} catch {
		run = undefined;
	}
	const readLog = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);
	return { ...out, run, simLog: readLog(logFile), igLog: readLog(igLogFile) };
}

/** What the simulator (same demo world, same frozen clock) says the report rows must be. */
async function expectedReport(now, since, until) {
	const { ThreadsSimulator } = require(path.join(SIM_BUILD, 'test', 'simulator', 'threadsSimulator.js'));
	const { createDemoWorld } = require(path.join(SIM_BUILD, 'test', 'simulator', 'demoWorld.js'));
	const sim = new ThreadsSimulator({ now: () => now });
	const { token } = createDemoWorld(sim);
	const get = async (p) => {
		const res = await sim.handle({ method: 'GET', path: p, headers: { authorization: `Bearer ${token}` } });
		assert.equal(res.status, 200, `simulator ${p}: ${JSON.stringify(res.body)}`);
		return res.body;
	};
	const ids = [];
	let after;
	do {
		const page = await get(`/v1.0/me/threads?fields=id&limit=100&since=${since}&until=${until}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
		ids.push(...page.data.map((p) => p.id));
		after = page.data.length ? page.paging?.cursors?.after : undefined;
	} while (after);
	const rows = [];
	for (const id of ids) {
		const insights = await get(`/v1.0/${id}/insights?metric=${INSIGHT_METRICS.join(',')}`);
		const row = { id };
		for (const metric of INSIGHT_METRICS) {
			const found = insights.data.find((i) => i.name === metric);
			row[metric] = found ? found.values[0].value : null;
		}
		rows.push(row);
	}
	return { ids, rows, token };
}

function dataRequests(simLog) {
	return simLog.requests.filter((r) => !TOKEN_PATHS.some((p) => r.path === p || r.path === `/v1.0${p}`));
}

function instagramDataRequests(igLog) {
	return igLog.requests.filter((r) => !INSTAGRAM_TOKEN_PATHS.includes(r.path));
}

/** A Graph insight's number: total_value, or the sum of a time series' values (Threads' views). */
function insightNumber(data, name) {
	const insight = data.find((i) => i.name === name);
	if (!insight) return null;
	if (typeof insight.total_value?.value === 'number') return insight.total_value.value;
	return (insight.values ?? []).reduce((sum, v) => sum + v.value, 0);
}

/**
 * What the two simulators (same demo worlds, same frozen clock) say yesterday's row of
 * "Threads + Instagram daily numbers in one Google Sheet" must be, read straight from the
 * Graph answers: Threads user insights (the ranged metrics for yesterday, followers_count
 * unranged, as Meta requires) and Instagram account totals for yesterday.
 */
async function expectedDailyRow(now, since, until, threadsMetrics, instagramMetrics) {
	const { ThreadsSimulator } = require(path.join(SIM_BUILD, 'test', 'simulator', 'threadsSimulator.js'));
	const { createDemoWorld } = require(path.join(SIM_BUILD, 'test', 'simulator', 'demoWorld.js'));
	const { InstagramSimulator } = require(path.join(SIM_BUILD, 'test', 'simulator', 'instagram', 'instagramSimulator.js'));
	const { createInstagramDemoWorld } = require(path.join(SIM_BUILD, 'test', 'simulator', 'instagram', 'demoWorld.js'));
	const threads = new ThreadsSimulator({ now: () => now });
	const threadsToken = createDemoWorld(threads).token;
	const instagram = new InstagramSimulator({ now: () => now });
	const instagramToken = createInstagramDemoWorld(instagram).token;
	const get = async (sim, token, p) => {
		const res = await sim.handle({ method: 'GET', path: p, headers: { authorization: `Bearer ${token}` } });
		assert.equal(res.status, 200, `simulator ${p}: ${JSON.stringify(res.body)}`);
		return res.body.data;
	};
	const ranged = threadsMetrics.filter((m) => m !== 'followers_count');
	const t = [
		...(await get(threads, threadsToken, `/v1.0/me/threads_insights?metric=${ranged.join(',')}&since=${since}&until=${until}`)),
		...(await get(threads, threadsToken, '/v1.0/me/threads_insights?metric=followers_count')),
	];
	const ig = await get(instagram, instagramToken, `/v23.0/me/insights?metric=${instagramMetrics.join(',')}&period=day&metric_type=total_value&since=${since}&until=${until}`);
	const { DateTime } = require(path.join(ROOT, 'node_modules', 'luxon'));
	return {
		row: {
			date: DateTime.fromSeconds(since, { zone: 'UTC' }).toISODate(),
			threads_views: insightNumber(t, 'views'),
			threads_likes: insightNumber(t, 'likes'),
			threads_replies: insightNumber(t, 'replies'),
			threads_reposts: insightNumber(t, 'reposts'),
			threads_quotes: insightNumber(t, 'quotes'),
			threads_followers: insightNumber(t, 'followers_count'),
			instagram_views: insightNumber(ig, 'views'),
			instagram_reach: insightNumber(ig, 'reach'),
			instagram_likes: insightNumber(ig, 'likes'),
			instagram_comments: insightNumber(ig, 'comments'),
			instagram_shares: insightNumber(ig, 'shares'),
			instagram_saves: insightNumber(ig, 'saves'),
			instagram_interactions: insightNumber(ig, 'total_interactions'),
		},
		ranged,
		threadsToken,
		instagramToken,
	};
}

async function main() {
	const started = Date.now();
	console.log(color('1', `End-to-end: ${PACKAGE_NAME} in a real n8n`));
	await P.ensureRootDeps();
	await P.buildPackage();
	await P.buildSimulator();
	await ensureRuntime();
	step(`Fresh n8n user folder ${path.relative(ROOT, USER_FOLDER)}`);
	fs.rmSync(USER_FOLDER, { recursive: true, force: true });
	fs.mkdirSync(USER_FOLDER, { recursive: true });
	fs.mkdirSync(ARTIFACTS, { recursive: true });
	await P.installCommunityPackage(USER_FOLDER);
	const examples = P.readExamples();
	const flagship = examples.find((e) => e.file === P.FLAGSHIP_FILE).workflow;
	const copies = runCopies(flagship);
	const growth = P.manualRunCopy(examples.find((e) => e.file === 'account-growth-to-airtable.json').workflow, 'thrGrowthRun0001');
	const combinedExample = examples.find((e) => e.file === P.COMBINED_FILE).workflow;
	const combined = P.combinedRunCopy(combinedExample);
	const igAlert = activationCopy(examples.find((e) => e.file === 'alert-when-an-instagram-post-passes-1000-views.json').workflow);
	const { token } = P.demoToken();
	const setupSeconds = (Date.now() - started) / 1000;
	console.log('');

	await test('the simulator credentials import (n8n import:credentials)', async () => {
		const dir = path.join(USER_FOLDER, 'import');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(P.demoCredentials(), null, 2));
		const out = await n8n(['import:credentials', `--input=${file}`], { userFolder: USER_FOLDER, env: { N8N_LOG_LEVEL: 'info' } });
		assert.equal(out.code, 0, out.stdout + out.stderr);
		assert.match(out.stdout + out.stderr, /Successfully imported 3 credentials/);
	});

	for (const { file, workflow } of examples) {
		await test(`example "${workflow.name}" (examples/${file}) imports without error`, async () => {
			const out = await n8n(['import:workflow', `--input=${path.join(P.EXAMPLES, file)}`], { userFolder: USER_FOLDER, env: { N8N_LOG_LEVEL: 'info' } });
			assert.equal(out.code, 0, out.stdout + out.stderr);
			assert.match(out.stdout + out.stderr, /Successfully imported 1 workflow/);
			assert.doesNotMatch(out.stdout + out.stderr, /Unrecognized node type|not installed|error/i);
		});
	}

	await test('the run copies import (flagship ×2, growth, Threads + Instagram daily: Manual Trigger instead of Schedule, no destination; Instagram alert: Slack replaced by No Operation)', async () => {
		const dir = path.join(USER_FOLDER, 'import', 'runs');
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'self-renewing.json'), JSON.stringify(copies.selfRenewing));
		fs.writeFileSync(path.join(dir, 'oauth2.json'), JSON.stringify(copies.oauth2));
		fs.writeFileSync(path.join(dir, 'growth.json'), JSON.stringify(growth.workflow));
		fs.writeFileSync(path.join(dir, 'threads-instagram-daily.json'), JSON.stringify(combined.workflow));
		fs.writeFileSync(path.join(dir, 'instagram-alert.json'), JSON.stringify(igAlert.workflow));
		const out = await n8n(['import:workflow', '--separate', `--input=${dir}`], { userFolder: USER_FOLDER, env: { N8N_LOG_LEVEL: 'info' } });
		assert.equal(out.code, 0, out.stdout + out.stderr);
		assert.match(out.stdout + out.stderr, /Successfully imported 5 workflows/);
	});

	for (const [label, workflow] of [['self-renewing token credential', copies.selfRenewing], ['OAuth2 Connect credential', copies.oauth2]]) {
		await test(`flagship executes headless (${label}): the report rows and the requests the simulator expects`, async () => {
			const now = Date.now();
			const { DateTime } = require(path.join(ROOT, 'node_modules', 'luxon'));
			const today = DateTime.fromMillis(now, { zone: 'UTC' }).startOf('day');
			const since = Math.floor(today.minus({ days: 7 }).toSeconds());
			const until = Math.floor(today.toSeconds()) - 1; // presets end one second before midnight
			const r = await execute(workflow.id, { NOW: now });
			assert.equal(r.code, 0, `n8n execute exited ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr}`);
			assert.ok(r.run, 'no run JSON in the output');
			assert.equal(r.run.data.resultData.error, undefined);
			const rows = P.nodeItems(r.run, copies.lastNode);
			const expected = await expectedReport(now, since, until);
			assert.ok(expected.rows.length > 0, 'the demo world has posts in the last 7 days');
			assert.deepEqual(rows, expected.rows);
			// Requests: the list (last 7 whole days, 100 per page), then one insights request per post.
			const data = dataRequests(r.simLog);
			const lists = data.filter((q) => q.path === '/v1.0/me/threads');
			assert.equal(lists.length, Math.max(1, Math.ceil(expected.ids.length / 100)));
			assert.deepEqual({ since: lists[0].query.since, until: lists[0].query.until, limit: lists[0].query.limit }, { since: String(since), until: String(until), limit: '100' });
			const insights = data.filter((q) => /\/insights$/.test(q.path));
			assert.deepEqual(insights.map((q) => q.path).sort(), expected.ids.map((id) => `/v1.0/${id}/insights`).sort());
			for (const q of insights) assert.equal(q.query.metric, INSIGHT_METRICS.join(','));
			assert.equal(data.length, lists.length + insights.length, `unexpected requests: ${JSON.stringify(data.map((q) => q.path))}`);
			assert.ok(data.every((q) => q.status === 200 && q.authVia === 'header'), 'every data request answered 200, token in the Authorization header');
			assert.ok(!(r.stdout + r.stderr).includes(token), 'the token never appears in n8n output');
			fs.writeFileSync(path.join(ARTIFACTS, `flagship-rows-${workflow.id}.json`), JSON.stringify(rows, null, 2));
			fs.writeFileSync(path.join(ARTIFACTS, `flagship-requests-${workflow.id}.json`), JSON.stringify(r.simLog, null, 2));
			info(`${rows.length} rows; requests: ${r.simLog.requests.map((q) => `${q.method} ${q.path}`).filter((v, i, a) => a.indexOf(v) === i).length} distinct paths, ${r.simLog.requests.length} in all`);
		});
	}

	for (const [label, workflow] of [['OAuth2 Connect credential', copies.oauth2], ['self-renewing token credential', copies.selfRenewing]]) {
		await test(`an expired token (${label}) gives the node's clear error in n8n's execution result, not a crash`, async () => {
			const r = await execute(workflow.id, { FAULT: 'expiredToken' });
			const all = r.stdout + r.stderr;
			assert.equal(r.code, 1, `n8n execute should end with exit code 1 (failed execution), got ${r.code}`);
			assert.ok(r.run, `no execution result in the output:\n${all.slice(-3000)}`);
			const error = r.run.data.resultData.error;
			assert.ok(error, 'the execution result carries the error');
			assert.match(error.message, EXPIRED_MESSAGE);
			assert.equal(error.node?.name, copies.listNode);
			assert.equal(r.run.status ?? 'error', 'error');
			assert.doesNotMatch(all, CRASH);
			assert.ok(!all.includes(token), 'the token never appears in n8n output');
			assert.ok(r.simLog.requests.some((q) => q.errorCode === 190), 'the simulator answered code 190');
			info(`error: "${error.message}"${error.description ? ` — ${error.description}` : ''}`);
		});
	}

	await test('"Account growth to Airtable" executes headless: one row for yesterday, the row Airtable would get', async () => {
		const now = Date.now();
		const { DateTime } = require(path.join(ROOT, 'node_modules', 'luxon'));
		const today = DateTime.fromMillis(now, { zone: 'UTC' }).startOf('day');
		const r = await execute(growth.workflow.id, { NOW: now });
		assert.equal(r.code, 0, `n8n execute exited ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr}`);
		const rows = P.nodeItems(r.run, growth.lastNode);
		assert.equal(rows.length, 1, JSON.stringify(rows));
		assert.deepEqual(Object.keys(rows[0]).sort(), ['followers_count', 'likes', 'quotes', 'replies', 'reposts', 'since', 'until', 'views'].sort());
		assert.equal(rows[0].since, today.minus({ days: 1 }).toISODate());
		assert.equal(rows[0].until, today.minus({ days: 1 }).toISODate());
		assert.equal(rows[0].followers_count, 12345);
		const data = dataRequests(r.simLog);
		assert.ok(data.length >= 1 && data.length <= 3 && data.every((q) => q.path === '/v1.0/me/threads_insights' && q.status === 200), JSON.stringify(data));
		info(`row: ${JSON.stringify(rows[0])}`);
	});

	await test('"Threads + Instagram daily numbers in one Google Sheet" executes headless: the merged row for yesterday and the requests both simulators expect', async () => {
		const now = Date.now();
		const { DateTime } = require(path.join(ROOT, 'node_modules', 'luxon'));
		const today = DateTime.fromMillis(now, { zone: 'UTC' }).startOf('day');
		const since = Math.floor(today.minus({ days: 1 }).toSeconds());
		const until = Math.floor(today.toSeconds()) - 1; // presets end one second before midnight
		const threadsMetrics = combinedExample.nodes.find((n) => n.type === NODE_TYPE).parameters.metrics;
		const instagramMetrics = combinedExample.nodes.find((n) => n.type === INSTAGRAM_NODE_TYPE).parameters.metrics;
		const r = await execute(P.COMBINED_RUN_ID, { NOW: now });
		const all = r.stdout + r.stderr;
		assert.equal(r.code, 0, `n8n execute exited ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr}`);
		assert.ok(r.run, 'no run JSON in the output');
		assert.equal(r.run.data.resultData.error, undefined);
		const rows = P.nodeItems(r.run, combined.lastNode);
		const expected = await expectedDailyRow(now, since, until, threadsMetrics, instagramMetrics);
		assert.deepEqual(rows, [expected.row]);
		// Both simulators ran in the n8n process, on the same frozen clock; nothing else is intercepted.
		assert.ok(r.simLog && r.igLog, 'both simulator logs written');
		assert.equal(r.igLog.now, now);
		assert.deepEqual(r.igLog.interceptedHosts, ['graph.instagram.com', 'graph.threads.net']);
		// Threads: the ranged metrics for yesterday, then followers_count without a range (Meta refuses one on it).
		const threads = dataRequests(r.simLog);
		assert.deepEqual(
			threads.map((q) => ({ path: q.path, query: q.query })),
			[
				{ path: '/v1.0/me/threads_insights', query: { metric: expected.ranged.join(','), since: String(since), until: String(until) } },
				{ path: '/v1.0/me/threads_insights', query: { metric: 'followers_count' } },
			],
		);
		// Instagram: one account-insights request, yesterday as one window, totals.
		const instagram = instagramDataRequests(r.igLog);
		assert.deepEqual(
			instagram.map((q) => ({ path: q.path, query: q.query })),
			[{ path: '/v23.0/me/insights', query: { metric: instagramMetrics.join(','), period: 'day', metric_type: 'total_value', since: String(since), until: String(until) } }],
		);
		for (const q of [...threads, ...instagram]) assert.ok(q.status === 200 && q.authVia === 'header', `${q.path}: ${q.status}, token via ${q.authVia}`);
		// The self-renewing Instagram credential may try its token endpoints; nothing else.
		assert.ok(r.igLog.requests.length - instagram.length <= 2, `token requests: ${JSON.stringify(r.igLog.requests)}`);
		assert.ok(!all.includes(expected.threadsToken) && !all.includes(expected.instagramToken), 'no token appears in n8n output');
		assert.doesNotMatch(all, CRASH);
		fs.writeFileSync(path.join(ARTIFACTS, 'threads-instagram-daily-rows.json'), JSON.stringify(rows, null, 2));
		fs.writeFileSync(path.join(ARTIFACTS, 'threads-instagram-daily-requests.json'), JSON.stringify({ threads: r.simLog, instagram: r.igLog }, null, 2));
		info(`row: ${JSON.stringify(rows[0])}`);
		info(`requests: Threads ${r.simLog.requests.length}, Instagram ${r.igLog.requests.length} (${r.igLog.requests.map((q) => `${q.path} ${q.status}`).join(', ')})`);
	});

	let server;
	await test('n8n lists the package\'s node and credential types, Threads and Instagram (n8n start, /types/*.json)', async () => {
		server = startN8n(USER_FOLDER, { port: PORT });
		await server.waitReady(180_000);
		const { cookie } = await ensureOwner(server.url);
		server.cookie = cookie;
		const nodes = await (await fetch(`${server.url}/types/nodes.json`, { headers: { cookie } })).json();
		const credentials = await (await fetch(`${server.url}/types/credentials.json`, { headers: { cookie } })).json();
		const ours = nodes.filter((n) => n.name.startsWith(`${PACKAGE_NAME}.`)).map((n) => n.name);
		assert.ok(ours.includes(NODE_TYPE), `node types of the package: ${ours}`);
		const threads = nodes.find((n) => n.name === NODE_TYPE);
		assert.deepEqual(threads.credentials.map((c) => c.name).sort(), [...CREDENTIAL_TYPES].sort());
		for (const type of CREDENTIAL_TYPES) assert.ok(credentials.some((c) => c.name === type), `credential type ${type} listed`);
		assert.ok(ours.includes(INSTAGRAM_NODE_TYPE), `node types of the package: ${ours}`);
		const instagram = nodes.find((n) => n.name === INSTAGRAM_NODE_TYPE);
		assert.deepEqual(instagram.credentials.map((c) => c.name), [INSTAGRAM_CREDENTIAL_TYPE]);
		const instagramCredential = credentials.find((c) => c.name === INSTAGRAM_CREDENTIAL_TYPE);
		assert.ok(instagramCredential, `credential type ${INSTAGRAM_CREDENTIAL_TYPE} listed`);
		assert.equal(instagramCredential.displayName, 'Instagram Self-Renewing Token API');
		assert.doesNotMatch(server.output(), /Failed to load package|n8n-nodes-threads-insights.*(error|failed)/i);
		info(`nodes: ${ours.join(', ')}; credentials: ${[...CREDENTIAL_TYPES, INSTAGRAM_CREDENTIAL_TYPE].join(', ')}`);
	});

	await test('"Alert when an Instagram post passes 1,000 views" activates in a real n8n: its first poll stores the baseline and fires nothing (no flood)', async () => {
		assert.ok(server?.cookie, 'server not started');
		const rest = async (method, url, body) => {
			const res = await fetch(`${server.url}/rest${url}`, {
				method,
				headers: { cookie: server.cookie, 'content-type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await res.text();
			assert.equal(res.status, 200, `${method} ${url}: ${text.slice(0, 2000)}`);
			return JSON.parse(text).data;
		};
		const before = await rest('GET', `/workflows/${igAlert.workflow.id}`);
		await rest('POST', `/workflows/${igAlert.workflow.id}/activate`, { versionId: before.versionId });
		// n8n 2.41 applies an activation asynchronously (its publication outbox): it polls once,
		// then saves the node's static data. Wait for that, then deactivate.
		let state;
		for (const deadline = Date.now() + 60_000; !state && Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
			state = (await rest('GET', `/workflows/${igAlert.workflow.id}`)).staticData?.[`node:${igAlert.triggerName}`]?.crossings;
		}
		await rest('POST', `/workflows/${igAlert.workflow.id}/deactivate`, {});
		assert.ok(state, 'no crossing state saved within 60 s of activation');
		assert.deepEqual(state.m, ['views']);
		const watched = Object.keys(state.o);
		assert.ok(watched.length > 0, 'the demo account has media in the last 7 days');
		const { createInstagramDemoWorld } = require(path.join(SIM_BUILD, 'test', 'simulator', 'instagram', 'demoWorld.js'));
		const { InstagramSimulator } = require(path.join(SIM_BUILD, 'test', 'simulator', 'instagram', 'instagramSimulator.js'));
		const { account } = createInstagramDemoWorld(new InstagramSimulator());
		const ids = new Set(account.media.map((m) => m.id));
		assert.ok(watched.every((id) => ids.has(id)), `watched ${watched} are the demo account's media`);
		const above = watched.filter((id) => state.o[id][0][0] > 1000);
		assert.ok(above.length > 0, 'some media are already above 1,000 views, and activation must not fire for them');
		const executions = await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: igAlert.workflow.id }))}`);
		assert.equal((executions.results ?? executions).length, 0, 'activation fired nothing');
		info(`baseline for ${watched.length} media of the last 7 days (${above.length} already above 1,000 views); 0 executions`);
	});

	await test('n8n keeps the executions: the failed ones carry the node\'s message (REST /rest/executions)', async () => {
		assert.ok(server?.cookie, 'server not started');
		const res = await fetch(`${server.url}/rest/executions?filter=${encodeURIComponent(JSON.stringify({ status: ['error'] }))}`, { headers: { cookie: server.cookie } });
		assert.equal(res.status, 200, await res.clone().text());
		const body = await res.json();
		const list = body.data?.results ?? body.data ?? [];
		assert.ok(list.length >= 2, `failed executions listed: ${list.length}`);
		const one = await (await fetch(`${server.url}/rest/executions/${list[0].id}`, { headers: { cookie: server.cookie } })).json();
		assert.match(JSON.stringify(one), EXPIRED_MESSAGE);
	});

	if (withBrowser) {
		await test('browser: the editor adds the Threads node, its parameters panel lists the operations (screenshot)', async () => {
			assert.ok(server?.cookie, 'server not started');
			const shot = await browserCheck({ url: server.url, artifacts: ARTIFACTS, cookie: server.cookie });
			info(`screenshot: ${path.relative(ROOT, shot.screenshot)}; operations seen: ${shot.operations.join(', ')}`);
		});
	}
	if (server) await server.stop();

	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log('');
	console.log(color(failed ? '1;31' : '1;32', `e2e: ${passed} passed, ${failed} failed (${seconds} s, of which setup ${setupSeconds.toFixed(1)} s)`));
	process.exit(failed ? 1 : 0);
}

if (require.main === module) {
	main().catch((e) => {
		console.error(color('31', e.stack || e.message));
		console.log(color('1;31', `e2e: 0 passed, 1 failed (setup failed)`));
		process.exit(1);
	});
}

module.exports = { expectedReport, expectedDailyRow };
