'use strict';
/**
 * Steps shared by `npm run demo`, `npm run dev` and `npm run test:e2e`: make sure the
 * root dependencies and the build are there, compile the simulator for the preload,
 * install the built package into an n8n user folder the way n8n's own community-package
 * installer does, and import the examples plus credentials for the simulators.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { ROOT, E2E, RUNTIME, SIM_BUILD, PACKAGE_NAME, run, n8n, exists, step, info } = require('./runtime');
const { ensureRuntime } = require('../install-n8n');

const EXAMPLES = path.join(ROOT, 'examples');
/** The id the example workflows use for their Threads credential. */
const DEMO_CREDENTIAL = { id: 'thrDemoAccount01', name: 'Threads account' };
const DEMO_OAUTH2_CREDENTIAL = { id: 'thrDemoOAuth2001', name: 'Threads account (OAuth2 Connect)' };
/** The id the example workflows use for their Instagram credential. */
const DEMO_INSTAGRAM_CREDENTIAL = { id: 'igDemoAccount001', name: 'Instagram account' };
const CONNECT_CREDENTIAL_TYPE = 'threadsOAuth2Api';
const FLAGSHIP_FILE = 'daily-threads-report-to-google-sheets.json';
const FLAGSHIP_RUN_ID = 'thrDailyReportRn';
/** "Threads + Instagram daily numbers in one Google Sheet" and the id of its run copy. */
const COMBINED_FILE = 'threads-and-instagram-daily-to-google-sheets.json';
const COMBINED_RUN_ID = 'thrIgDailyRun001';
/** "Weekly views chart to Slack" and the id of its run copy (e2e only). */
const WEEKLY_CHART_FILE = 'weekly-views-chart-to-slack.json';
const WEEKLY_CHART_RUN_ID = 'thrWeeklyChartRn';

/**
 * User folders live under e2e/n8n/ on purpose: a community package resolves its peer
 * dependency n8n-workflow by walking up from ~/.n8n/nodes/node_modules, and the first
 * node_modules with n8n-workflow on that walk must be n8n's own (e2e/n8n/node_modules),
 * as in production, not the root devDependency copy (/work/main/node_modules).
 */
const DEMO_USER_FOLDER = path.join(RUNTIME, 'n8n-demo');
const OUTPUT_DIR = path.join(ROOT, '.n8n-demo');

/** `npm ci` at the root when node_modules is missing or older than the lockfile. */
async function ensureRootDeps() {
	const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
	const fresh = exists(marker) && exists(path.join(ROOT, 'node_modules', '.bin', 'tsc')) && fs.statSync(marker).mtimeMs >= fs.statSync(path.join(ROOT, 'package-lock.json')).mtimeMs;
	if (fresh) return;
	step('Installing the package\'s dependencies (npm ci)');
	await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT });
}

async function buildPackage() {
	step('Building the package (npm run build)');
	await run('npm', ['run', 'build', '--silent'], { cwd: ROOT, quiet: true });
}

/** test/simulator → e2e/build, for the preload (plain JS in the n8n process, no ts-node). */
async function buildSimulator() {
	step('Compiling the Threads and Instagram simulators for the n8n process');
	fs.rmSync(SIM_BUILD, { recursive: true, force: true });
	await run(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', path.join(E2E, 'tsconfig.e2e.json')], { cwd: ROOT, quiet: true });
}

/** The simulator's demo token: deterministic (the first token the demo world issues). */
function demoToken() {
	const { ThreadsSimulator } = require(path.join(SIM_BUILD, 'test', 'simulator', 'threadsSimulator.js'));
	const { createDemoWorld, DEMO_APP } = require(path.join(SIM_BUILD, 'test', 'simulator', 'demoWorld.js'));
	const { token } = createDemoWorld(new ThreadsSimulator());
	return { token, app: DEMO_APP };
}

/** The Instagram simulator's demo token: deterministic too (the first token its demo world issues). */
function instagramDemoToken() {
	const dir = path.join(SIM_BUILD, 'test', 'simulator', 'instagram');
	const { InstagramSimulator } = require(path.join(dir, 'instagramSimulator.js'));
	const { createInstagramDemoWorld, IG_DEMO_APP } = require(path.join(dir, 'demoWorld.js'));
	const { token } = createInstagramDemoWorld(new InstagramSimulator());
	return { token, app: IG_DEMO_APP };
}

/**
 * Credentials for the simulators' demo accounts, in `n8n import:credentials` form (plain
 * `data` is encrypted by n8n on import): the self-renewing token credential the examples
 * use (the recommended one), an OAuth2 ("Connect") credential already connected, and the
 * Instagram self-renewing token credential.
 */
function demoCredentials() {
	const { token, app } = demoToken();
	const instagram = instagramDemoToken();
	return [
		{ ...DEMO_CREDENTIAL, type: 'threadsApi', data: { accessToken: token, appSecret: app.clientSecret } },
		{
			...DEMO_OAUTH2_CREDENTIAL,
			type: CONNECT_CREDENTIAL_TYPE,
			data: {
				clientId: app.clientId,
				clientSecret: app.clientSecret,
				grantType: 'authorizationCode',
				authUrl: 'https://threads.net/oauth/authorize',
				accessTokenUrl: 'https://graph.threads.net/oauth/access_token',
				scope: 'threads_basic,threads_manage_insights,threads_profile_discovery',
				authQueryParameters: '',
				authentication: 'body',
				oauthTokenData: { access_token: token, token_type: 'bearer' },
			},
		},
		{ ...DEMO_INSTAGRAM_CREDENTIAL, type: 'instagramApi', data: { accessToken: instagram.token, appSecret: instagram.app.clientSecret } },
	];
}

function demoCredentialFile(dir) {
	const file = path.join(dir, 'simulator-credentials.json');
	fs.writeFileSync(file, JSON.stringify(demoCredentials(), null, 2));
	return file;
}

/** `npm pack` of the built package into `dir`; returns the tarball's path. */
async function packPackage(dir) {
	const out = await run('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, quiet: true });
	return path.join(dir, out.trim().split('\n').pop());
}

/**
 * What n8n's community-package installer does (CommunityPackagesService.downloadPackage):
 * `npm pack`, extract into <user>/.n8n/nodes/node_modules/<name>, drop dev/peer/optional
 * dependencies from its package.json, record it in <user>/.n8n/nodes/package.json. The
 * package has no runtime dependencies, so n8n's `npm install` step has nothing to do.
 * `tarball`: install this `npm pack` output (e.g. the same one into several processes' folders).
 */
async function installCommunityPackage(userFolder, { tarball } = {}) {
	step(`Installing the built package into n8n as a community package`);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', PACKAGE_NAME);
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'threads-pack-'));
	try {
		const packed = tarball ?? (await packPackage(tmp));
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(target, { recursive: true });
		await run('tar', ['-xzf', packed, '-C', target, '--strip-components=1'], { quiet: true });
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
	const pkgFile = path.join(target, 'package.json');
	const { devDependencies, peerDependencies, optionalDependencies, ...pkg } = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
	if (pkg.dependencies && Object.keys(pkg.dependencies).length) throw new Error(`${PACKAGE_NAME} must not have runtime dependencies: ${Object.keys(pkg.dependencies)}`);
	fs.writeFileSync(pkgFile, JSON.stringify(pkg, null, 2));
	const nodesPkgFile = path.join(nodesDir, 'package.json');
	const nodesPkg = exists(nodesPkgFile) ? JSON.parse(fs.readFileSync(nodesPkgFile, 'utf8')) : { name: 'installed-nodes', private: true };
	nodesPkg.dependencies = { ...(nodesPkg.dependencies || {}), [PACKAGE_NAME]: pkg.version };
	fs.writeFileSync(nodesPkgFile, JSON.stringify(nodesPkg, null, 2));
	info(`${PACKAGE_NAME}@${pkg.version} → ${path.relative(ROOT, target)}`);
}

function readExamples() {
	return fs
		.readdirSync(EXAMPLES)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((file) => ({ file, workflow: JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8')) }));
}

/** Nodes that send rows to the user's own accounts (left for the user to connect). */
const DESTINATION_TYPES = ['n8n-nodes-base.googleSheets', 'n8n-nodes-base.airtable', 'n8n-nodes-base.slack'];

/**
 * `n8n execute` can only start from a Manual (or chat / execute-workflow) trigger, and
 * the Google Sheets / Airtable nodes need the user's own accounts. The demo and the e2e
 * test therefore run a copy of an example: its Schedule Trigger replaced by a Manual
 * Trigger, and the destination node removed; the script writes the rows the destination
 * would have received to a CSV file instead. `lastNode` is the node feeding the destination.
 */
function manualRunCopy(workflow, id, name) {
	const schedule = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.scheduleTrigger');
	if (!schedule) throw new Error(`"${workflow.name}" has no Schedule Trigger`);
	const dropped = workflow.nodes.filter((n) => DESTINATION_TYPES.includes(n.type)).map((n) => n.name);
	const manual = { id: 'demo-manual-trigger', name: 'Run the demo', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: schedule.position, parameters: {} };
	const nodes = [manual, ...workflow.nodes.filter((n) => n !== schedule && !dropped.includes(n.name))];
	const connections = {};
	let lastNode;
	for (const [from, outputs] of Object.entries(workflow.connections)) {
		if (dropped.includes(from)) continue;
		if (outputs.main.some((c) => c.some((x) => dropped.includes(x.node)))) lastNode = from;
		const main = outputs.main.map((conns) => conns.filter((c) => !dropped.includes(c.node)));
		if (main.every((c) => c.length === 0)) continue;
		connections[from === schedule.name ? manual.name : from] = { main };
	}
	return { workflow: { ...workflow, id, name: name ?? `${workflow.name} (demo run: Manual Trigger, no ${dropped.join(', ')})`, nodes, connections }, lastNode };
}

function flagshipRunCopy(workflow) {
	return manualRunCopy(workflow, FLAGSHIP_RUN_ID);
}

function combinedRunCopy(workflow) {
	return manualRunCopy(workflow, COMBINED_RUN_ID);
}

function weeklyChartRunCopy(workflow) {
	return manualRunCopy(workflow, WEEKLY_CHART_RUN_ID);
}

/** Imports the credentials, the examples and the run copies of the flagship and the combined Threads + Instagram example (one n8n start each). */
async function importAll(userFolder, { env = {} } = {}) {
	const dir = path.join(userFolder, 'import');
	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(path.join(dir, 'workflows'), { recursive: true });
	const credentialFile = demoCredentialFile(dir);
	const examples = readExamples();
	for (const { file, workflow } of examples) fs.writeFileSync(path.join(dir, 'workflows', file), JSON.stringify(workflow, null, 2));
	const flagship = examples.find((e) => e.file === FLAGSHIP_FILE).workflow;
	const runCopy = flagshipRunCopy(flagship);
	fs.writeFileSync(path.join(dir, 'workflows', 'zz-flagship-demo-run.json'), JSON.stringify(runCopy.workflow, null, 2));
	const combined = combinedRunCopy(examples.find((e) => e.file === COMBINED_FILE).workflow);
	fs.writeFileSync(path.join(dir, 'workflows', 'zz-combined-demo-run.json'), JSON.stringify(combined.workflow, null, 2));

	step('Importing the simulator credentials and the example workflows into n8n');
	const cred = await n8n(['import:credentials', `--input=${credentialFile}`], { userFolder, env });
	if (cred.code !== 0) throw new Error(`n8n import:credentials failed:\n${cred.stdout}\n${cred.stderr}`);
	const wf = await n8n(['import:workflow', '--separate', `--input=${path.join(dir, 'workflows')}`], { userFolder, env });
	if (wf.code !== 0) throw new Error(`n8n import:workflow failed:\n${wf.stdout}\n${wf.stderr}`);
	info(`${examples.map((e) => `"${e.workflow.name}"`).join(', ')} + the demo run copies`);
	return { examples, runCopy, combinedRunCopy: combined, outputs: { cred, wf } };
}

/**
 * What `npm run demo` and `npm run dev` both start from: dependencies, the built package and
 * simulator, the n8n runtime, and the demo user folder with the package, credentials and examples.
 */
async function prepareDemoN8n() {
	await ensureRootDeps();
	await buildPackage();
	await buildSimulator();
	await ensureRuntime();
	fs.mkdirSync(DEMO_USER_FOLDER, { recursive: true });
	await installCommunityPackage(DEMO_USER_FOLDER);
	return { userFolder: DEMO_USER_FOLDER, ...(await importAll(DEMO_USER_FOLDER)) };
}

function toCsv(rows) {
	const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
	const cell = (v) => {
		const s = v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
		return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
	};
	return [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n') + '\n';
}

function toTable(rows) {
	const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
	const text = (v) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
	const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => text(r[c]).length)));
	const numeric = columns.map((c) => rows.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === 'number'));
	const line = (cells) => '│ ' + cells.map((s, i) => (numeric[i] ? s.padStart(widths[i]) : s.padEnd(widths[i]))).join(' │ ') + ' │';
	const rule = (l, m, r) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
	return [rule('┌', '┬', '┐'), line(columns), rule('├', '┼', '┤'), ...rows.map((r) => line(columns.map((c) => text(r[c])))), rule('└', '┴', '┘')].join('\n');
}

/** Items a node produced in an IRun (n8n execute --rawOutput). */
function nodeItems(runJson, nodeName) {
	const runs = runJson?.data?.resultData?.runData?.[nodeName];
	if (!runs) return undefined;
	return runs.flatMap((r) => (r.data?.main?.[0] ?? []).map((item) => item.json));
}

module.exports = {
	EXAMPLES, DEMO_CREDENTIAL, DEMO_OAUTH2_CREDENTIAL, DEMO_INSTAGRAM_CREDENTIAL, FLAGSHIP_FILE, FLAGSHIP_RUN_ID, COMBINED_FILE, COMBINED_RUN_ID, WEEKLY_CHART_FILE, WEEKLY_CHART_RUN_ID, DEMO_USER_FOLDER, OUTPUT_DIR,
	ensureRootDeps, buildPackage, buildSimulator, prepareDemoN8n, demoToken, instagramDemoToken, demoCredentials, packPackage, installCommunityPackage, readExamples, manualRunCopy, flagshipRunCopy, combinedRunCopy, weeklyChartRunCopy, importAll, toCsv, toTable, nodeItems,
};
