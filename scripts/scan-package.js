#!/usr/bin/env node
'use strict';
/**
 * n8n's verification scanner on our own package, before it is published.
 *
 * `npx @n8n/scan-community-package <name>` only scans what is on the npm registry: it
 * checks the provenance, fetches the attested source from GitHub, downloads the tarball
 * and runs `analyzePackage` (ESLint with n8n's community-node rules, inline
 * eslint-disable comments ignored) twice: on the source (`SOURCE_FILE_PATTERNS`:
 * package.json, nodes/ and credentials/) and on the unpacked tarball (`**\/*.js` and
 * package.json). This script runs the same two analyses, with the scanner's own code and
 * rule versions (devDependency @n8n/scan-community-package), on this checkout and on the
 * tarball `npm pack` makes from it now. Provenance cannot be checked before publishing;
 * the publish workflow (.github/workflows/publish.yml) provides it.
 *
 * Needs a build (dist/). Exits non-zero on any finding. Usage: node scripts/scan-package.js
 */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');

/** `npm pack` into a temporary folder and unpack it there, as the scanner does with a downloaded version. */
function packAndExtract(tmp) {
	const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', tmp], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
	const tarball = path.join(tmp, out.trim().split('\n').pop());
	const dir = path.join(tmp, 'package');
	fs.mkdirSync(dir);
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return { tarball, dir };
}

async function main() {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
		if (!fs.existsSync(path.join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
	}
	const scannerVersion = require('@n8n/scan-community-package/package.json').version;
	const scanner = await import('@n8n/scan-community-package/scanner/scanner.mjs');
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-package-'));
	try {
		const { tarball, dir } = packAndExtract(tmp);
		// The scanner's two legs, with its own file patterns (see analyzePackageByName in scanner.mjs).
		const legs = [
			{ label: `source (${scanner.SOURCE_FILE_PATTERNS.join(', ')})`, dir: ROOT, patterns: scanner.SOURCE_FILE_PATTERNS },
			{ label: `tarball ${path.basename(tarball)} (**/*.js, package.json)`, dir, patterns: ['**/*.js', 'package.json'] },
		];
		let failed = false;
		for (const leg of legs) {
			const result = await scanner.analyzePackage(leg.dir, leg.patterns);
			if (result.passed && result.message) {
				// "No files found to analyze" passes in the scanner; here it means the pack or the patterns are wrong.
				console.log(`✗ ${leg.label}: ${result.message}`);
				failed = true;
			} else if (result.passed) {
				console.log(`✓ ${leg.label}: no findings`);
			} else {
				console.log(`✗ ${leg.label}: ${result.message}`);
				if (result.details) console.log(result.details);
				failed = true;
			}
		}
		console.log(failed ? `n8n scanner ${scannerVersion}: findings, see above` : `n8n scanner ${scannerVersion}: ${pkg.name}@${pkg.version} passes (source and packed tarball)`);
		process.exitCode = failed ? 1 : 0;
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(error.stack || error.message);
	process.exit(1);
});
