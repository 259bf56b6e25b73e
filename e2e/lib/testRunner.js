'use strict';
/**
 * What the e2e scripts (run-e2e.js, run-queue.js) share to run their tests: one ✓/✗ line per
 * test (with its time, and a failure's stack), the closing "label: N passed, N failed (...)"
 * line and the exit code (non-zero on any failure), and polling helpers.
 */
const { color } = require('../../scripts/lib/runtime');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 0.5 s until it gives a truthy value (returned); throws after `timeoutMs`. */
async function until(what, check, timeoutMs) {
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await sleep(500)) {
		const value = await check();
		if (value) return value;
	}
	throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
}

/** `label` opens the summary line: "e2e", "queue mode". */
function testRunner(label) {
	const results = [];
	/** Runs one test: a failure is printed and counted, and the next test runs. */
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
	/** Prints the summary (after `notes`, e.g. a warning) with `timing` in its brackets, and exits. */
	function finish(timing, notes = []) {
		const passed = results.filter((r) => r.ok).length;
		const failed = results.length - passed;
		console.log('');
		for (const note of notes) console.log(note);
		console.log(color(failed ? '1;31' : '1;32', `${label}: ${passed} passed, ${failed} failed (${timing})`));
		process.exit(failed ? 1 : 0);
	}
	/** The script stopped outside a test (preparing, starting n8n): counted as one failure. */
	function setupFailed(error) {
		console.error(color('31', error.stack || error.message));
		console.log(color('1;31', `${label}: 0 passed, 1 failed (setup failed)`));
		process.exit(1);
	}
	return { test, finish, setupFailed };
}

module.exports = { testRunner, until, sleep };
