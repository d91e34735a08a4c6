#!/usr/bin/env node
// `npm run bench`: runs each benchmark in its own process (clean heap, its own peak memory).
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const root = path.join(__dirname, '..');
const only = process.argv[2];
// retention runs only when named (`npm run bench -- retention`).
const suites = only ? [only] : ['engine', 'throughput', 'scale'];
let failed = false;
for (const suite of suites) {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(root, 'bench', `${suite}.bench.ts`)],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.json') },
    },
  );
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
