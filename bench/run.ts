/**
 * `npm run bench`: every post with its insights, through n8n's engine, against the simulator
 * with a per-request latency and a rate limit that refuses requests beyond `cap` in flight
 * (Meta's code 4). Prints the table, writes bench/results.md, results.json and chart.svg.
 * A measurement, not a test: nothing here passes or fails.
 */
import * as fs from 'fs';
import * as path from 'path';
import nock from 'nock';

import { oauth2Credential } from '../test/engine/fixtures';
import { registerNodeType, runWorkflow } from '../test/harness/runWorkflow';
import { createDemoWorld } from '../test/simulator/demoWorld';
import { ThreadsSimulator } from '../test/simulator/threadsSimulator';
import type { ScenarioName } from './scenarios';
import { BATCH_INTERVAL_FACTORS, HTTP_REQUEST_TYPE, OUTPUT_NODE, SCENARIO_LABELS, scenarioWorkflow } from './scenarios';
import { renderChart } from './chart';

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

async function measure(scenario: ScenarioName, n: number, latencyMs: number, cap: number, batchFactor?: number): Promise<Row> {
	nock.disableNetConnect();
	const sim = new ThreadsSimulator({ latencyMs, maxInFlight: cap });
	const { token } = createDemoWorld(sim, { postCount: n });
	sim.install();
	// Start every scenario from a collected heap, so one scenario's garbage is not the next one's CPU.
	(globalThis as { gc?: () => void }).gc?.();
	let peakRss = process.memoryUsage().rss;
	const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const result = await runWorkflow(scenarioWorkflow(scenario, token, cap, latencyMs, batchFactor), { credentials: oauth2Credential(token) });
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	clearInterval(sampler);
	sim.uninstall();
	nock.cleanAll();
	const rows = result.output[OUTPUT_NODE[scenario]] ?? [];
	const failedItems = result.error ? n : rows.filter((item) => item.error || item.json.error).length + Math.max(0, n - rows.length);
	return {
		scenario,
		n,
		latencyMs,
		cap,
		wallMs,
		requests: sim.requests.length,
		refused: sim.refusedCount,
		failedItems,
		limitMs: latencyLimitMs(n, cap, latencyMs),
		peakInFlight: sim.peakInFlight,
		cpuMs: (cpu.user + cpu.system) / 1000,
		peakRssMb: peakRss / 1024 / 1024,
		setting: batchFactor ? `${cap} per ${Math.ceil(latencyMs * batchFactor)} ms` : undefined,
	};
}

/** The hand-tuned baseline: the most aggressive batch interval that completes without failed items. */
async function measureHandTuned(n: number, latencyMs: number, cap: number): Promise<Row> {
	let row: Row | undefined;
	for (const factor of BATCH_INTERVAL_FACTORS) {
		row = await measure('httpRequestBatched', n, latencyMs, cap, factor);
		if (!row.failedItems) break;
	}
	return row as Row;
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);

function table(rows: Row[]): string {
	const ours = (row: Row) => rows.find((r) => r.scenario === 'ours' && r.n === row.n && r.latencyMs === row.latencyMs && r.cap === row.cap);
	const lines = [
		'| scenario | N | latency | cap | wall s | requests | refused | failed items | ours/limit | baseline/ours |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const row of rows) {
		const mine = ours(row);
		lines.push(
			`| ${SCENARIO_LABELS[row.scenario]}${row.setting ? ` (${row.setting})` : ''} | ${row.n} | ${row.latencyMs} ms | ${row.cap} | ${seconds(row.wallMs)} | ${row.requests} | ${row.refused} | ${row.failedItems} | ${
				row.scenario === 'ours' ? `${(row.wallMs / row.limitMs).toFixed(2)} (limit ${seconds(row.limitMs)} s)` : ''
			} | ${row.scenario !== 'ours' && mine ? (row.failedItems ? 'run failed' : (row.wallMs / mine.wallMs).toFixed(2)) : ''} |`,
		);
	}
	return lines.join('\n');
}

async function main(): Promise<void> {
	process.env.N8N_LOG_LEVEL = 'silent';
	const quick = process.argv.includes('--quick');
	const sizes = quick ? [100, 1000] : [100, 1000, 5000];
	const latencies = [200, 50];
	const haveHttpNode = loadHttpRequestNode();
	const scenarios: ScenarioName[] = ['ours', 'listThenGetInsights', ...(haveHttpNode ? (['httpRequestDefault', 'httpRequestBatched'] as const) : [])];
	if (!haveHttpNode) console.warn('n8n-nodes-base not installed (run `npm run demo` once): HTTP Request baselines skipped');

	// Warm-up (module loading, JIT), not reported: every scenario is measured warm.
	for (const scenario of scenarios) await measure(scenario, 200, 20, 20);

	const rows: Row[] = [];
	const run = async (scenario: ScenarioName, n: number, latencyMs: number, cap: number) => {
		const row = scenario === 'httpRequestBatched' ? await measureHandTuned(n, latencyMs, cap) : await measure(scenario, n, latencyMs, cap);
		rows.push(row);
		console.log(
			`${SCENARIO_LABELS[scenario].padEnd(44)} N=${String(n).padStart(4)} ${String(latencyMs).padStart(3)}ms cap ${String(cap).padStart(2)}: ${seconds(row.wallMs)} s, ${row.requests} requests, ${row.refused} refused, ${row.failedItems} failed`,
		);
	};
	for (const latencyMs of latencies) {
		for (const n of sizes) {
			for (const scenario of scenarios) await run(scenario, n, latencyMs, 20);
		}
	}
	for (const cap of [5, 50]) {
		for (const latencyMs of latencies) await run('ours', 1000, latencyMs, cap);
	}

	const oursAt = (n: number) => rows.find((row) => row.scenario === 'ours' && row.n === n && row.latencyMs === 50 && row.cap === 20);
	const growth = [oursAt(1000), oursAt(sizes.at(-1) ?? 1000)].filter(Boolean) as Row[];
	const cpuLines = growth.map(
		(row) => `- N=${row.n}: node CPU ${(row.cpuMs / (row.n / 1000)).toFixed(0)} ms per 1,000 posts (total ${row.cpuMs.toFixed(0)} ms), peak RSS ${row.peakRssMb.toFixed(0)} MB`,
	);
	const report = [
		`# Benchmark: every post with its insights`,
		'',
		`Run ${new Date().toISOString()} on ${process.platform}/${process.arch}, Node ${process.version}. Rate limit: Meta's code 4 beyond \`cap\` requests in flight. Limit = max(ceil((N + P) / cap), P) × latency, P = ceil(N / 100).`,
		'',
		table(rows),
		'',
		'CPU and memory of this package\'s List + Include Insights (50 ms, cap 20; the whole process: n8n engine, simulator and node):',
		...cpuLines,
		'',
		'![chart](chart.svg)',
	].join('\n');
	fs.writeFileSync(path.join(OUT, 'results.md'), `${report}\n`);
	fs.writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(rows, null, 2)}\n`);
	fs.writeFileSync(path.join(OUT, 'chart.svg'), renderChart(rows.filter((row) => row.cap === 20 && row.n === 1000), SCENARIO_LABELS));
	console.log(`\n${table(rows)}\n\n${cpuLines.join('\n')}\n\nWritten: bench/results.md, bench/results.json, bench/chart.svg`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
