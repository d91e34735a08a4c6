#!/usr/bin/env node
// `npm start`: build the API (and the web app when present), then run it. SQLite under ./data,
// port 3000, unless DATABASE_URL / PORT say otherwise. Set INTEGRATOR_SKIP_BUILD=1 to reuse dist/.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..');
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!process.env.INTEGRATOR_SKIP_BUILD) {
  run(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build', 'api']);
  if (fs.existsSync(path.join(root, 'apps/web/vite.config.ts')))
    run(process.execPath, [path.join(root, 'scripts/build-web.js')]);
}
require(path.join(root, 'dist/apps/api/apps/api/src/main.js'));
