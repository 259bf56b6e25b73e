'use strict';
/** Debian's chromium for the browser check: installed with apt-get when missing (CI runs as root). */
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

function ensureChromium(log = console.log) {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	const asRoot = process.getuid && process.getuid() === 0;
	const sudo = asRoot ? [] : ['sudo', '-n'];
	log(`Installing Debian's chromium package (apt-get install chromium) — ${CHROMIUM} is missing`);
	const apt = (args) => {
		const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
		const r = spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (r.status !== 0) throw new Error(`${[cmd, ...rest].join(' ')} failed (exit ${r.status})`);
	};
	apt(['update']);
	apt(['install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation']);
	if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
	log(execFileSync(CHROMIUM, ['--version']).toString().trim());
	return CHROMIUM;
}

module.exports = { ensureChromium, CHROMIUM, FLAGS };

if (require.main === module) ensureChromium();
