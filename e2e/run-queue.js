#!/usr/bin/env node
'use strict';
/**
 * npm run test:queue — the package in n8n's queue mode (2.41.1 on Node 24): Redis and
 * PostgreSQL from Debian on loopback ports, one main (editor, webhooks, polls) and two
 * workers (`n8n worker --concurrency=3`), each with the package installed into its own user
 * folder the way n8n's installer does, one encryption key, and ONE simulator server that all
 * three processes reach (e2e/lib/simulatorServer.js through e2e/preload/simulator-proxy.js).
 *
 * It shows:
 *  1. the daily report, started 12 times at once through a production webhook, runs on both
 *     workers and every execution succeeds with the rows the simulator says;
 *  2. with a token past its renewal age (8 days) and the worst reading of Meta's pages (a
 *     refreshed token is revoked, so a second process's refresh is refused with code 190): at
 *     most one refresh and one adoption per process, and the next run works with no renewal;
 *  3. the "post passes 1,000 views" trigger polls on the main only, fires once per crossing
 *     (its executions run on workers), and keeps its state across a restart of the main: a
 *     post that crosses while the main is down fires exactly once after it is back.
 * Prints "N passed, N failed"; exits non-zero on any failure.
 */
const assert = require('assert/strict');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { E2E, ROOT, NODE_TYPE, PACKAGE_NAME, n8n, freePort, step, info } = require('../scripts/lib/runtime');
const { ensureRuntime } = require('../scripts/install-n8n');
const P = require('../scripts/lib/project');
const { startN8n, ensureOwner } = require('../scripts/lib/server');
const { startQueueServices } = require('./lib/queueServices');
const { startSimulatorServer } = require('./lib/simulatorServer');
const { testRunner, until, sleep } = require('./lib/testRunner');
const { expectedReport, assertReportRows } = require('./run-e2e');

const PROXY = path.join(E2E, 'preload', 'simulator-proxy.js');
const DAY = 86_400_000;
const RUNS = 12;
const WORKER_CONCURRENCY = 3;
const ALERT_FILE = 'alert-when-a-post-passes-1000-views.json';
const REPORT_ID = 'queueDailyReport';
const ALERT_ID = 'queueViewsAlert';
const WEBHOOK_PATH = 'queue-daily-report';

const { test, finish, setupFailed } = testRunner('queue mode');

/** The flagship with a production Webhook instead of its Schedule Trigger, so a test can start many executions at once. */
function reportCopy(flagship) {
	const { workflow, lastNode } = P.flagshipRunCopy(flagship);
	const trigger = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.manualTrigger');
	Object.assign(trigger, {
		name: 'Start the report',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: crypto.randomUUID(),
		parameters: { httpMethod: 'GET', path: WEBHOOK_PATH, responseMode: 'onReceived', options: {} },
	});
	workflow.connections = Object.fromEntries(Object.entries(workflow.connections).map(([from, c]) => [from === 'Run the demo' ? trigger.name : from, c]));
	const list = workflow.nodes.find((n) => n.type === NODE_TYPE && n.parameters?.operation === 'list');
	return { workflow: { ...workflow, id: REPORT_ID, name: `${flagship.name} (queue mode: Webhook instead of Schedule, no Google Sheets)` }, lastNode, listParameters: list.parameters };
}

/** The Threads alert as shipped, polled every minute, with Slack replaced by No Operation (no Slack account here). */
function alertCopy(example) {
	const workflow = JSON.parse(JSON.stringify(example));
	workflow.id = ALERT_ID;
	workflow.name = `${example.name} (queue mode: every minute, Slack replaced by No Operation)`;
	const slack = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.slack');
	Object.assign(slack, { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} });
	const trigger = workflow.nodes.find((n) => n.type === `${PACKAGE_NAME}.threadsTrigger`);
	trigger.parameters.pollTimes = { item: [{ mode: 'everyMinute' }] };
	return { workflow, triggerName: trigger.name, threshold: trigger.parameters.threshold };
}

async function main() {
	const started = Date.now();
	step('Preparing: dependencies, the package, the simulator, the n8n runtime');
	await P.ensureRootDeps();
	await P.buildPackage();
	await P.buildSimulator();
	await ensureRuntime();

	const services = await startQueueServices();
	const processes = [];
	let sim;
	const cleanUp = async () => {
		await Promise.all(processes.map((p) => p.stop()));
		await sim?.stop();
		await services.stop();
	};
	// Interrupted (Ctrl-C, a CI timeout): leave no n8n, Redis or PostgreSQL running.
	for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
	try {
		// The simulators' clock stands still for the whole test, so the rows can be recomputed exactly.
		const frozenNow = Date.now();
		// The worst reading of Meta's pages: a refreshed token is revoked, so a second process
		// that refreshes it too is refused, and its in-flight requests signed with it fail. Token
		// answers take 400 ms, so both workers' renewals (and their saves) overlap.
		sim = await startSimulatorServer({ now: () => frozenNow, revokeRefreshedTokens: true, holdTokenAnswersMs: 400 });
		info(`simulator server ${sim.url} (Threads + Instagram demo worlds; a refreshed token is revoked)`);
		// A self-renewing credential whose token is 8 days old: past the 7-day renewal age.
		const oldToken = sim.threads.issueToken(sim.threadsUser.id, { kind: 'long', clientId: sim.demoApp.clientId, issuedAt: frozenNow - 8 * DAY });
		const secrets = () => [oldToken, sim.demoApp.clientSecret, ...sim.mintedTokens];

		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
		const folders = { main: path.join(root, 'main'), 'worker-1': path.join(root, 'worker-1'), 'worker-2': path.join(root, 'worker-2') };
		const encryptionKey = crypto.randomBytes(24).toString('hex');
		const envOf = (name) => ({ ...services.env, EXECUTIONS_MODE: 'queue', N8N_ENCRYPTION_KEY: encryptionKey, NODE_OPTIONS: `--require ${PROXY}`, SIM_SERVER_URL: sim.url, SIM_PROCESS_NAME: name, N8N_LOG_LEVEL: 'info', OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' });
		// One tarball for all three processes: the same version everywhere, as the README asks.
		const tarball = await P.packPackage(root);
		for (const [name, folder] of Object.entries(folders)) {
			fs.mkdirSync(folder, { recursive: true });
			info(`${name}:`);
			await P.installCommunityPackage(folder, { tarball });
		}

		const examples = P.readExamples();
		const report = reportCopy(examples.find((e) => e.file === P.FLAGSHIP_FILE).workflow);
		const alert = alertCopy(examples.find((e) => e.file === ALERT_FILE).workflow);
		step('Importing the credential (token 8 days old) and the two workflows into the shared database');
		const importDir = path.join(root, 'import');
		fs.mkdirSync(importDir, { recursive: true });
		fs.writeFileSync(path.join(importDir, 'credentials.json'), JSON.stringify([{ ...P.DEMO_CREDENTIAL, type: 'threadsApi', data: { accessToken: oldToken, appSecret: sim.demoApp.clientSecret } }]));
		fs.writeFileSync(path.join(importDir, 'report.json'), JSON.stringify(report.workflow));
		fs.writeFileSync(path.join(importDir, 'alert.json'), JSON.stringify(alert.workflow));
		for (const args of [['import:credentials', `--input=${path.join(importDir, 'credentials.json')}`], ['import:workflow', `--input=${path.join(importDir, 'report.json')}`], ['import:workflow', `--input=${path.join(importDir, 'alert.json')}`]]) {
			const out = await n8n(args, { userFolder: folders.main, env: envOf('import') });
			if (out.code !== 0) throw new Error(`n8n ${args[0]} failed:\n${out.stdout}\n${out.stderr}`);
		}

		step('Starting one main and two workers');
		const mainPort = await freePort();
		const startMain = () => startN8n(folders.main, { port: mainPort, env: envOf('main') });
		let mainProcess = startMain();
		processes.push(mainProcess);
		const workers = [];
		for (const name of ['worker-1', 'worker-2']) {
			const worker = startN8n(folders[name], { port: await freePort(), env: { ...envOf(name), QUEUE_HEALTH_CHECK_ACTIVE: 'true' }, args: ['worker', `--concurrency=${WORKER_CONCURRENCY}`] });
			worker.name = name;
			workers.push(worker);
			processes.push(worker);
		}
		await Promise.all([mainProcess, ...workers].map((p) => p.waitReady(180_000)));
		let cookie = (await ensureOwner(mainProcess.url)).cookie;
		const rest = async (method, url, body) => {
			const res = await fetch(`${mainProcess.url}/rest${url}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
			const text = await res.text();
			assert.equal(res.status, 200, `${method} ${url}: ${text.slice(0, 2000)}`);
			return JSON.parse(text).data;
		};
		const activate = async (id) => rest('POST', `/workflows/${id}/activate`, { versionId: (await rest('GET', `/workflows/${id}`)).versionId });
		const executionsOf = async (workflowId) => {
			const list = await rest('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`);
			return list.results ?? list;
		};
		const { parse } = require(path.join(E2E, 'n8n', 'node_modules', 'flatted'));
		const runDataOf = async (id) => {
			const execution = await rest('GET', `/executions/${id}`);
			// The execution's data as n8n's CLI prints it ({ data: { resultData } }), for P.nodeItems.
			return { data: typeof execution.data === 'string' ? parse(execution.data) : execution.data };
		};
		const startedOn = (worker) => [...worker.output().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
		const requestsBy = (name, predicate = () => true) => sim.log.filter((r) => r.process === name && predicate(r));
		const figures = {};

		await test(`the daily report, started ${RUNS} times at once (production webhook): executions spread over both workers, every one succeeds with the simulator's rows`, async () => {
			await activate(REPORT_ID);
			const webhook = `${mainProcess.url}/webhook/${WEBHOOK_PATH}`;
			// A CORS preflight finds the webhook without running it (n8n answers 404 until activation is applied).
			const preflight = () => fetch(webhook, { method: 'OPTIONS', headers: { origin: mainProcess.url, 'access-control-request-method': 'GET' } }).catch(() => undefined);
			await until('the production webhook', async () => (await preflight())?.status === 204, 60_000);
			const before = (await executionsOf(REPORT_ID)).length;
			const answers = await Promise.all(Array.from({ length: RUNS }, () => fetch(webhook)));
			assert.ok(answers.every((a) => a.status === 200), `webhook answers: ${answers.map((a) => a.status)}`);
			const done = await until(
				`${RUNS} finished executions`,
				async () => {
					const list = await executionsOf(REPORT_ID);
					return list.length - before >= RUNS && list.every((e) => e.finished || ['success', 'error', 'crashed'].includes(e.status)) ? list : undefined;
				},
				300_000,
			);
			assert.deepEqual([...new Set(done.map((e) => e.status))], ['success'], `statuses: ${done.map((e) => e.status)}`);
			const perWorker = Object.fromEntries(workers.map((w) => [w.name, startedOn(w).length]));
			figures.executionsPerWorker = perWorker;
			assert.equal(Object.values(perWorker).reduce((a, b) => a + b, 0), RUNS, `executions per worker ${JSON.stringify(perWorker)}`);
			assert.ok(Object.values(perWorker).every((n) => n > 0), `both workers ran executions: ${JSON.stringify(perWorker)}`);

			const { DateTime } = require(path.join(ROOT, 'node_modules', 'luxon'));
			const today = DateTime.fromMillis(frozenNow, { zone: 'UTC' }).startOf('day');
			const since = Math.floor(today.minus({ days: 7 }).toSeconds());
			// The test reads the same world with a token of its own (the credential's old one is revoked once renewed).
			const readToken = sim.threads.issueToken(sim.threadsUser.id, { kind: 'long', clientId: sim.demoApp.clientId });
			const get = async (p) => {
				const res = await sim.threads.handle({ method: 'GET', path: p, headers: { authorization: `Bearer ${readToken}` } });
				assert.equal(res.status, 200, `simulator ${p}: ${JSON.stringify(res.body)}`);
				return res.body;
			};
			const expected = await expectedReport(frozenNow, since, Math.floor(today.toSeconds()) - 1, { get, token: readToken });
			assert.ok(expected.rows.length > 0, 'the demo world has posts in the last 7 days');
			const reportDates = [...new Set([today.toISODate(), DateTime.now().setZone('UTC').toISODate()])];
			for (const execution of done) {
				const data = await runDataOf(execution.id);
				const rows = P.nodeItems(data, report.lastNode);
				assertReportRows(rows, expected.rows, { textLength: report.listParameters.rowOptions.textLength, reportDates });
				const saved = JSON.stringify(data);
				for (const secret of secrets()) assert.ok(!saved.includes(secret), `execution ${execution.id} keeps no token or app secret`);
			}
			figures.rows = expected.rows.length;
			info(`executions per worker: ${JSON.stringify(perWorker)}; ${expected.rows.length} rows each, all equal to the simulator's`);
		});

		await test('a token past its renewal age, used by simultaneous runs on both workers: at most one refresh and one adoption per process; the next run works with the renewed token', async () => {
			const perProcess = (path) => Object.fromEntries(['main', 'worker-1', 'worker-2'].map((name) => [name, requestsBy(name, (r) => r.path === path).length]));
			const refreshes = perProcess('/refresh_access_token');
			const adoptions = perProcess('/debug_token');
			const refused = sim.log.filter((r) => r.status !== 200);
			figures.refreshes = refreshes;
			figures.debugTokens = adoptions;
			figures.refusedRequests = refused.length;
			info(`refresh_access_token per process: ${JSON.stringify(refreshes)}; debug_token per process: ${JSON.stringify(adoptions)}; ${refused.length} requests refused (${[...new Set(refused.map((r) => `${r.path} ${r.status}`))].join(', ') || 'none'})`);
			assert.ok(Object.values(refreshes).every((n) => n <= 1), `at most one refresh per process: ${JSON.stringify(refreshes)}`);
			assert.ok(Object.values(adoptions).every((n) => n <= 1), `at most one adoption per process: ${JSON.stringify(adoptions)}`);
			assert.ok(refreshes['worker-1'] + refreshes['worker-2'] >= 1, 'the 8-day-old token was renewed');
			// The credential now holds a renewed token that works: one more run, no renewal, no refusal.
			const before = sim.log.length;
			const executions = (await executionsOf(REPORT_ID)).length;
			assert.equal((await fetch(`${mainProcess.url}/webhook/${WEBHOOK_PATH}`)).status, 200);
			const next = await until('the next run', async () => {
				const list = await executionsOf(REPORT_ID);
				return list.length > executions && list.every((e) => e.finished || ['success', 'error', 'crashed'].includes(e.status)) ? list : undefined;
			}, 120_000);
			assert.deepEqual([...new Set(next.map((e) => e.status))], ['success']);
			const after = sim.log.slice(before);
			assert.ok(after.length > 0 && after.every((r) => r.status === 200 && !['/refresh_access_token', '/debug_token'].includes(r.path)), `the next run: ${JSON.stringify(after.filter((r) => r.status !== 200 || r.path.includes('token')))}`);
		});

		// The alert: a recent post sits just below the threshold, then crosses it.
		// The alert: two recent posts sit below the threshold; one crosses while the main runs, the
		// other while it is down.
		const [watched, other] = sim.threadsUser.posts
			.filter((p) => p.mediaType !== 'REPOST_FACADE' && p.timestamp > frozenNow - 6 * DAY && p.timestamp < frozenNow - DAY)
			.sort((a, b) => b.timestamp - a.timestamp);
		const setViews = (views, post = watched) => (post.metrics = { ...(post.metrics ?? {}), views });
		// A poll has read the post once its insights request has been answered (the value is read there).
		const polls = () => requestsBy('main', (r) => r.path === `/v1.0/${watched.id}/insights` && r.status !== undefined).length;
		const waitForPoll = async (after, what) => until(`a poll ${what}`, () => polls() > after, 150_000);
		// Every execution, queued or running ones included: a duplicate must not hide behind its status.
		const alertExecutions = async () => await executionsOf(ALERT_ID);
		const finishedAlerts = async (count) =>
			await until(`${count} finished alert execution(s)`, async () => {
				const list = await alertExecutions();
				return list.length >= count && list.every((e) => e.finished || ['success', 'error', 'crashed'].includes(e.status)) ? list : undefined;
			}, 90_000);
		const triggerState = async () => (await rest('GET', `/workflows/${ALERT_ID}`)).staticData?.[`node:${alert.triggerName}`]?.crossings;

		await test('the alert polls on the main only: the activation poll stores the baseline and fires nothing', async () => {
			assert.ok(watched && other, 'the demo world has two posts from the last days');
			setViews(alert.threshold - 100);
			setViews(alert.threshold - 300, other);
			await activate(ALERT_ID);
			const state = await until('the trigger state after activation', triggerState, 90_000);
			assert.ok(state.o[watched.id], `the post ${watched.id} is watched`);
			assert.equal((await executionsOf(ALERT_ID)).length, 0, 'activation fired nothing');
		});

		await test(`the post crosses ${alert.threshold} views: exactly one execution, on a worker, carrying that post; a further poll fires nothing`, async () => {
			setViews(alert.threshold + 500);
			await waitForPoll(polls(), 'after the crossing');
			const fired = await finishedAlerts(1);
			assert.equal(fired.length, 1);
			assert.equal(fired[0].status, 'success');
			assert.ok(workers.some((w) => startedOn(w).includes(String(fired[0].id))), `execution ${fired[0].id} ran on a worker`);
			const events = P.nodeItems(await runDataOf(fired[0].id), alert.triggerName);
			assert.equal(events.length, 1);
			assert.equal(events[0].mediaId, watched.id);
			assert.equal(events[0].value, alert.threshold + 500);
			await waitForPoll(polls(), 'after the event');
			await sleep(3000);
			assert.equal((await alertExecutions()).length, 1, 'no second event while the post stays above');
		});

		// n8n 2.41 (default scheduler) saves a poll trigger's state with a poll that fires; a quiet
		// poll's changes live in the main's memory only. The state saved with the first event says the
		// other post was below: it crosses while the main is down, and only a kept state can tell.
		await test('another post crosses while the main is down: the restarted main fires exactly once, for it (the state survived the restart), and not again', async () => {
			await mainProcess.stop();
			setViews(alert.threshold + 700, other);
			mainProcess = startMain();
			processes.push(mainProcess);
			await mainProcess.waitReady(180_000);
			cookie = (await ensureOwner(mainProcess.url)).cookie;
			const fired = await finishedAlerts(2);
			assert.equal(fired.length, 2);
			assert.ok(fired.every((e) => e.status === 'success'));
			const newest = Math.max(...fired.map((e) => Number(e.id)));
			const events = P.nodeItems(await runDataOf(newest), alert.triggerName);
			assert.deepEqual(events.map((e) => [e.mediaId, e.value]), [[other.id, alert.threshold + 700]]);
			await waitForPoll(polls(), 'after the second event');
			await sleep(5000);
			assert.equal((await alertExecutions()).length, 2, 'no further event while both posts stay above');
			const trigger = (r) => /\/insights$/.test(r.path) && r.query === 'metric=views';
			const pollers = [...new Set(sim.log.filter(trigger).map((r) => r.process))];
			assert.deepEqual(pollers, ['main'], 'only the main polls');
			figures.polls = polls();
			figures.alertExecutions = fired.length;
			info(`${figures.polls} polls, all on the main; ${fired.length} events (one per crossing)`);
		});

		fs.writeFileSync(path.join(E2E, 'artifacts', 'queue-mode-figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
		fs.rmSync(root, { recursive: true, force: true });
	} finally {
		await cleanUp();
	}

	finish(`${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch(setupFailed);
