#!/usr/bin/env node
'use strict';
/**
 * npm run demo — the main job, headless, in a real n8n:
 *   build the package → install/cache Node 24 + n8n 2.41.1 → project-local n8n user
 *   folder (embedded SQLite) → install the package as a community package → import the
 *   example workflows and credentials for the bundled Threads and Instagram simulators →
 *   execute the flagship "Daily Threads report to Google Sheets" and "Threads + Instagram
 *   daily numbers in one Google Sheet" → print their rows and write them to CSV.
 *
 * The simulators answer graph.threads.net and graph.instagram.com inside the n8n process
 * (e2e/preload/), so no Threads or Instagram account and no network are needed.
 */
const fs = require('fs');
const path = require('path');
const { ROOT, n8n, parseRawOutput, step, info, color } = require('./lib/runtime');
const P = require('./lib/project');

/** `n8n execute` of an imported run copy; the run, or an error with n8n's output. */
async function execute(userFolder, workflow) {
	step(`Executing "${workflow.name}" headless (n8n execute)`);
	const result = await n8n(['execute', `--id=${workflow.id}`, '--rawOutput'], { userFolder, env: { THREADS_SIM_QUIET: '1', N8N_LOG_LEVEL: 'info' } });
	let run;
	try {
		run = parseRawOutput(result.stdout);
	} catch {
		throw new Error(`the execution did not produce a result (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
	}
	const error = run?.data?.resultData?.error;
	if (result.code !== 0 || error) throw new Error(`the execution failed: ${error?.message ?? ''}\n${result.stderr}`);
	return run;
}

async function main() {
	const started = Date.now();
	const { userFolder, runCopy, combinedRunCopy } = await P.prepareDemoN8n();
	info(`n8n user folder: ${path.relative(ROOT, userFolder)}/.n8n (SQLite database, community packages)`);

	const run = await execute(userFolder, runCopy.workflow);
	const rows = P.nodeItems(run, runCopy.lastNode) ?? [];

	fs.mkdirSync(P.OUTPUT_DIR, { recursive: true });
	const csv = path.join(P.OUTPUT_DIR, 'daily-threads-report.csv');
	fs.writeFileSync(csv, P.toCsv(rows));

	console.log('');
	console.log(color('1', `These are the rows your Google Sheet would get (${rows.length} posts from the last 7 days, @demo.creator on the simulator):`));
	// The terminal gets the numbers and the start of each text; the CSV has every column in full (permalink, text up to 100 characters).
	const shown = rows.map(({ permalink, text, ...row }) => ({ ...row, text: typeof text === 'string' && [...text].length > 32 ? `${[...text].slice(0, 31).join('')}…` : text }));
	console.log(P.toTable(shown));
	console.log('');
	info(`"${runCopy.lastNode}": one row per post (your reposts of other people's posts are skipped), report_date first, engagement_rate = (likes + replies + reposts + quotes + shares) / views.`);
	console.log(`CSV (all columns, permalink and text included): ${path.relative(process.cwd(), csv) || csv}`);

	const combinedRun = await execute(userFolder, combinedRunCopy.workflow);
	const dailyRows = P.nodeItems(combinedRun, combinedRunCopy.lastNode) ?? [];
	const dailyCsv = path.join(P.OUTPUT_DIR, 'threads-instagram-daily.csv');
	fs.writeFileSync(dailyCsv, P.toCsv(dailyRows));
	console.log('');
	console.log(color('1', `And the row "Threads + Instagram daily numbers in one Google Sheet" would append for yesterday (@demo.creator on both simulators):`));
	// One row of 16 columns reads better standing up.
	console.log(dailyRows.length === 1 ? P.toTable(Object.entries(dailyRows[0]).map(([column, value]) => ({ column, value: String(value ?? '') }))) : P.toTable(dailyRows));
	console.log(`CSV: ${path.relative(process.cwd(), dailyCsv) || dailyCsv}`);
	console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s. Open the editor with the examples and the simulators: npm run dev`);
}

main().catch((e) => {
	console.error(color('31', `demo failed: ${e.stack || e.message}`));
	process.exit(1);
});
