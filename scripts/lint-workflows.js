#!/usr/bin/env node
'use strict';
/**
 * The GitHub workflows, checked offline in `npm run lint`:
 * 1. every .github/workflows/*.yml against GitHub's workflow schema with action-validator
 *    (devDependency @action-validator/cli; the same check as `npx action-validator <file>`);
 * 2. what n8n's verification needs from them, which no schema knows: the publish workflow
 *    runs on a version tag or a release, may mint an OIDC token (`id-token: write`) and
 *    only read the repository, sets up the npm registry, builds, lints and tests, then
 *    publishes with provenance; the CI workflow runs the project's `.ci/run`.
 * Exits non-zero on any problem.
 */
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const DIR = path.join(ROOT, '.github', 'workflows');
const VALIDATOR = require.resolve('@action-validator/cli/cli.mjs');

/** [file, what must hold, pattern over the file's text] */
const REQUIRED = [
	['ci.yml', 'runs on push and pull_request', /^on:\s*\n(?:[ \t]+.*\n)*?[ \t]+push:.*\n(?:[ \t]+.*\n)*?[ \t]+pull_request:/m],
	['ci.yml', 'runs `bash .ci/run`', /^\s+run: bash \.ci\/run\s*$/m],
	['publish.yml', 'triggers on version tags v*', /^\s+tags: \['v\*'\]\s*$/m],
	['publish.yml', 'triggers on a published release', /^\s+release:\s*\n\s+types: \[published\]\s*$/m],
	['publish.yml', 'permissions id-token: write', /^permissions:\s*\n(?:[ \t]+.*\n)*?[ \t]+id-token: write\s*$/m],
	['publish.yml', 'permissions contents: read', /^permissions:\s*\n(?:[ \t]+.*\n)*?[ \t]+contents: read\s*$/m],
	['publish.yml', 'actions/setup-node with registry-url', /uses: actions\/setup-node@v\d+\s*\n(?:[ \t]+.*\n)*?[ \t]+registry-url: https:\/\/registry\.npmjs\.org/m],
	['publish.yml', 'npm ci, build, lint and tests before publishing', /run: npm ci[\s\S]*run: npm run build[\s\S]*run: npm run lint[\s\S]*run: npm test[\s\S]*npm publish/],
	['publish.yml', 'npm publish --provenance --access public', /^\s+run: npm publish --provenance --access public\s*$/m],
];

const problems = [];
const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort() : [];
for (const expected of new Set(REQUIRED.map(([file]) => file))) {
	if (!files.includes(expected)) problems.push(`.github/workflows/${expected} is missing`);
}
for (const file of files) {
	const full = path.join(DIR, file);
	const result = spawnSync(process.execPath, [VALIDATOR, full], { encoding: 'utf8' });
	if (result.status !== 0) problems.push(`.github/workflows/${file}: action-validator found errors\n${result.stdout}${result.stderr}`);
	else console.log(`✓ .github/workflows/${file}: valid workflow (action-validator)`);
	const text = fs.readFileSync(full, 'utf8');
	for (const [name, what, pattern] of REQUIRED) {
		if (name === file && !pattern.test(text)) problems.push(`.github/workflows/${file}: ${what}`);
	}
}
if (problems.length) {
	console.error(`✗ GitHub workflows:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
	process.exit(1);
}
console.log(`✓ publish.yml publishes with provenance after build, lint and tests; ci.yml runs .ci/run`);
