#!/usr/bin/env node
'use strict';
/**
 * npm run test:e2e — the package inside a real n8n (2.41.1 on Node 24, embedded SQLite,
 * fresh user folder e2e/n8n/n8n-e2e), Threads and Instagram answered by the simulators
 * preloaded into the n8n process (e2e/preload/). Plain node script; prints "N passed, N failed" and exits non-zero
 * on any failure. Options: --no-browser (skip the Chromium check); --n8n=1x (or
 * E2E_N8N_RUNTIME=1x): the same test against the last n8n 1.x instead (e2e/n8n-1x, the
 * compatibility run `npm run test:e2e:1x`; no browser check, artifacts in e2e/artifacts/n8n-1x).
 */
// Runtime selection, before scripts/lib/runtime.js reads it.
const runtimeArg = require.main === module && process.argv.find((a) => a.startsWith('--n8n='));
if (runtimeArg) process.env.E2E_N8N_RUNTIME = runtimeArg.slice('--n8n='.length);
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const { ROOT, RUNTIME, RUNTIME_NAME, SIM_BUILD, PRELOAD, INSTAGRAM_PRELOAD, NODE_TYPE, CREDENTIAL_TYPES, INSTAGRAM_NODE_TYPE, INSTAGRAM_CREDENTIAL_TYPE, PACKAGE_NAME, n8n, parseRawOutput, step, info, color } = require('../scripts/lib/runtime');
const { ensureRuntime } = require('../scripts/install-n8n');
const P = require('../scripts/lib/project');
const { startN8n, ensureOwner } = require('../scripts/lib/server');
const { browserCheck, editorScreenshots } = require('./browser-check');
const { testRunner, sleep } = require('./lib/testRunner');

const USER_FOLDER = path.join(RUNTIME, 'n8n-e2e');
/** The n8n 1.x compatibility run (--n8n=1x). */
const ON_N8N_1X = RUNTIME_NAME === '1x';
const ARTIFACTS = ON_N8N_1X ? path.join(__dirname, 'artifacts', 'n8n-1x') : path.join(__dirname, 'artifacts');
const PORT = Number(process.env.E2E_N8N_PORT || (ON_N8N_1X ? 5694 : 5690));
// The browser check drives n8n 2.x's editor; the 1.x run checks the package, not the editor.
const withBrowser = !process.argv.includes('--no-browser') && !ON_N8N_1X;
const INSIGHT_METRICS = ['views', 'likes', 'replies', 'reposts', 'quotes', 'shares'];
/** The counts in the flagship's engagement_rate: (likes + replies + reposts + quotes + shares) / views. */
const ENGAGEMENT = ['likes', 'replies', 'reposts', 'quotes', 'shares'];
/** The post fields the flagship asks for, in its columns' order. */
const REPORT_FIELDS = ['id', 'timestamp', 'media_type', 'permalink', 'text'];
const QUICKCHART_STUB = path.join(__dirname, 'preload', 'quickchart-stub.js');
const STORIES_FILE = 'instagram-stories-report-before-they-expire.json';
/** Instagram accounts linked to a Facebook Page (graph.facebook.com). */
const INSTAGRAM_FACEBOOK_CREDENTIAL_TYPE = 'instagramFacebookApi';
const TOKEN_PATHS = ['/debug_token', '/refresh_access_token', '/access_token', '/oauth/access_token'];
const INSTAGRAM_TOKEN_PATHS = ['/access_token', '/refresh_access_token'];
const EXPIRED_MESSAGE = /access token has expired or was revoked/i;
const CRASH = /TypeError|ReferenceError|Unhandled|uncaught|Segmentation|SIGABRT|Cannot read properties/i;

const { test, finish, setupFailed } = testRunner(`e2e${ON_N8N_1X ? ' (n8n 1.x)' : ''}`);
/** Runs after which n8n 1.x's CLI crashed at exit (see execute()). */
const crashesAtExit = [];

/**
 * Run copies of the flagship: Manual Trigger instead of Schedule, no Google Sheets; one per
 * credential type. The demo texts are at most 81 characters, so the OAuth2 copy also shortens
 * text to 40 characters (Row Options), to see the shortening at work in a real n8n.
 */
const OAUTH2_TEXT_LENGTH = 40;
function runCopies(flagship) {
	const { workflow, lastNode } = P.flagshipRunCopy(flagship);
	const oauth2 = JSON.parse(JSON.stringify(workflow));
	oauth2.id = 'thrDailyRptOAuth';
	oauth2.name = `${flagship.name} (e2e: OAuth2 Connect credential, text shortened to ${OAUTH2_TEXT_LENGTH})`;
	for (const node of oauth2.nodes) {
		if (node.type !== NODE_TYPE) continue;
		node.parameters.authentication = 'oAuth2';
		node.parameters.rowOptions = { ...node.parameters.rowOptions, textLength: OAUTH2_TEXT_LENGTH };
		node.credentials = { threadsOAuth2Api: P.DEMO_OAUTH2_CREDENTIAL };
	}
	const listNode = workflow.nodes.find((n) => n.parameters?.operation === 'list');
	return { selfRenewing: workflow, oauth2, lastNode, listNode: listNode.name, listParameters: listNode.parameters };
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
async function execute(id, sim = {}, { quickChartStub = false } = {}) {
	const stamp = `${id}-${Date.now()}`;
	const logFile = path.join(USER_FOLDER, `sim-log-${stamp}.json`);
	const igLogFile = path.join(USER_FOLDER, `ig-sim-log-${stamp}.json`);
	const chartLogFile = path.join(USER_FOLDER, `quickchart-log-${stamp}.json`);
	const env = {
		N8N_LOG_LEVEL: 'info',
		THREADS_SIM_LOG: logFile,
		INSTAGRAM_SIM_LOG: igLogFile,
		...Object.fromEntries(Object.entries(sim).map(([k, v]) => [`THREADS_SIM_${k}`, String(v)])),
		// quickchart.io is not reachable from here: a stub answers it in this one process (e2e/preload/quickchart-stub.js).
		...(quickChartStub ? { NODE_OPTIONS: `--require ${PRELOAD} --require ${INSTAGRAM_PRELOAD} --require ${QUICKCHART_STUB}`, QUICKCHART_STUB_LOG: chartLogFile } : {}),
	};
	const out = await n8n(['execute', `--id=${id}`, '--rawOutput'], { userFolder: USER_FOLDER, env });
	let run;
	try {
		run = parseRawOutput(out.stdout);
	} catch {
		run = undefined;
	}
	if (ON_N8N_1X && out.signal === 'SIGSEGV' && typeof run?.status === 'string' && run.data?.resultData) {
		// n8n 1.123.81's CLI (Node 22 and 24 alike) sometimes crashes at exit, after it has
		// printed and saved the finished run. The run is what is tested: take its exit code
		// from its status, as n8n would have, and say so.
		out.code = run.data?.resultData?.error ? 1 : 0;
		crashesAtExit.push(id);
		info(`n8n 1.x's CLI crashed at exit (SIGSEGV) after finishing the run of ${id}; exit code taken from the run's status (${out.code})`);
	}
	const readLog = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);
	return { ...out, run, simLog: readLog(logFile), igLog: readLog(igLogFile), chartLog: readLog(chartLogFile) };
}

const luxon = () => require(path.join(ROOT, 'node_modules', 'luxon'));

/** A simulator with the demo world on a frozen clock, and a GET that must answer 200. */
function threadsWorld(now) {
	const { ThreadsSimulator } = require(path.join(SIM_BUILD, 'test', 'simulator', 'threadsSimulator.js'));
	const { createDemoWorld } = require(path.join(SIM_BUILD, 'test', 'simulator', 'demoWorld.js'));
	const sim = new ThreadsSimulator({ now: () => now });
	const { token } = createDemoWorld(sim);
	const get = async (p) => {
		const res = await sim.handle({ method: 'GET', path: p, headers: { authorization: `Bearer ${token}` } });
		assert.equal(res.status, 200, `simulator ${p}: ${JSON.stringify(res.body)}`);
		return res.body;
	};
	return { get, token };
}

/**
 * Whole days first..last (ISO dates) as Meta counts them for Threads account insights: its
 * day starts at 08:00 UTC (a fixed UTC−8, as its pages stamp daily values), so the range is
 * first T08:00Z … the day after last T08:00Z, capped at now; complete once that end has passed.
 */
function threadsMetaDays(first, last, now) {
	const { DateTime } = luxon();
	const since = Date.parse(`${first}T08:00:00Z`) / 1000;
	const end = Date.parse(`${DateTime.fromISO(last, { zone: 'UTC' }).plus({ days: 1 }).toISODate()}T08:00:00Z`) / 1000;
	const nowSeconds = Math.floor(now / 1000);
	return { since, until: Math.min(end, nowSeconds), complete: end <= nowSeconds };
}

/** The same for Instagram: Meta's day there is the Pacific day (midnight America/Los_Angeles, summer time included). */
function instagramMetaDays(first, last, now) {
	const { DateTime } = luxon();
	const since = DateTime.fromISO(first, { zone: 'America/Los_Angeles' }).startOf('day').toSeconds();
	const end = DateTime.fromISO(last, { zone: 'America/Los_Angeles' }).plus({ days: 1 }).startOf('day').toSeconds();
	const nowSeconds = Math.floor(now / 1000);
	return { since, until: Math.min(end, nowSeconds), complete: end <= nowSeconds };
}

/**
 * A range the node sent against the one expected: `since` exactly; `until` exactly when the
 * last day has ended, otherwise "now" on the n8n process's clock, which runs a little after
 * the test's (the simulator, frozen at the test's now, caps it there anyway).
 */
function assertRange(query, expected, label) {
	assert.equal(query.since, String(expected.since), `${label}: since`);
	if (expected.complete) assert.equal(query.until, String(expected.until), `${label}: until`);
	else assert.ok(Number(query.until) >= expected.until && Number(query.until) <= expected.until + 300, `${label}: until ${query.until} is now (${expected.until})`);
}

/** The day a Threads daily value counts: Meta stamps it with its bucket's end (08:00 UTC of the next day). */
function threadsBucketDay(endTime) {
	const { DateTime } = luxon();
	return DateTime.fromISO(endTime.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).minus({ seconds: 1 }).setZone('UTC-8').toISODate();
}

/** A Threads account insight's number over days first..last: total_value, or the sum of the daily values of those days. */
function threadsInsightNumber(data, name, first, last) {
	const insight = data.find((i) => i.name === name);
	if (!insight) return null;
	if (typeof insight.total_value?.value === 'number') return insight.total_value.value;
	return (insight.values ?? []).filter((v) => !v.end_time || (threadsBucketDay(v.end_time) >= first && threadsBucketDay(v.end_time) <= last)).reduce((sum, v) => sum + v.value, 0);
}

/** "Compare With Previous Period": the change in percent, one decimal (as a sheet shows it), empty when there was nothing before. */
function changePercent(now, before) {
	return typeof before === 'number' && before !== 0 && typeof now === 'number' ? ((now - before) / before) * 100 : null;
}

/**
 * What the simulator (same demo world, same frozen clock) says the report rows must be: the
 * posts of the list (fields as the flagship asks them), reposts of other people's posts left
 * out, each post's lifetime insights, report_date first and engagement_rate last. `world`:
 * another simulator to read ({ get, token }), e.g. the queue-mode test's shared one.
 */
async function expectedReport(now, since, until, world = threadsWorld(now)) {
	const { DateTime } = luxon();
	const { get, token } = world;
	const posts = [];
	let after;
	do {
		const page = await get(`/v1.0/me/threads?fields=${REPORT_FIELDS.join(',')}&limit=100&since=${since}&until=${until}${after ? `&after=${encodeURIComponent(after)}` : ''}`);
		posts.push(...page.data);
		after = page.data.length ? page.paging?.cursors?.after : undefined;
	} while (after);
	const kept = posts.filter((p) => p.media_type !== 'REPOST_FACADE');
	const reportDate = DateTime.fromMillis(now, { zone: 'UTC' }).toISODate(); // the workflow's timezone is the instance's: UTC here
	const rows = [];
	for (const post of kept) {
		const insights = await get(`/v1.0/${post.id}/insights?metric=${INSIGHT_METRICS.join(',')}`);
		const row = { report_date: reportDate, ...post };
		for (const metric of INSIGHT_METRICS) {
			const found = insights.data.find((i) => i.name === metric);
			row[metric] = found ? found.values[0].value : null;
		}
		row.engagement_rate = row.views > 0 ? ENGAGEMENT.reduce((sum, m) => sum + row[m], 0) / row.views : null;
		rows.push(row);
	}
	return { posts, ids: kept.map((p) => p.id), rows, token };
}

/**
 * The flagship's rows against the expected ones: the same columns in the same order, the same
 * values; text cut to `textLength` characters ending with "…" where it was longer;
 * engagement_rate the exact ratio to 4 decimal places; report_date today (or tomorrow, if the
 * run crossed midnight).
 */
/** Characters as a reader counts them: an emoji with its variation selector is one. */
function visibleLength(text) {
	return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].length;
}

function assertReportRows(rows, expected, { textLength, reportDates }) {
	assert.equal(rows.length, expected.length, `${rows.length} rows, expected ${expected.length}`);
	rows.forEach((row, i) => {
		const want = expected[i];
		assert.deepEqual(Object.keys(row), Object.keys(want), `row ${i} (${want.id}): columns`);
		for (const [key, value] of Object.entries(want)) {
			const actual = row[key];
			if (key === 'report_date') assert.ok(reportDates.includes(actual), `row ${i}: report_date ${actual}, expected ${reportDates.join(' or ')}`);
			else if (key === 'engagement_rate') {
				if (value === null) assert.equal(actual, null, `row ${i}: engagement_rate without views`);
				else assert.ok(typeof actual === 'number' && Math.abs(actual - value) <= 0.00005 + 1e-12, `row ${i}: engagement_rate ${actual}, expected ${value}`);
			} else if (key === 'text' && visibleLength(value) > textLength) {
				assert.ok(actual.endsWith('…'), `row ${i}: shortened text ends with "…": ${actual}`);
				const length = visibleLength(actual);
				assert.ok(length <= textLength && length >= textLength / 2, `row ${i}: text of ${length} characters, at most ${textLength}`);
				assert.ok(value.startsWith(actual.slice(0, -1)), `row ${i}: "${actual}" is the start of "${value}"`);
			} else assert.deepEqual(actual, value, `row ${i} (${want.id}): ${key}`);
		}
	});
}

function dataRequests(simLog) {
	return simLog.requests.filter((r) => !TOKEN_PATHS.some((p) => r.path === p || r.path === `/v1.0${p}`));
}

function instagramDataRequests(igLog) {
	return igLog.requests.filter((r) => !INSTAGRAM_TOKEN_PATHS.includes(r.path));
}

/** An Instagram account total: total_value (asked for with metric_type=total_value). */
function instagramTotal(data, name) {
	const insight = data.find((i) => i.name === name);
	return typeof insight?.total_value?.value === 'number' ? insight.total_value.value : null;
}

/**
 * What the two simulators (same demo worlds, same frozen clock) say yesterday's row of
 * "Threads + Instagram daily numbers in one Google Sheet" must be, read straight from the
 * Graph answers for yesterday as each platform counts its days: Threads user insights (the
 * ranged metrics from yesterday 08:00 UTC, followers_count unranged, as Meta requires) and
 * Instagram account totals from yesterday's Pacific midnight.
 */
async function expectedDailyRow(now, day, threadsMetrics, instagramMetrics) {
	const { InstagramSimulator } = require(path.join(SIM_BUILD, 'test', 'simulator', 'instagram', 'instagramSimulator.js'));
	const { createInstagramDemoWorld } = require(path.join(SIM_BUILD, 'test', 'simulator', 'instagram', 'demoWorld.js'));
	const threads = threadsWorld(now);
	const instagram = new InstagramSimulator({ now: () => now });
	const instagramToken = createInstagramDemoWorld(instagram).token;
	const igGet = async (p) => {
		const res = await instagram.handle({ method: 'GET', path: p, headers: { authorization: `Bearer ${instagramToken}` } });
		assert.equal(res.status, 200, `simulator ${p}: ${JSON.stringify(res.body)}`);
		return res.body.data;
	};
	const threadsRange = threadsMetaDays(day, day, now);
	const instagramRange = instagramMetaDays(day, day, now);
	const ranged = threadsMetrics.filter((m) => m !== 'followers_count');
	const t = [
		...(await threads.get(`/v1.0/me/threads_insights?metric=${ranged.join(',')}&since=${threadsRange.since}&until=${threadsRange.until}`)).data,
		...(await threads.get('/v1.0/me/threads_insights?metric=followers_count')).data,
	];
	const ig = await igGet(`/v23.0/me/insights?metric=${instagramMetrics.join(',')}&period=day&metric_type=total_value&since=${instagramRange.since}&until=${instagramRange.until}`);
	const number = (name) => threadsInsightNumber(t, name, day, day);
	return {
		row: {
			date: day,
			threads_views: number('views'),
			threads_likes: number('likes'),
			threads_replies: number('replies'),
			threads_reposts: number('reposts'),
			threads_quotes: number('quotes'),
			threads_followers: number('followers_count'),
			threads_complete: threadsRange.complete,
			instagram_views: instagramTotal(ig, 'views'),
			instagram_reach: instagramTotal(ig, 'reach'),
			instagram_likes: instagramTotal(ig, 'likes'),
			instagram_comments: instagramTotal(ig, 'comments'),
			instagram_shares: instagramTotal(ig, 'shares'),
			instagram_saves: instagramTotal(ig, 'saves'),
			instagram_interactions: instagramTotal(ig, 'total_interactions'),
			instagram_complete: instagramRange.complete,
		},
		ranged,
		threadsRange,
		instagramRange,
		threadsToken: threads.token,
		instagramToken,
	};
}

/**
 * "Account growth to Airtable": yesterday's totals (Threads' day: from 08:00 UTC), each
 * compared with the day before, followers_count now, and whether yesterday has ended in
 * Meta's day.
 */
async function expectedGrowthRow(now, day, dayBefore, metrics) {
	const { get } = threadsWorld(now);
	const ranged = metrics.filter((m) => m !== 'followers_count');
	const current = threadsMetaDays(day, day, now);
	const previous = threadsMetaDays(dayBefore, dayBefore, now);
	const cur = (await get(`/v1.0/me/threads_insights?metric=${ranged.join(',')}&since=${current.since}&until=${current.until}`)).data;
	const followers = (await get('/v1.0/me/threads_insights?metric=followers_count')).data;
	const prev = (await get(`/v1.0/me/threads_insights?metric=${ranged.join(',')}&since=${previous.since}&until=${previous.until}`)).data;
	const row = { since: day, until: day };
	for (const metric of metrics) {
		if (metric === 'followers_count') {
			row.followers_count = threadsInsightNumber(followers, 'followers_count');
			continue;
		}
		row[metric] = threadsInsightNumber(cur, metric, day, day);
		row[`${metric}_previous`] = threadsInsightNumber(prev, metric, dayBefore, dayBefore);
		row[`${metric}_change_pct`] = changePercent(row[metric], row[`${metric}_previous`]);
	}
	row.complete = current.complete;
	return { row, ranged, current, previous };
}

/**
 * "Weekly views chart to Slack": the 7 days of last week (Monday to Sunday, in the workflow's
 * timezone, UTC here), one row per Meta day { date, views, complete }, from one request for
 * the whole week as Threads counts its days.
 */
async function expectedWeek(now) {
	const { DateTime } = luxon();
	const today = DateTime.fromMillis(now, { zone: 'UTC' }).startOf('day');
	const monday = today.minus({ days: ((today.weekday - 1 + 7) % 7) + 7 });
	const days = Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toISODate());
	const range = threadsMetaDays(days[0], days[6], now);
	const { get } = threadsWorld(now);
	const views = (await get(`/v1.0/me/threads_insights?metric=views&since=${range.since}&until=${range.until}`)).data.find((i) => i.name === 'views');
	const rows = views.values
		.map((v) => ({ date: threadsBucketDay(v.end_time), views: v.value, complete: Date.parse(v.end_time.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) <= now }))
		.filter((r) => days.includes(r.date));
	return { days, range, rows };
}

/**
 * The owner's login cookie. n8n 1.x answers /healthz/readiness before its REST routes are
 * mounted (POST /rest/owner/setup is a 404 for a few seconds): retry while they are missing.
 */
async function ownerWhenRoutesReady(url, timeoutMs = 90_000) {
	for (const deadline = Date.now() + timeoutMs; ; await sleep(1000)) {
		try {
			return await ensureOwner(url);
		} catch (error) {
			if (!/\(404: /.test(error.message) || Date.now() > deadline) throw error;
		}
	}
}

/**
 * Activates or deactivates a workflow through n8n's REST API, whichever n8n this is: 2.x
 * has POST /rest/workflows/:id/activate and /deactivate; n8n 1.x (404 there) takes a
 * PATCH of the workflow's `active` with its versionId.
 */
async function setActive(server, id, active, versionId) {
	const call = async (method, url, body) => {
		const res = await fetch(`${server.url}/rest${url}`, { method, headers: { cookie: server.cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
		return { status: res.status, text: await res.text() };
	};
	let res = await call('POST', `/workflows/${id}/${active ? 'activate' : 'deactivate'}`, active ? { versionId } : {});
	if (res.status === 404) res = await call('PATCH', `/workflows/${id}`, { active, versionId });
	assert.equal(res.status, 200, `${active ? 'activating' : 'deactivating'} ${id}: ${res.text.slice(0, 2000)}`);
}

/** Items of a node in an IRun with their binary data (P.nodeItems gives the JSON only). */
function nodeOutput(run, nodeName) {
	return (run?.data?.resultData?.runData?.[nodeName] ?? []).flatMap((r) => r.data?.main?.[0] ?? []);
}

async function main() {
	const started = Date.now();
	console.log(color('1', `End-to-end: ${PACKAGE_NAME} in a real n8n${ON_N8N_1X ? ' 1.x (compatibility run)' : ''}`));
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
	const weeklyExample = examples.find((e) => e.file === P.WEEKLY_CHART_FILE).workflow;
	const weekly = P.weeklyChartRunCopy(weeklyExample);
	const stories = P.manualRunCopy(examples.find((e) => e.file === STORIES_FILE).workflow, 'igStoriesRunCpy1');
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

	await test('the run copies import (flagship ×2, growth, Threads + Instagram daily, weekly chart: Manual Trigger instead of Schedule, no destination; Instagram alert: Slack replaced by No Operation)', async () => {
		const dir = path.join(USER_FOLDER, 'import', 'runs');
		fs.mkdirSync(dir, { recursive: true });
		fs.writeFileSync(path.join(dir, 'self-renewing.json'), JSON.stringify(copies.selfRenewing));
		fs.writeFileSync(path.join(dir, 'oauth2.json'), JSON.stringify(copies.oauth2));
		fs.writeFileSync(path.join(dir, 'growth.json'), JSON.stringify(growth.workflow));
		fs.writeFileSync(path.join(dir, 'threads-instagram-daily.json'), JSON.stringify(combined.workflow));
		fs.writeFileSync(path.join(dir, 'instagram-alert.json'), JSON.stringify(igAlert.workflow));
		fs.writeFileSync(path.join(dir, 'weekly-chart.json'), JSON.stringify(weekly.workflow));
		fs.writeFileSync(path.join(dir, 'instagram-stories.json'), JSON.stringify(stories.workflow));
		const out = await n8n(['import:workflow', '--separate', `--input=${dir}`], { userFolder: USER_FOLDER, env: { N8N_LOG_LEVEL: 'info' } });
		assert.equal(out.code, 0, out.stdout + out.stderr);
		assert.match(out.stdout + out.stderr, /Successfully imported 7 workflows/);
	});

	for (const [label, workflow, textLength] of [
		['self-renewing token credential', copies.selfRenewing, copies.listParameters.rowOptions.textLength],
		[`OAuth2 Connect credential, text shortened to ${OAUTH2_TEXT_LENGTH}`, copies.oauth2, OAUTH2_TEXT_LENGTH],
	]) {
		await test(`flagship executes headless (${label}): one row per post with report_date, its fields, its insights and engagement_rate, reposts skipped; the requests the simulator expects`, async () => {
			const now = Date.now();
			const { DateTime } = luxon();
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
			const reportDates = [...new Set([today.toISODate(), DateTime.now().setZone('UTC').toISODate()])];
			assertReportRows(rows, expected.rows, { textLength, reportDates });
			// The sheet's columns, in order (a post without text or link simply has no such cell).
			const columns = ['report_date', ...REPORT_FIELDS, ...INSIGHT_METRICS, 'engagement_rate'];
			for (const row of rows) assert.deepEqual(Object.keys(row), columns.filter((c) => c in row), `columns of ${row.id}`);
			assert.ok(rows.some((row) => Object.keys(row).length === columns.length), 'rows have every column');
			assert.ok(rows.every((row) => Object.values(row).every((v) => v !== null) || row.views === 0), 'no empty cells (reposts are skipped)');
			// Requests: the list (last 7 whole days, 100 per page, the flagship's fields), then one insights request per post that is not a repost.
			const data = dataRequests(r.simLog);
			const lists = data.filter((q) => q.path === '/v1.0/me/threads');
			assert.equal(lists.length, Math.max(1, Math.ceil(expected.posts.length / 100)));
			assert.deepEqual(
				{ since: lists[0].query.since, until: lists[0].query.until, limit: lists[0].query.limit, fields: lists[0].query.fields },
				{ since: String(since), until: String(until), limit: '100', fields: REPORT_FIELDS.join(',') },
			);
			const insights = data.filter((q) => /\/insights$/.test(q.path));
			assert.deepEqual(insights.map((q) => q.path).sort(), expected.ids.map((id) => `/v1.0/${id}/insights`).sort());
			for (const q of insights) assert.equal(q.query.metric, INSIGHT_METRICS.join(','));
			assert.equal(data.length, lists.length + insights.length, `unexpected requests: ${JSON.stringify(data.map((q) => q.path))}`);
			assert.ok(data.every((q) => q.status === 200 && q.authVia === 'header'), 'every data request answered 200, token in the Authorization header');
			assert.ok(!(r.stdout + r.stderr).includes(token), 'the token never appears in n8n output');
			fs.writeFileSync(path.join(ARTIFACTS, `flagship-rows-${workflow.id}.json`), JSON.stringify(rows, null, 2));
			fs.writeFileSync(path.join(ARTIFACTS, `flagship-requests-${workflow.id}.json`), JSON.stringify(r.simLog, null, 2));
			const shortenedCount = rows.filter((row) => typeof row.text === 'string' && row.text.endsWith('…')).length;
			info(`${rows.length} rows (${expected.posts.length - rows.length} reposts skipped, ${shortenedCount} texts shortened); requests: ${r.simLog.requests.map((q) => `${q.method} ${q.path}`).filter((v, i, a) => a.indexOf(v) === i).length} distinct paths, ${r.simLog.requests.length} in all`);
			info(`first row: ${JSON.stringify(rows[0])}`);
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

	await test('"Account growth to Airtable" executes headless: one row for yesterday (Meta\'s day), compared with the day before, with complete; the row Airtable would get', async () => {
		const now = Date.now();
		const { DateTime } = luxon();
		const today = DateTime.fromMillis(now, { zone: 'UTC' }).startOf('day');
		const day = today.minus({ days: 1 }).toISODate();
		const dayBefore = today.minus({ days: 2 }).toISODate();
		const metrics = growth.workflow.nodes.find((n) => n.type === NODE_TYPE).parameters.metrics;
		const r = await execute(growth.workflow.id, { NOW: now });
		assert.equal(r.code, 0, `n8n execute exited ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr}`);
		const rows = P.nodeItems(r.run, growth.lastNode);
		assert.equal(rows.length, 1, JSON.stringify(rows));
		const expected = await expectedGrowthRow(now, day, dayBefore, metrics);
		assert.deepEqual(Object.keys(rows[0]), Object.keys(expected.row), 'the columns, in order');
		for (const [key, value] of Object.entries(expected.row)) {
			if (key.endsWith('_change_pct') && value !== null) assert.ok(Math.abs(rows[0][key] - value) <= 0.05 + 1e-9, `${key}: ${rows[0][key]}, expected ${value} (one decimal)`);
			else assert.deepEqual(rows[0][key], value, key);
		}
		assert.equal(rows[0].followers_count, 12345);
		// Requests: yesterday's ranged metrics (Meta's day, from 08:00 UTC), followers_count without a range, the day before.
		const data = dataRequests(r.simLog);
		assert.deepEqual(data.map((q) => [q.path, q.query.metric]), [
			['/v1.0/me/threads_insights', expected.ranged.join(',')],
			['/v1.0/me/threads_insights', 'followers_count'],
			['/v1.0/me/threads_insights', expected.ranged.join(',')],
		]);
		assertRange(data[0].query, expected.current, 'yesterday');
		assert.deepEqual(Object.keys(data[1].query), ['metric'], 'followers_count without since/until');
		assertRange(data[2].query, expected.previous, 'the day before');
		assert.ok(data.every((q) => q.status === 200), JSON.stringify(data));
		fs.writeFileSync(path.join(ARTIFACTS, 'account-growth-row.json'), JSON.stringify(rows, null, 2));
		info(`row: ${JSON.stringify(rows[0])}`);
	});

	await test('"Threads + Instagram daily numbers in one Google Sheet" executes headless: the merged row for yesterday (each platform\'s Meta day) and the requests both simulators expect', async () => {
		const now = Date.now();
		const { DateTime } = luxon();
		const day = DateTime.fromMillis(now, { zone: 'UTC' }).startOf('day').minus({ days: 1 }).toISODate();
		const threadsMetrics = combinedExample.nodes.find((n) => n.type === NODE_TYPE).parameters.metrics;
		const instagramMetrics = combinedExample.nodes.find((n) => n.type === INSTAGRAM_NODE_TYPE).parameters.metrics;
		const r = await execute(P.COMBINED_RUN_ID, { NOW: now });
		const all = r.stdout + r.stderr;
		assert.equal(r.code, 0, `n8n execute exited ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr}`);
		assert.ok(r.run, 'no run JSON in the output');
		assert.equal(r.run.data.resultData.error, undefined);
		const rows = P.nodeItems(r.run, combined.lastNode);
		const expected = await expectedDailyRow(now, day, threadsMetrics, instagramMetrics);
		assert.deepEqual(rows, [expected.row]);
		// Both simulators ran in the n8n process, on the same frozen clock; nothing else is intercepted.
		assert.ok(r.simLog && r.igLog, 'both simulator logs written');
		assert.equal(r.igLog.now, now);
		assert.deepEqual(r.igLog.interceptedHosts, ['graph.facebook.com', 'graph.instagram.com', 'graph.threads.net']);
		// Threads: the ranged metrics for yesterday from 08:00 UTC, then followers_count without a range (Meta refuses one on it).
		const threads = dataRequests(r.simLog);
		assert.deepEqual(
			threads.map((q) => ({ path: q.path, metric: q.query.metric, ranged: 'since' in q.query })),
			[
				{ path: '/v1.0/me/threads_insights', metric: expected.ranged.join(','), ranged: true },
				{ path: '/v1.0/me/threads_insights', metric: 'followers_count', ranged: false },
			],
		);
		assertRange(threads[0].query, expected.threadsRange, 'Threads');
		assert.deepEqual(Object.keys(threads[0].query).sort(), ['metric', 'since', 'until']);
		assert.deepEqual(Object.keys(threads[1].query), ['metric']);
		// Instagram: one account-insights request, yesterday from Pacific midnight as one window, totals.
		const instagram = instagramDataRequests(r.igLog);
		assert.deepEqual(
			instagram.map((q) => ({ path: q.path, query: { ...q.query, since: undefined, until: undefined } })),
			[{ path: '/v23.0/me/insights', query: { metric: instagramMetrics.join(','), period: 'day', metric_type: 'total_value', since: undefined, until: undefined } }],
		);
		assertRange(instagram[0].query, expected.instagramRange, 'Instagram');
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

	await test('"Instagram stories report before they expire" executes headless (Google Sheets left out): one row per story up now, with its insights; a story with too few viewers gets empty cells and a note', async () => {
		const now = Date.now();
		const r = await execute(stories.workflow.id, { NOW: now });
		assert.equal(r.code, 0, `n8n execute exited ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr}`);
		assert.ok(r.run, 'no run JSON in the output');
		assert.equal(r.run.data.resultData.error, undefined);
		const rows = P.nodeItems(r.run, stories.lastNode);
		// What the simulator (same demo world, same frozen clock) has up now.
		const { InstagramSimulator } = require(path.join(SIM_BUILD, 'test', 'simulator', 'instagram', 'instagramSimulator.js'));
		const { createInstagramDemoWorld } = require(path.join(SIM_BUILD, 'test', 'simulator', 'instagram', 'demoWorld.js'));
		const sim = new InstagramSimulator({ now: () => now });
		const { token: igToken } = createInstagramDemoWorld(sim);
		const listed = await sim.handle({ method: 'GET', path: '/v23.0/me/stories?fields=id', headers: { authorization: `Bearer ${igToken}` } });
		assert.equal(listed.status, 200, JSON.stringify(listed.body));
		const ids = listed.body.data.map((story) => story.id);
		assert.ok(ids.length > 0, 'the demo account has stories up');
		assert.deepEqual(rows.map((row) => row.id), ids);
		assert.ok(rows.every((row) => row.media_type === 'STORY' || row.media_type === 'IMAGE' || row.media_type === 'VIDEO'), JSON.stringify(rows[0]));
		assert.ok(rows.some((row) => typeof row.views === 'number' && typeof row.reach === 'number'), 'stories carry their insights');
		for (const row of rows.filter((row) => row.insights_note)) assert.equal(row.views ?? null, null, `${row.id}: a note means empty cells`);
		const data = instagramDataRequests(r.igLog);
		assert.deepEqual(data.map((q) => q.path).sort(), ['/v23.0/me/stories', ...ids.map((id) => `/v23.0/${id}/insights`)].sort());
		info(`${rows.length} stories; ${rows.filter((row) => row.insights_note).length} with a note (${[...new Set(rows.map((row) => row.insights_note).filter(Boolean))].join('; ')})`);
	});

	await test('"Weekly views chart to Slack" executes headless up to n8n\'s QuickChart node: 7 daily rows for last week, one dataset of 7 bars (quickchart.io stubbed, Slack left out)', async () => {
		const now = Date.now();
		const threadsNode = weeklyExample.nodes.find((n) => n.type === NODE_TYPE).name;
		const aggregateNode = weeklyExample.nodes.find((n) => n.type === 'n8n-nodes-base.aggregate').name;
		const chartNode = weeklyExample.nodes.find((n) => n.type === 'n8n-nodes-base.quickChart');
		assert.equal(weekly.lastNode, chartNode.name, 'the QuickChart node feeds Slack');
		const r = await execute(weekly.workflow.id, { NOW: now }, { quickChartStub: true });
		const all = r.stdout + r.stderr;
		assert.equal(r.code, 0, `n8n execute exited ${r.code}\n${r.stdout.slice(-3000)}\n${r.stderr}`);
		assert.ok(r.run, 'no run JSON in the output');
		assert.equal(r.run.data.resultData.error, undefined);
		const expected = await expectedWeek(now);
		// The Threads node: exactly 7 rows, Monday to Sunday of last week.
		const rows = P.nodeItems(r.run, threadsNode);
		assert.equal(rows.length, 7, JSON.stringify(rows));
		assert.deepEqual(rows.map((row) => row.date), expected.days);
		assert.deepEqual(rows, expected.rows);
		// One request for the whole week, in Threads' days (from Monday 08:00 UTC).
		const data = dataRequests(r.simLog);
		assert.equal(data.length, 1, JSON.stringify(data));
		assert.equal(data[0].path, '/v1.0/me/threads_insights');
		assert.equal(data[0].query.metric, 'views');
		assertRange(data[0].query, expected.range, 'last week');
		// Aggregate: one item, the dates and the views as two lists.
		assert.deepEqual(P.nodeItems(r.run, aggregateNode), [{ date: expected.days, views: expected.rows.map((row) => row.views) }]);
		// QuickChart: one bar chart, labels = dates, one dataset = views; the image it fetched as binary "data".
		const [chartItem] = nodeOutput(r.run, chartNode.name);
		assert.ok(chartItem, 'QuickChart produced an item');
		const { chart } = chartItem.json;
		assert.equal(chart.type, 'bar');
		assert.deepEqual(chart.data.labels, expected.days);
		assert.equal(chart.data.datasets.length, 1, 'one dataset (the Aggregate node makes one item)');
		assert.deepEqual(chart.data.datasets[0].data, expected.rows.map((row) => row.views));
		assert.equal(chart.data.datasets[0].label, chartNode.parameters.datasetOptions.label);
		assert.equal(chartItem.binary?.data?.mimeType, 'image/png', `binary: ${JSON.stringify(Object.keys(chartItem.binary ?? {}))}`);
		assert.equal(r.chartLog?.requests.length, 1, `quickchart.io requests: ${JSON.stringify(r.chartLog)}`);
		assert.deepEqual(JSON.parse(r.chartLog.requests[0].query.chart), chart, 'the chart sent to quickchart.io is the one in the output');
		assert.deepEqual({ width: r.chartLog.requests[0].query.width, height: r.chartLog.requests[0].query.height, format: r.chartLog.requests[0].query.format }, { width: '800', height: '400', format: 'png' });
		assert.doesNotMatch(all, CRASH);
		fs.writeFileSync(path.join(ARTIFACTS, 'weekly-chart-rows.json'), JSON.stringify({ rows, chart }, null, 2));
		info(`rows: ${rows.map((row) => `${row.date} ${row.views}${row.complete ? '' : ' (incomplete)'}`).join(', ')}`);
	});

	let server;
	await test('n8n lists the package\'s node and credential types, Threads and Instagram (n8n start, /types/*.json)', async () => {
		server = startN8n(USER_FOLDER, { port: PORT });
		await server.waitReady(180_000);
		const { cookie } = await ownerWhenRoutesReady(server.url);
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
		assert.deepEqual(instagram.credentials.map((c) => c.name).sort(), [INSTAGRAM_CREDENTIAL_TYPE, INSTAGRAM_FACEBOOK_CREDENTIAL_TYPE].sort());
		assert.ok(credentials.some((c) => c.name === INSTAGRAM_FACEBOOK_CREDENTIAL_TYPE), `credential type ${INSTAGRAM_FACEBOOK_CREDENTIAL_TYPE} listed`);
		const instagramCredential = credentials.find((c) => c.name === INSTAGRAM_CREDENTIAL_TYPE);
		assert.ok(instagramCredential, `credential type ${INSTAGRAM_CREDENTIAL_TYPE} listed`);
		assert.equal(instagramCredential.displayName, 'Instagram Self-Renewing Token API');
		assert.doesNotMatch(server.output(), /Failed to load package|n8n-nodes-threads-insights.*(error|failed)/i);
		info(`nodes: ${ours.join(', ')}; credentials: ${[...CREDENTIAL_TYPES, INSTAGRAM_CREDENTIAL_TYPE, INSTAGRAM_FACEBOOK_CREDENTIAL_TYPE].join(', ')}`);
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
		await setActive(server, igAlert.workflow.id, true, before.versionId);
		// n8n 2.41 applies an activation asynchronously (its publication outbox): it polls once,
		// then saves the node's static data. Wait for that, then deactivate.
		let state;
		for (const deadline = Date.now() + 60_000; !state && Date.now() < deadline; await sleep(500)) {
			state = (await rest('GET', `/workflows/${igAlert.workflow.id}`)).staticData?.[`node:${igAlert.triggerName}`]?.crossings;
		}
		await setActive(server, igAlert.workflow.id, false, (await rest('GET', `/workflows/${igAlert.workflow.id}`)).versionId);
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

		await test('browser: the alert\'s Threads Trigger shows sample events on "Fetch Test Event", the credential dialog opens, the Daily report\'s Threads node executes in the editor (screenshots)', async () => {
			assert.ok(server?.cookie, 'server not started');
			const alert = examples.find((e) => e.file === 'alert-when-a-post-passes-1000-views.json').workflow;
			const trigger = alert.nodes.find((n) => n.type === `${PACKAGE_NAME}.threadsTrigger`);
			const threads = flagship.nodes.find((n) => n.type === NODE_TYPE);
			const r = await editorScreenshots({
				url: server.url,
				artifacts: ARTIFACTS,
				cookie: server.cookie,
				alert: { workflowId: alert.id, nodeId: trigger.id },
				daily: { workflowId: flagship.id, nodeId: threads.id, columns: ['report_date', ...REPORT_FIELDS, ...INSIGHT_METRICS, 'engagement_rate'] },
				credential: { id: P.DEMO_CREDENTIAL.id, typeName: 'Threads Self-Renewing Token API' },
			});
			info(`screenshots: ${Object.values(r.shots).map((f) => path.relative(ROOT, f)).join(', ')}; the Daily report's Threads node: ${r.rows} rows`);
		});
	}
	if (server) await server.stop();

	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	const crashNotes = crashesAtExit.length ? [color('33', `n8n 1.x's CLI crashed at exit (SIGSEGV) after ${crashesAtExit.length} finished run(s): ${crashesAtExit.join(', ')}`)] : [];
	finish(`${seconds} s, of which setup ${setupSeconds.toFixed(1)} s`, crashNotes);
}

if (require.main === module) main().catch(setupFailed);

module.exports = { expectedReport, expectedDailyRow, assertReportRows };
