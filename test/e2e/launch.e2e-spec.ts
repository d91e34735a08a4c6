import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, eventually, freePort } from '../support/processes';

// How a server is started outside the tests: `npm start` (scripts/start.js) and the image
// (scripts/serve.sh) size V8's heap for a server (scripts/heap.js, docs/EMBEDDED.md "Memory"),
// pass signals on and end as the server ends.

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { heapArgs } = require('../../scripts/heap') as {
  heapArgs: (env: Record<string, string | undefined>, execArgv: string[], defaultMb?: number) => string[];
};
const root = join(__dirname, '..', '..');

describe('scripts/heap.js', () => {
  test('lowers a large default to just under 2 GiB with 32 MiB semi-spaces, never raises a small one', () => {
    const server = ['--max-old-space-size=2000', '--max-semi-space-size=32'];
    expect(heapArgs({}, [], 4144)).toEqual(server);
    expect(heapArgs({}, [], 2048)).toEqual(server);
    expect(heapArgs({}, [], 1024)).toEqual([]);
  });

  test("the user's heap size stands, in NODE_OPTIONS or on the command line", () => {
    expect(heapArgs({ NODE_OPTIONS: '--max-old-space-size=8192' }, [], 4144)).toEqual([]);
    expect(heapArgs({ NODE_OPTIONS: '--max_old_space_size=512' }, [], 4144)).toEqual([]);
    expect(heapArgs({}, ['--max-old-space-size=300'], 4144)).toEqual([]);
    expect(heapArgs({ NODE_OPTIONS: '--max-semi-space-size=8' }, [], 4144)).toEqual([
      '--max-old-space-size=2000',
    ]);
    expect(heapArgs({ INTEGRATOR_HEAP_MB: '1500' }, [], 1024)).toEqual([
      '--max-old-space-size=1500',
      '--max-semi-space-size=32',
    ]);
    expect(heapArgs({ INTEGRATOR_HEAP_MB: '0' }, [], 4144)).toEqual([]);
  });

  test('a wrong INTEGRATOR_HEAP_MB is named, not ignored', () => {
    expect(() => heapArgs({ INTEGRATOR_HEAP_MB: '2G' }, [], 4144)).toThrow(
      'INTEGRATOR_HEAP_MB: expected a number of MiB, got "2G"',
    );
    const r = spawnSync(process.execPath, ['scripts/heap.js'], {
      cwd: root,
      env: { ...process.env, INTEGRATOR_HEAP_MB: 'lots' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('INTEGRATOR_HEAP_MB');
  });
});

describe('starting a built server', () => {
  jest.setTimeout(120_000);
  beforeAll(() => ensureBuilt());

  const env = (port: number) => ({
    ...process.env,
    DATABASE_URL: '',
    REDIS_URL: '',
    PORT: String(port),
    HOST: '127.0.0.1',
    INTEGRATOR_DATA_DIR: mkdtempSync(join(tmpdir(), 'integrator-launch-')),
    INTEGRATOR_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
    INTEGRATOR_ADMIN_EMAIL: 'admin@example.com',
    INTEGRATOR_ADMIN_PASSWORD: 'a long enough password',
    INTEGRATOR_METRICS_PORT: '0',
    INTEGRATOR_SKIP_BUILD: '1',
    INTEGRATOR_HEAP_MB: '1500',
    NODE_OPTIONS: '',
  });
  const argsOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  const exited = (child: ChildProcess) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
  const healthy = (port: number) =>
    eventually(
      async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => undefined))?.ok,
      60_000,
      'the server to answer',
    );

  test('scripts/serve.sh execs node with the heap flag: the server is the process signalled', async () => {
    const port = await freePort();
    const child = spawn('sh', ['scripts/serve.sh', 'api'], { cwd: root, env: env(port), stdio: 'ignore' });
    const end = exited(child);
    await healthy(port);
    // exec: the shell's process is now the server itself, started with the heap flag.
    expect(argsOf(child.pid!).slice(1)).toEqual([
      '--max-old-space-size=1500',
      '--max-semi-space-size=32',
      'dist/apps/api/apps/api/src/main.js',
    ]);
    child.kill('SIGTERM');
    expect(await end).toEqual({ code: 0, signal: null }); // a graceful stop
  });

  test('scripts/start.js runs the server as a child with the heap flag and passes SIGTERM on', async () => {
    const port = await freePort();
    const parent = spawn(process.execPath, ['scripts/start.js'], {
      cwd: root,
      env: env(port),
      stdio: 'ignore',
    });
    const end = exited(parent);
    await healthy(port);
    const [serverPid] = readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    expect(argsOf(serverPid).slice(1)).toEqual([
      '--max-old-space-size=1500',
      '--max-semi-space-size=32',
      join(root, 'dist/apps/api/apps/api/src/main.js'),
    ]);
    parent.kill('SIGTERM');
    expect(await end).toEqual({ code: 0, signal: null }); // the server's own exit code
    expect(() => process.kill(serverPid, 0)).toThrow(); // the server is gone too
  });

  test('an unknown role is refused by both', () => {
    for (const [cmd, args] of [
      ['sh', ['scripts/serve.sh', 'scheduler']],
      [process.execPath, ['scripts/start.js', 'scheduler']],
    ] as const) {
      const r = spawnSync(cmd, [...args], { cwd: root, env: env(1), encoding: 'utf8' });
      expect([cmd, r.status]).toEqual([cmd, 2]);
      expect(r.stderr).toMatch(/usage: .*\[api\|worker\]/);
    }
  });
});
