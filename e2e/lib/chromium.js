'use strict';
/** Debian's chromium for the browser check: installed with apt-get when missing (CI runs as root). */
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Debian's color emoji font: without it the demo posts' emoji (📸, 🚀, …) are empty boxes in the screenshots. */
const EMOJI_FONT = '/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf';

function ensureChromium(log = console.log) {
	if (fs.existsSync(CHROMIUM)) {
		ensureEmojiFont(log);
		return CHROMIUM;
	}
	const asRoot = process.getuid && process.getuid() === 0;
	const sudo = asRoot ? [] : ['sudo', '-n'];
	log(`Installing Debian's chromium package (apt-get install chromium) — ${CHROMIUM} is missing`);
	const apt = (args) => {
		const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
		const r = spawnSync(cmd, rest, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		if (r.status !== 0) throw new Error(`${[cmd, ...rest].join(' ')} failed (exit ${r.status})`);
	};
	apt(['update']);
	apt(['install', '-y', '--no-install-recommends', 'chromium', 'fonts-liberation', 'fonts-noto-color-emoji']);
	if (!fs.existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
	log(execFileSync(CHROMIUM, ['--version']).toString().trim());
	return CHROMIUM;
}

/** Installs the emoji font when missing; only a nicer screenshot depends on it, so a failure is a warning. */
function ensureEmojiFont(log = console.log) {
	if (fs.existsSync(EMOJI_FONT)) return;
	const asRoot = process.getuid && process.getuid() === 0;
	const [cmd, ...args] = [...(asRoot ? [] : ['sudo', '-n']), 'apt-get', 'install', '-y', '--no-install-recommends', 'fonts-noto-color-emoji'];
	log('Installing Debian\'s fonts-noto-color-emoji (emoji in the screenshots)');
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	if (r.status !== 0 || !fs.existsSync(EMOJI_FONT)) log(`warning: ${[cmd, ...args].join(' ')} failed (exit ${r.status}); emoji will show as boxes in the screenshots`);
}

module.exports = { ensureChromium, ensureEmojiFont, CHROMIUM, FLAGS };

if (require.main === module) ensureChromium();
