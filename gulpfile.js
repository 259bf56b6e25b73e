// Copies node and credential icons next to the compiled code, where n8n resolves `file:` icons.
const { src, dest } = require('gulp');

function buildIcons() {
	return src('icons/*.{png,svg}').pipe(dest('dist/icons'));
}

exports['build:icons'] = buildIcons;
