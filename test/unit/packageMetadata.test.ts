/**
 * What a user (and n8n's verification) reads about the package says the same thing
 * everywhere: the license, the repository links, the supported and tested n8n versions
 * (package.json, the e2e runtimes' lockfiles, README "Compatibility"), the README's sections
 * in the order of n8n's community node README template, and the changelog.
 */
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json'));
const readme = read('README.md');

/** The n8n version a runtime's lockfile installs. */
const lockedN8n = (folder: string): string => JSON.parse(read(`${folder}/package-lock.json`)).packages['node_modules/n8n'].version;

const versionParts = (version: string) => version.split('.').map(Number);
const compare = (a: string, b: string) => {
	const [x, y] = [versionParts(a), versionParts(b)];
	for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
	return 0;
};
/** ">=A <B" only: the form package.json uses. */
function satisfies(version: string, range: string): boolean {
	const match = /^>=(\d+\.\d+\.\d+) <(\d+\.\d+\.\d+)$/.exec(range);
	if (!match) throw new Error(`unexpected range ${range}`);
	return compare(version, match[1]) >= 0 && compare(version, match[2]) < 0;
}

describe('package metadata', () => {
	it('is MIT licensed, with the LICENSE naming the author', () => {
		expect(pkg.license).toBe('MIT');
		const license = read('LICENSE');
		expect(license).toMatch(/^MIT License\n/);
		expect(license).toContain(`Copyright (c) `);
		expect(license).toContain(pkg.author.name);
	});

	it('names one repository for repository, homepage and bugs', () => {
		const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
		expect(repo).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
		expect(pkg.homepage).toBe(`${repo}#readme`);
		expect(pkg.bugs.url).toBe(`${repo}/issues`);
		expect(readme).toContain(repo);
		expect(read('CHANGELOG.md')).toContain(`${repo}/compare/`);
	});

	it('states the supported n8n range and the versions the e2e runs test, and they agree', () => {
		const { n8n: range, tested } = pkg.n8n.compatibility as { n8n: string; tested: string[] };
		const runtimes = [lockedN8n('e2e/n8n-1x'), lockedN8n('e2e')];
		expect(tested).toEqual(runtimes);
		for (const version of tested) expect(satisfies(version, range)).toBe(true);
		expect(runtimes[0]).toMatch(/^1\./);
		expect(runtimes[1]).toMatch(/^2\./);
		// The only peer dependency n8n's rules allow.
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.dependencies).toBeUndefined();
	});

	it('README: the community node template sections in order, Compatibility naming the range and the tested versions', () => {
		const sections = [...readme.matchAll(/^## (.+)$/gm)].map((match) => match[1]);
		const template = ['Installation', 'Operations', 'Credentials', 'Compatibility', 'Usage', 'Resources', 'Version history'];
		expect(sections.filter((section) => template.includes(section))).toEqual(template);
		const compatibility = readme.slice(readme.indexOf('## Compatibility'), readme.indexOf('## Usage'));
		expect(compatibility).toContain(pkg.n8n.compatibility.n8n);
		for (const version of pkg.n8n.compatibility.tested) expect(compatibility).toContain(version);
		expect(readme).toContain('npm run test:e2e:1x');
	});

	it('CHANGELOG: Keep a Changelog, with an entry for the current version', () => {
		const changelog = read('CHANGELOG.md');
		expect(changelog).toContain('## [Unreleased]');
		expect(changelog).toMatch(new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - `, 'm'));
		expect(changelog).toContain(`[${pkg.version}]: `);
	});
});
