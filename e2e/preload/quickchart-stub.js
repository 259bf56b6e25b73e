'use strict';
/**
 * Preloaded into the n8n process only by the end-to-end test's run of "Weekly views chart to
 * Slack" (NODE_OPTIONS=--require <threads> --require <instagram> --require <this file>):
 * n8n's own QuickChart node asks https://quickchart.io/chart for the image, and this test
 * machine has no outbound internet. So https://quickchart.io answers GET /chart with a fixed
 * 1×1 PNG through nock, and every request's query (the chart JSON QuickChart's node built
 * from the workflow's items) is written to QUICKCHART_STUB_LOG when the process exits.
 * It draws nothing: it only lets the real QuickChart node run and shows what it sent.
 *
 * Environment, read only here:
 *   QUICKCHART_STUB_LOG   file that receives {requests: [{path, query}]} when the process exits
 */
const fs = require('fs');
const path = require('path');

const isN8n = /(^|[\\/])n8n([\\/]bin[\\/]n8n)?$/.test(process.argv[1] || '') || process.env.THREADS_SIM_FORCE === '1';

/** 1×1 white PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==', 'base64');

if (isN8n) {
	// The same nock the simulators use (one interceptor table per process).
	const build = process.env.THREADS_SIM_BUILD || path.join(__dirname, '..', 'build');
	const nock = require(require.resolve('nock', { paths: [path.join(build, 'test', 'simulator')] }));
	const requests = [];
	nock('https://quickchart.io')
		.persist()
		.get('/chart')
		.query(true)
		.reply(function reply(uri) {
			const url = new URL(uri, 'https://quickchart.io');
			requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
			return [200, PNG, { 'content-type': 'image/png' }];
		});
	const logFile = process.env.QUICKCHART_STUB_LOG;
	if (logFile) {
		process.on('exit', () => {
			try {
				fs.writeFileSync(logFile, JSON.stringify({ requests }, null, 2));
			} catch (e) {
				process.stderr.write(`[quickchart-stub] could not write ${logFile}: ${e.message}\n`);
			}
		});
	}
}
