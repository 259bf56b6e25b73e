#!/usr/bin/env node
'use strict';
// `npm run test:all` on a fresh clone: install the lockfile's dependencies first if needed.
require('./lib/project')
	.ensureRootDeps()
	.catch((error) => {
		console.error(error.message ?? error);
		process.exit(1);
	});
