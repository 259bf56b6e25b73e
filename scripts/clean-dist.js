#!/usr/bin/env node
'use strict';
// `npm run build` starts from an empty dist/: whatever an earlier build (or a stray `tsc`) left there never ships.
const fs = require('fs');
const path = require('path');

fs.rmSync(path.join(__dirname, '..', 'dist'), { recursive: true, force: true });
