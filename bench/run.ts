/**
 * `npm run bench`: every post with its insights, through n8n's engine, against the simulator
 * with a per-request latency and a rate limit that refuses requests beyond `cap` in flight
 * (Meta's code 4, answered after the latency and counted in flight meanwhile, as Meta does).
 * Every measurement runs in a fresh Node process, warmed up on its own scenario first.
 * Prints the table, writes bench/results.md, results.json and chart.svg.
 * A measurement, not a test: nothing here passes or fails (the targets are reported, not enforced).
 *
 * Development runs (nothing written): `-- --quick` (N=1,000, no baselines),
 * `-- --sizes=1000 --configs=200:20,50:20 --no-baseline --refusals=instant --simulator=remote`.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import nock from 'nock';

import { oauth2Credential } from '../test/engine/fixtures';
import { registerNodeType, runWorkflow } from '../test/harness/runWorkflow';
import { createDemoWorld } from '../test/simulator/demoWorld';
import type { FrontEndSettings, RefusalModel } from '../test/simulator/frontEnd';
import type { SimulatorOptions } from '../test/simulator/threadsSimulator';
import { ThreadsSimulator } from '../test/simulator/threadsSimulator';
import type { ScenarioName } from './scenarios';
import { BATCH_INTERVAL_FACTORS, HTTP_REQUEST_TYPE, OUTPUT_NODE, SCENARIO_LABELS, scenarioWorkflow } from './scenarios';
import { renderChart } from './chart';
import type { BenchSimulator } from './remoteSimulator';
import { startRemoteSimulator } from './remoteSimulator';

interface Row {
	scenario: ScenarioName;
	n: number;
	latencyMs: number;
	cap: number;
	wallMs: number;
	requests: number;
	refused: number;
	failedItems: number;
	limitMs: number;
	peakInFlight: number;
	cpuMs: number;
	peakRssMb: number;
	/** For the hand-tuned baseline: the batch interval that first completed. */
	setting?: string;
}

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'bench');

/** The fastest any client can be: the page chain, or N + P requests through `cap` slots. */
export function latencyLimitMs(n: number, cap: number, latencyMs: number): number {
	const pages = Math.ceil(n / 100);
	return Math.max(Math.ceil((n + pages) / cap), pages) * latencyMs;
}

function loadHttpRequestNode(): boolean {
	const candidates = [path.join(ROOT, 'e2e/n8n/node_modules/n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js')];
	for (const file of candidates) {
		if (!fs.existsSync(file)) continue;
		try {
			const { HttpRequest } = require(file) as { HttpRequest: new () => never };
			registerNodeType(HTTP_REQUEST_TYPE, new HttpRequest());
			return true;
		} catch (error) {
			console.warn(`HTTP Request node could not be loaded (${(error as Error).message.split('\n')[0]})`);
		}
	}
	return false;
}

let refusals: RefusalModel = 'afterLatency';
/** Where the simulator runs: in the measured process behind nock, as in the tests (the default), or in its own process, reached over real sockets. */
type SimulatorPlace = 'remote' | 'in-process';
let simulatorPlace: SimulatorPlace = 'in-process';

/** The variant the tests use: nock interceptors in this process, which also spend this process's CPU. */
function startInProcessSimulator(options: SimulatorOptions & FrontEndSettings, n: number): BenchSimulator {
	nock.disableNetConnect();
	const sim = new ThreadsSimulator(options);
	const { token } = createDemoWorld(sim, { postCount: n });
	sim.install();
	return {
		token,
		counts: async () => ({ requests: sim.requests.length, refused: sim.refusedCount, peakInFlight: sim.peakInFlight }),
		stop: async () => {
			sim.uninstall();
			nock.cleanAll();
		},
	};
}

async function measure(scenario: ScenarioName, n: number, latencyMs: number, cap: number, batchFactor?: number): Promise<Row> {
	// The front end reads the simulator's own options object, refusal model included.
	const options: SimulatorOptions & FrontEndSettings = { latencyMs, maxInFlight: cap, refusals };
	// nock patches Node's HTTP client when it is loaded: off, so requests reach real sockets unobserved.
	if (simulatorPlace === 'remote') nock.restore();
	const meta = simulatorPlace === 'remote' ? await startRemoteSimulator({ ...options, postCount: n }) : startInProcessSimulator(options, n);
	// Start every scenario from a collected heap, so one scenario's garbage is not the next one's CPU.
	(globalThis as { gc?: () => void }).gc?.();
	let peakRss = process.memoryUsage().rss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await runWorkflow(scenarioWorkflow(scenario, meta.token, cap, latencyMs, batchFactor), { credentials: oauth2Credential(meta.token) });
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	const counts = await meta.counts();
	await meta.stop();
	const rows = result.output[OUTPUT_NODE[scenario]] ?? [];
	const failedItems = result.error ? n : rows.filter((item) => item.error || item.json.error).length + Math.max(0, n - rows.length);
	return {
		scenario,
		n,
		latencyMs,
		cap,
		wallMs,
		requests: counts.requests,
		refused: counts.refused,
		failedItems,
		limitMs: latencyLimitMs(n, cap, latencyMs),
		peakInFlight: counts.peakInFlight,
		cpuMs: (cpu.user + cpu.system) / 1000,
		peakRssMb: peakRss / 1024 / 1024,
		setting: batchFactor ? `${cap} per ${Math.ceil(latencyMs * batchFactor)} ms` : undefined,
	};
}

interface MeasurementSpec {
	scenario: ScenarioName;
	n: number;
	latencyMs: number;
	cap: number;
	batchFactor?: number;
	refusals: RefusalModel;
	simulator: SimulatorPlace;
}

/**
 * One measurement in a fresh Node process (warmed up on the same scenario first): no row
 * inherits an earlier scenario's heap, garbage or JIT state, so the order of the table does
 * not change its figures, and peak RSS is that scenario's own.
 */
async function measureIsolated(scenario: ScenarioName, n: number, latencyMs: number, cap: number, batchFactor?: number): Promise<Row> {
	const spec: MeasurementSpec = { scenario, n, latencyMs, cap, batchFactor, refusals, simulator: simulatorPlace };
	const child = spawn(process.execPath, [...process.execArgv, __filename, `--measure=${JSON.stringify(spec)}`], { stdio: ['ignore', 'pipe', 'inherit'] });
	let stdout = '';
	child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	const last = stdout.trim().split('\n').at(-1) ?? '';
	if (code !== 0 || !last.startsWith('{')) throw new Error(`measurement ${JSON.stringify(spec)} failed (exit ${code}): ${stdout.slice(-2000)}`);
	return JSON.parse(last) as Row;
}

/** The child's side of measureIsolated: warm up, measure, print the row as the last line. */
async function measureHere(spec: MeasurementSpec): Promise<void> {
	refusals = spec.refusals;
	simulatorPlace = spec.simulator;
	if (spec.scenario.startsWith('httpRequest') && !loadHttpRequestNode()) throw new Error('HTTP Request node not available');
	// As warm as a long-running n8n: the same scenario and ceiling, 1,200 posts at 20 ms.
	for (const n of [200, 1000]) await measure(spec.scenario, n, 20, spec.cap, spec.batchFactor);
	const row = await measure(spec.scenario, spec.n, spec.latencyMs, spec.cap, spec.batchFactor);
	process.stdout.write(`${JSON.stringify(row)}\n`);
}

/** The hand-tuned baseline: the most aggressive batch interval that completes without failed items. */
async function measureHandTuned(n: number, latencyMs: number, cap: number): Promise<Row> {
	let row: Row | undefined;
	for (const factor of BATCH_INTERVAL_FACTORS) {
		row = await measureIsolated('httpRequestBatched', n, latencyMs, cap, factor);
		if (!row.failedItems) break;
	}
	return row as Row;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const ratio = (row: Row) => row.wallMs / row.limitMs;
const retryShare = (row: Row) => (100 * row.refused) / Math.max(1, row.requests);

function table(rows: Row[]): string {
	const ours = (row: Row) => rows.find((r) => r.scenario === 'ours' && r.n === row.n && r.latencyMs === row.latencyMs && r.cap === row.cap);
	const lines = [
		'| scenario | N | latency | cap | wall s | limit s | ×limit | requests | retries (%) | failed items | peak in flight | baseline/ours |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const row of rows) {
		const mine = ours(row);
		const failed = row.failedItems > 0;
		lines.push(
			`| ${SCENARIO_LABELS[row.scenario]}${row.setting ? ` (${row.setting})` : ''} | ${row.n} | ${row.latencyMs} ms | ${row.cap} | ${seconds(row.wallMs)} | ${seconds(row.limitMs)} | ${
				failed && row.scenario !== 'ours' ? '' : `${ratio(row).toFixed(2)}×`
			} | ${row.requests} | ${row.refused} (${retryShare(row).toFixed(1)} %) | ${row.failedItems} | ${row.peakInFlight} | ${
				row.scenario !== 'ours' && mine ? (failed ? 'run failed' : (row.wallMs / mine.wallMs).toFixed(2)) : ''
			} |`,
		);
	}
	return lines.join('\n');
}

/** Issue 14's targets for this package's rows, each with the figures it was judged on. */
function targets(rows: Row[]): string[] {
	const ours = rows.filter((row) => row.scenario === 'ours');
	const check = (label: string, selected: Row[], limit: number) => {
		if (!selected.length) return undefined;
		const ratios = selected.map((row) => `${ratio(row).toFixed(2)}× (N=${row.n})`).join(', ');
		return `- ${selected.every((row) => ratio(row) <= limit) ? 'met' : '**not met**'}: ${label} ≤ ${limit}× the limit: ${ratios}`;
	};
	const at = (latencyMs: number, caps: number[]) => ours.filter((row) => row.latencyMs === latencyMs && caps.includes(row.cap));
	const maxRetries = Math.max(0, ...ours.map(retryShare));
	const failed = rows.filter((row) => row.scenario === 'ours').reduce((sum, row) => sum + row.failedItems, 0);
	return [
		check('200 ms, cap 20', at(200, [20]), 1.15),
		check('200 ms, caps 5 and 50', at(200, [5, 50]), 1.3),
		check('50 ms, cap 20', at(50, [20]), 1.5),
		`- ${maxRetries < 2 ? 'met' : '**not met**'}: retries < 2 % in every row (highest ${maxRetries.toFixed(2)} %)`,
		`- ${failed === 0 ? 'met' : '**not met**'}: zero failed items (${failed} in all)`,
	].filter((line): line is string => line !== undefined);
}

function option(name: string): string | undefined {
	return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
	process.env.N8N_LOG_LEVEL = 'silent';
	const quick = process.argv.includes('--quick');
	const sizes = (option('sizes') ?? (quick ? '1000' : '1000,5000')).split(',').map(Number);
	// latency:cap pairs; the baselines' comparison figures come from the same run.
	const configs = (option('configs') ?? '200:20,200:5,200:50,50:20').split(',').map((pair) => pair.split(':').map(Number) as [number, number]);
	const withBaseline = !quick && !process.argv.includes('--no-baseline');
	refusals = option('refusals') === 'instant' ? 'instant' : 'afterLatency';
	simulatorPlace = option('simulator') === 'remote' ? 'remote' : 'in-process';
	const development = quick || process.argv.some((arg) => /^--(sizes|configs|no-baseline|refusals|simulator)/.test(arg));
	const haveHttpNode = withBaseline && loadHttpRequestNode();
	if (withBaseline && !haveHttpNode) console.warn('n8n-nodes-base not installed (run `npm run demo` once): HTTP Request baselines skipped');

	const rows: Row[] = [];
	const run = async (scenario: ScenarioName, n: number, latencyMs: number, cap: number) => {
		const row = scenario === 'httpRequestBatched' ? await measureHandTuned(n, latencyMs, cap) : await measureIsolated(scenario, n, latencyMs, cap);
		rows.push(row);
		console.log(
			`${SCENARIO_LABELS[scenario].padEnd(44)} N=${String(n).padStart(4)} ${String(latencyMs).padStart(3)}ms cap ${String(cap).padStart(2)}: ${seconds(row.wallMs)} s (${ratio(row).toFixed(2)}× limit), ${row.requests} requests, ${row.refused} refused, ${row.failedItems} failed, peak ${row.peakInFlight}`,
		);
	};
	for (const [latencyMs, cap] of configs) {
		for (const n of sizes) {
			await run('ours', n, latencyMs, cap);
			if (haveHttpNode) await run('httpRequestBatched', n, latencyMs, cap);
			// What a user builds without this package, for the chart: N=1,000, cap 20 only.
			if (!quick && n === 1000 && cap === 20) {
				await run('listThenGetInsights', n, latencyMs, cap);
				if (haveHttpNode) await run('httpRequestDefault', n, latencyMs, cap);
			}
		}
	}

	const oursAt = (n: number) => rows.find((row) => row.scenario === 'ours' && row.n === n && row.latencyMs === 50 && row.cap === 20);
	const growth = sizes.map(oursAt).filter(Boolean) as Row[];
	const cpuLines = growth.map(
		(row) => `- N=${row.n}: node CPU ${(row.cpuMs / (row.n / 1000)).toFixed(0)} ms per 1,000 posts (total ${row.cpuMs.toFixed(0)} ms), peak RSS ${row.peakRssMb.toFixed(0)} MB`,
	);
	const refusalModel =
		refusals === 'instant'
			? 'refused on arrival, without latency, not counted in flight (the old model, `--refusals=instant`)'
			: "answered after the same latency as any other answer and counted in flight while pending, so a pending refusal holds Meta's capacity and can cause further refusals (the worst reading Meta's pages allow)";
	const targetLines = targets(rows);
	const report = [
		`# Benchmark: every post with its insights`,
		'',
		`Run ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}, load average before the run ${loadBefore}.`,
		'',
		`Rate limit: Meta's code 4 for a request arriving while \`cap\` requests are in flight. **Refusal model: ${refusalModel}.** Limit = max(ceil((N + P) / cap), P) × latency, P = ceil(N / 100): the latency-limited ideal. Retries = refused requests (each is sent again), as a share of all requests. The hand-tuned baseline is the HTTP Request node with batches of \`cap\` every k × latency, k the smallest of ${BATCH_INTERVAL_FACTORS.join(', ')} that completes without failed items.`,
		'',
		table(rows),
		'',
		'Targets (issue 14; defaults, no tuning):',
		...targetLines,
		'',
		"CPU and memory of this package's List + Include Insights (50 ms, cap 20; each row measured in its own Node process: n8n engine, simulator and node; peak RSS includes the warm-up on 1,200 posts):",
		...cpuLines,
		'',
		'![chart](chart.svg)',
	].join('\n');
	if (!development) {
		fs.writeFileSync(path.join(OUT, 'results.md'), `${report}\n`);
		fs.writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify({ refusals, rows }, null, 2)}\n`);
		fs.writeFileSync(path.join(OUT, 'chart.svg'), renderChart(rows.filter((row) => row.cap === 20 && row.n === 1000), SCENARIO_LABELS));
	}
	console.log(`\n${table(rows)}\n\n${targetLines.join('\n')}\n\n${cpuLines.join('\n')}\n\n${development ? 'Development run: nothing written' : 'Written: bench/results.md, bench/results.json, bench/chart.svg'}`);
}

const loadBefore = fs.existsSync('/proc/loadavg') ? fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') : 'unknown';

const measurement = option('measure');
(measurement ? measureHere(JSON.parse(measurement) as MeasurementSpec) : main()).catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
