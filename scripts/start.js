#!/usr/bin/env node
// `npm start`: build the API (and the web app when present), then run it. SQLite under ./data,
// port 3000, unless DATABASE_URL / PORT say otherwise. Set INTEGRATOR_SKIP_BUILD=1 to reuse dist/.
// `node scripts/start.js worker` runs a distributed worker instead.
//
// The server runs as a child process because V8's heap is sized when a process starts
// (scripts/heap.js); signals are passed on and its exit code is this one's.
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');
const { heapArgs } = require('./heap');

const root = path.resolve(__dirname, '..');
const role = process.argv[2] ?? 'api';
if (role !== 'api' && role !== 'worker') {
  console.error(`usage: node scripts/start.js [api|worker] (got "${role}")`);
  process.exit(2);
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!process.env.INTEGRATOR_SKIP_BUILD) {
  run(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build', role]);
  if (role === 'api' && fs.existsSync(path.join(root, 'apps/web/vite.config.ts')))
    run(process.execPath, [path.join(root, 'scripts/build-web.js')]);
}

let flags;
try {
  flags = heapArgs();
} catch (err) {
  console.error(err.message);
  process.exit(2);
}
const main = path.join(root, `dist/apps/${role}/apps/${role}/src/main.js`);
const child = spawn(process.execPath, [...flags, main], { stdio: 'inherit' });
// The server shuts down gracefully on each and ignores a repeat (a terminal's Ctrl-C reaches both).
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'];
for (const signal of forwarded) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (!signal) process.exit(code ?? 1);
  for (const s of forwarded) process.removeAllListeners(s);
  process.kill(process.pid, signal); // end as the server ended
});
