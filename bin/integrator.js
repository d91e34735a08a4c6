#!/usr/bin/env node
// The `integrator` CLI: runs the TypeScript sources directly (tsx resolves the tsconfig path aliases).
const path = require('node:path');
process.env.TSX_TSCONFIG_PATH = process.env.TSX_TSCONFIG_PATH || path.join(__dirname, '..', 'tsconfig.json');
require('tsx/cjs/api').register();
require('../apps/cli/src/main.ts')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((err) => {
    console.error(err && err.stack ? err.stack : String(err));
    process.exit(2);
  });
