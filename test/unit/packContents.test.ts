/**
 * What `npm publish` would ship, after a real `npm run build`: only the compiled nodes and
 * credentials with their codex files and icons, README, LICENSE and package.json. Nothing
 * from test/, bench/ or the simulator, no TypeScript sources, no source map naming an
 * absolute path; everything package.json's `n8n` section and the node descriptions point
 * at is in the package. The build starts from an empty dist/: a stray file planted there
 * first (as a plain `tsc` once wrote dist/test and dist/bench) must be gone.
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const npm = (args: string[]) => execFileSync('npm', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });

interface PackedFile {
	path: string;
	size: number;
}

let files: string[];
let sizes: Map<string, number>;
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
	name: string;
	main?: string;
	files: string[];
	n8n: { nodes: string[]; credentials: string[] };
};

beforeAll(() => {
	const stray = path.join(ROOT, 'dist', 'test', 'simulator', 'stray.js');
	fs.mkdirSync(path.dirname(stray), { recursive: true });
	fs.writeFileSync(stray, '// left by an earlier tsc run: must not survive npm run build\n');
	npm(['run', 'build', '--silent']);
	const [result] = JSON.parse(npm(['pack', '--dry-run', '--json', '--silent'])) as Array<{ files: PackedFile[] }>;
	files = result.files.map((file) => file.path).sort();
	sizes = new Map(result.files.map((file) => [file.path, file.size]));
}, 240_000);

const ALLOWED = [
	/^package\.json$/,
	/^README\.md$/,
	/^LICENSE$/,
	/^dist\/nodes\/[\w/]+(\.node)?\.js(\.map)?$/,
	/^dist\/nodes\/\w+\/\w+\.node\.json$/,
	/^dist\/credentials\/\w+(\.credentials)?\.js(\.map)?$/,
	/^dist\/icons\/[\w.-]+\.(svg|png)$/,
];

describe('npm pack after npm run build', () => {
	it('starts the build from an empty dist/', () => {
		expect(fs.existsSync(path.join(ROOT, 'dist', 'test'))).toBe(false);
		expect(files.filter((file) => file.startsWith('dist/test/'))).toEqual([]);
	});

	it('ships only dist/ nodes, credentials, codex files and icons, README, LICENSE and package.json', () => {
		expect(files.filter((file) => !ALLOWED.some((pattern) => pattern.test(file)))).toEqual([]);
		for (const required of ['package.json', 'README.md', 'LICENSE']) expect(files).toContain(required);
		expect(files.filter((file) => file.startsWith('dist/icons/')).length).toBeGreaterThanOrEqual(2);
		expect(pkg.files).toEqual(['dist']);
	});

	it('ships no tests, benchmark, simulator or TypeScript sources', () => {
		expect(files.filter((file) => /(^|\/)(test|tests|bench|e2e|examples|scripts|simulator)(\/|$)|\.test\.|[Ss]imulator|\.ts$/.test(file))).toEqual([]);
	});

	it('has every node and credential package.json declares, each node with its codex file', () => {
		for (const entry of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) expect(files).toContain(entry);
		for (const node of pkg.n8n.nodes) expect(files).toContain(node.replace(/\.node\.js$/, '.node.json'));
		// Every compiled file has the source map it names, and nothing else is a map.
		for (const file of files.filter((f) => f.endsWith('.js.map'))) expect(files).toContain(file.replace(/\.map$/, ''));
	});

	it('has the icons the nodes and credentials name (light and dark)', () => {
		const icons: string[] = [];
		for (const file of pkg.n8n.nodes) {
			const [className] = path.basename(file).split('.');
			const NodeClass = require(path.join(ROOT, file))[className];
			const { icon } = new NodeClass().description as { icon: { light: string; dark: string } };
			icons.push(...[icon.light, icon.dark].map((ref) => path.posix.join(path.posix.dirname(file), ref.replace(/^file:/, ''))));
		}
		for (const file of pkg.n8n.credentials) {
			const [className] = path.basename(file).split('.');
			const CredentialClass = require(path.join(ROOT, file))[className];
			const { icon } = new CredentialClass() as { icon: { light: string; dark: string } };
			icons.push(...[icon.light, icon.dark].map((ref) => path.posix.join(path.posix.dirname(file), ref.replace(/^file:/, ''))));
		}
		expect(icons.length).toBe(2 * (pkg.n8n.nodes.length + pkg.n8n.credentials.length));
		for (const icon of new Set(icons)) expect(files).toContain(icon);
	});

	it('has no source map naming an absolute path or embedding sources', () => {
		const maps = files.filter((file) => file.endsWith('.map'));
		expect(maps.length).toBeGreaterThan(0);
		for (const file of maps) {
			const map = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as { sources: string[]; sourceRoot?: string; sourcesContent?: unknown };
			const named = [map.sourceRoot ?? '', ...map.sources];
			expect(named.filter((source) => path.isAbsolute(source) || /^[a-z]+:\/\//i.test(source) || /^[A-Za-z]:[\\/]/.test(source))).toEqual([]);
			expect(map.sourcesContent).toBeUndefined();
		}
		// Nor a compiled file naming this machine's checkout.
		for (const file of files.filter((f) => f.endsWith('.js') || f.endsWith('.json') || f.endsWith('.map'))) {
			expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).not.toContain(ROOT);
		}
	});

	it('stays small (no stray build output)', () => {
		const total = [...sizes.values()].reduce((sum, size) => sum + size, 0);
		expect(files.length).toBeLessThan(250);
		expect(total).toBeLessThan(1_500_000);
	});
});
