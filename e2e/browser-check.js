#!/usr/bin/env node
'use strict';
/**
 * The browser check: headless Chromium (Debian's package, no browser download) driven by
 * playwright-core opens the n8n editor with the package loaded, adds the Threads node
 * (Manual Trigger → node creator → Threads → "Get insights of a post"), asserts the node's
 * operations are listed (the node creator's actions and the Operation dropdown), and saves
 * screenshots of its parameters panel to e2e/artifacts/. editorScreenshots() then takes the
 * README's screenshots of the imported examples (the trigger's "Fetch Test Event", the
 * credential dialog, the Daily report's rows), checking what each one shows.
 *
 * Used by run-e2e.js against its n8n; standalone (`node e2e/browser-check.js`) it starts
 * its own n8n on the demo user folder (run `npm run demo` once first).
 */
const assert = require('assert/strict');
const fs = require('fs');
const path = require('path');
const { ROOT, RUNTIME, NODE_TYPE } = require('../scripts/lib/runtime');
const { ensureChromium, FLAGS } = require('./lib/chromium');

const PLAYWRIGHT = path.join(RUNTIME, 'node_modules', 'playwright-core');

/** The operations the built node declares, as the node creator names them ("action"), per resource. */
function declaredOperations() {
	const { Threads } = require(path.join(ROOT, 'dist', 'nodes', 'Threads', 'Threads.node.js'));
	const { properties } = new Threads().description;
	const out = [];
	for (const p of properties) {
		if (p.name !== 'operation') continue;
		const resources = p.displayOptions?.show?.resource ?? [];
		for (const o of p.options) out.push({ resource: resources[0], name: o.name, action: o.action ?? o.name });
	}
	return out;
}

async function browserCheck({ url, artifacts, cookie }) {
	const executablePath = ensureChromium((m) => console.log(`  ${m}`));
	const { chromium, selectors } = require(PLAYWRIGHT);
	selectors.setTestIdAttribute('data-test-id');
	fs.mkdirSync(artifacts, { recursive: true });
	const operations = declaredOperations();
	assert.ok(operations.length >= 4, 'the built node declares its operations');

	const browser = await chromium.launch({ executablePath, args: FLAGS, headless: true });
	const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
	try {
		if (cookie) {
			const [name] = cookie.split('=');
			await page.context().addCookies([{ name, value: cookie.slice(name.length + 1), domain: new URL(url).hostname, path: '/' }]);
		} else {
			// Sign in through the editor's own form (the owner account the scripts set up).
			const { OWNER } = require('../scripts/lib/server');
			await page.goto(`${url}/signin`);
			await page.getByTestId('emailOrLdapLoginId').locator('input').fill(OWNER.email);
			await page.getByTestId('password').locator('input').fill(OWNER.password);
			await page.getByTestId('form-submit-button').click();
			await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
		}
		await page.goto(`${url}/workflow/new`);
		await page.getByTestId('canvas-wrapper').waitFor({ timeout: 60_000 });

		// A trigger first (the Threads node is an action node), then the Threads node.
		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill('Manual');
		await page.getByTestId('item-iterator-item').filter({ hasText: 'Manual Trigger' }).first().click();
		await page.getByTestId('canvas-trigger-node').waitFor();
		await page.keyboard.press('Escape');

		await page.getByTestId('node-creator-plus-button').click();
		await page.getByTestId('node-creator-search-bar').fill('Threads');
		await page.getByTestId('item-iterator-item').filter({ hasText: 'Threads' }).first().click();
		const creator = page.getByTestId('node-creator');
		await creator.getByText(operations[0].action, { exact: true }).waitFor();
		const creatorText = await creator.innerText();
		const missing = operations.filter((o) => o.name !== 'Custom API Call' && !creatorText.includes(o.action));
		assert.deepEqual(missing, [], `operations missing from the node creator:\n${creatorText}`);
		await page.screenshot({ path: path.join(artifacts, 'threads-node-actions.png') });

		// Add it through one of its actions: the parameters panel (NDV) opens.
		const chosen = operations.find((o) => o.resource === 'media' && /insights/i.test(o.action)) ?? operations[0];
		await creator.getByText(chosen.action, { exact: true }).click();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		await page.getByTestId('parameter-input-resource').waitFor();
		await page.getByTestId('parameter-input-operation').waitFor();
		await page.getByTestId('node-credentials-select').waitFor();
		await page.waitForTimeout(500);
		const screenshot = path.join(artifacts, 'threads-node.png');
		await page.screenshot({ path: screenshot });

		// The Operation dropdown lists the resource's operations.
		await page.getByTestId('parameter-input-operation').click();
		const options = page.locator('.el-select-dropdown__item:visible, [role=option]:visible');
		await options.first().waitFor();
		const listed = (await options.allInnerTexts()).map((t) => t.split('\n')[0].trim());
		const expected = operations.filter((o) => o.resource === chosen.resource).map((o) => o.name);
		for (const name of expected) assert.ok(listed.includes(name), `Operation dropdown lists "${name}" (listed: ${listed.join(', ')})`);
		await page.waitForTimeout(600); // let the dropdown finish fading in
		await page.screenshot({ path: path.join(artifacts, 'threads-node-operations.png') });
		await page.keyboard.press('Escape');

		// The node on the canvas is ours.
		const types = await page.evaluate(() => [...document.querySelectorAll('[data-test-id="canvas-node"]')].map((n) => n.getAttribute('data-node-type')));
		if (types.some(Boolean)) assert.ok(types.includes(NODE_TYPE), `canvas node types: ${types}`);
		return { screenshot, operations: [...new Set(operations.map((o) => o.action))], listed };
	} catch (e) {
		await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {});
		throw e;
	} finally {
		await browser.close();
	}
}

/** Signs the page in: the server's auth cookie, or the editor's own sign-in form. */
async function signIn(page, url, cookie) {
	if (cookie) {
		const [name] = cookie.split('=');
		await page.context().addCookies([{ name, value: cookie.slice(name.length + 1), domain: new URL(url).hostname, path: '/' }]);
		return;
	}
	const { OWNER } = require('../scripts/lib/server');
	await page.goto(`${url}/signin`);
	await page.getByTestId('emailOrLdapLoginId').locator('input').fill(OWNER.email);
	await page.getByTestId('password').locator('input').fill(OWNER.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 30_000 });
}

/** The element's text once it matches `pattern` (n8n renders the JSON view after the switch), or what it shows after 15 s. */
async function textOnceShown(locator, pattern, timeoutMs = 15_000) {
	let text = '';
	for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
		text = await locator.innerText().catch(() => '');
		if (pattern.test(text)) break;
	}
	return text;
}

/** Closes n8n's toasts ("Node executed successfully") and moves the pointer off any tooltip, for a clean screenshot. */
async function tidy(page) {
	for (const close of await page.locator('.el-notification__closeBtn').all()) await close.click().catch(() => {});
	await page.mouse.move(960, 120);
	await page.waitForTimeout(800);
}

/**
 * Screenshots of the imported examples in the editor, for the README (e2e/artifacts/):
 * - trigger-test-event.png: the Threads Trigger of the views alert, after "Fetch Test Event"
 *   (n8n 2.41's button for a polling trigger's test step): its sample events, JSON view;
 * - credential-dialog.png: the "Threads Self-Renewing Token API" credential's dialog;
 * - daily-report-output.png: the Daily report, its Threads node executed in the editor
 *   ("Execute step": the Schedule Trigger runs manually, then the Threads node; the Google
 *   Sheets node, without an account here, is not run), its rows in the logs panel's table.
 * Asserts what each shows, so a screenshot of the wrong thing fails the test.
 */
async function editorScreenshots({ url, artifacts, cookie, alert, daily, credential }) {
	const executablePath = ensureChromium((m) => console.log(`  ${m}`));
	const { chromium, selectors } = require(PLAYWRIGHT);
	selectors.setTestIdAttribute('data-test-id');
	fs.mkdirSync(artifacts, { recursive: true });
	const browser = await chromium.launch({ executablePath, args: FLAGS, headless: true });
	const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
	const shots = {};
	try {
		await signIn(page, url, cookie);

		// (a) The trigger's test step: "Fetch Test Event" in its parameters panel.
		await page.goto(`${url}/workflow/${alert.workflowId}/${alert.nodeId}`);
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor({ timeout: 60_000 });
		const fetchButton = page.getByTestId('node-execute-button');
		assert.equal((await fetchButton.innerText()).trim(), 'Fetch Test Event');
		await fetchButton.click();
		let output = page.getByTestId('output-panel');
		await output.getByTestId('ndv-items-count').waitFor({ timeout: 60_000 });
		await output.getByTestId('radio-button-json').click();
		const events = await textOnceShown(output.getByTestId('ndv-data-container'), /"sample"/);
		assert.match(events, /"sample":\s*true/, 'the test step shows sample events');
		assert.match(events, /"conditionMet":\s*(true|false)/);
		assert.match(events, /"crossedAt":\s*null/);
		await tidy(page);
		shots.trigger = path.join(artifacts, 'trigger-test-event.png');
		await page.screenshot({ path: shots.trigger });

		// (b) The credential's dialog.
		await page.goto(`${url}/home/credentials/${credential.id}`);
		const modal = page.getByTestId('editCredential-modal');
		await modal.waitFor({ state: 'visible', timeout: 60_000 });
		await modal.getByTestId('parameter-input-accessToken').waitFor({ state: 'visible' });
		await page.waitForTimeout(2500); // the dialog tests the credential on opening
		const dialog = await modal.innerText();
		assert.match(dialog, new RegExp(credential.typeName));
		assert.match(dialog, /Access Token/);
		await tidy(page);
		shots.credential = path.join(artifacts, 'credential-dialog.png');
		await page.screenshot({ path: shots.credential });

		// (c) The Daily report: its Threads node executed, its rows in the logs panel.
		await page.goto(`${url}/workflow/${daily.workflowId}/${daily.nodeId}`);
		await ndv.waitFor({ timeout: 60_000 });
		const executeButton = page.getByTestId('node-execute-button');
		assert.equal((await executeButton.innerText()).trim(), 'Execute step');
		await executeButton.click();
		output = page.getByTestId('output-panel');
		await output.getByTestId('ndv-items-count').waitFor({ timeout: 60_000 });
		await page.getByTestId('ndv-close-button').click();
		await page.getByTestId('logs-overview-header').click();
		const logs = page.getByTestId('logs-panel');
		const rows = logs.getByTestId('log-details-output');
		await rows.waitFor();
		// Give the table most of the window, then fit the canvas in what is left.
		const handle = await logs.getByTestId('resize-handle').first().boundingBox();
		if (handle) {
			await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
			await page.mouse.down();
			await page.mouse.move(handle.x + handle.width / 2, 400, { steps: 20 });
			await page.mouse.up();
		}
		await page.keyboard.press('1'); // n8n's "zoom to fit"
		const header = (await rows.innerText()).split('\n').slice(0, 40).join(' ');
		for (const column of daily.columns) assert.ok(header.includes(column), `the output table has the column ${column}: ${header.slice(0, 500)}`);
		const count = Number(/(\d+) items?/.exec(await rows.getByTestId('run-data-item-count').innerText())?.[1]);
		assert.ok(count > 0, 'the Threads node returned rows');
		await tidy(page);
		shots.daily = path.join(artifacts, 'daily-report-output.png');
		await page.screenshot({ path: shots.daily });
		return { shots, rows: count };
	} catch (e) {
		await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {});
		throw e;
	} finally {
		await browser.close();
	}
}

module.exports = { browserCheck, editorScreenshots, declaredOperations };

if (require.main === module) {
	(async () => {
		const { startN8n, ensureOwner } = require('../scripts/lib/server');
		const P = require('../scripts/lib/project');
		const server = startN8n(P.DEMO_USER_FOLDER, { port: Number(process.env.E2E_N8N_PORT || 5691) });
		try {
			await server.waitReady(180_000);
			const { cookie } = await ensureOwner(server.url);
			const r = await browserCheck({ url: server.url, cookie, artifacts: path.join(__dirname, 'artifacts') });
			console.log(`browser check passed: ${path.relative(ROOT, r.screenshot)}`);
		} finally {
			await server.stop();
		}
	})().catch((e) => {
		console.error(e.stack || e.message);
		process.exit(1);
	});
}
