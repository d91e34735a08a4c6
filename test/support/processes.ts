import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';

// Real API and worker processes for the distributed-mode tests (spawn, kill -9, restart, count).

const root = join(__dirname, '..', '..');
export const API_MAIN = join(root, 'dist/apps/api/apps/api/src/main.js');
export const WORKER_MAIN = join(root, 'dist/apps/worker/apps/worker/src/main.js');

/** PostgreSQL and Redis are needed; CI sets both (and fails if they are unreachable). */
export function distributedEnv(): { databaseUrl: string; redisUrl: string } | undefined {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (databaseUrl && redisUrl) return { databaseUrl, redisUrl };
  console.warn(
    'Distributed-mode suites skipped: DATABASE_URL and REDIS_URL are not both set (CI sets them).',
  );
  return undefined;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'test' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the API and the worker unless the build is newer than every source file. */
export function ensureBuilt(): void {
  const lock = join(tmpdir(), 'integrator-build.lock');
  const sources = Math.max(
    newestSource(join(root, 'apps/api/src')),
    newestSource(join(root, 'apps/worker/src')),
    newestSource(join(root, 'libs')),
  );
  const fresh = (file: string) => existsSync(file) && statSync(file).mtimeMs > sources;
  if (fresh(API_MAIN) && fresh(WORKER_MAIN)) return;
  for (let i = 0; i < 600 && !tryLock(lock); i++) spawnSync('sleep', ['0.5']); // another test file is building
  try {
    if (fresh(API_MAIN) && fresh(WORKER_MAIN)) return;
    for (const project of ['api', 'worker']) {
      const r = spawnSync(
        process.execPath,
        [
          require.resolve('@nestjs/cli/bin/nest.js').split('?')[0] /* tsx may add ?namespace= */,
          'build',
          project,
        ],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
      if (r.status !== 0) throw new Error(`nest build ${project} failed:\n${r.stdout}\n${r.stderr}`);
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function tryLock(dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch {
    return false;
  }
}

/** A database of its own for a test file, dropped at the end. */
export async function freshDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `itg_t_${process.pid}_${Date.now().toString(36)}`;
  const admin = new DataSource({ type: 'postgres', url: adminUrl });
  await admin.initialize();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.destroy();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = new DataSource({ type: 'postgres', url: adminUrl });
      await a.initialize();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.destroy();
    },
  };
}

export interface Proc {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
}

export class Processes {
  private readonly all: Proc[] = [];
  readonly dataDir = mkdtempSync(join(tmpdir(), 'integrator-proc-'));

  /** `nodeArgs`: Node's own flags for every process (the bench gives npm start's heap size). */
  constructor(
    private readonly env: Record<string, string>,
    private readonly nodeArgs: string[] = [],
  ) {}

  private start(main: string, extra: Record<string, string>, ready: RegExp): Promise<Proc> {
    const child = spawn(process.execPath, [...this.nodeArgs, main], {
      cwd: root,
      env: { ...process.env, ...this.env, INTEGRATOR_DATA_DIR: this.dataDir, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const proc = { child, output, exited };
    this.all.push(proc);
    return new Promise((resolve, reject) => {
      // Searched for the ready line until it came: joining everything on every chunk after that
      // would cost the test process more and more as a busy server logs (a benchmark's load).
      let started = false;
      const onData = (chunk: Buffer) => {
        output.push(chunk.toString());
        if (!started && ready.test(output.join(''))) {
          started = true;
          resolve(proc);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      void exited.then((code) =>
        reject(new Error(`${main} exited with ${code}:\n${output.join('').slice(-3000)}`)),
      );
    });
  }

  api(port: number, extra: Record<string, string> = {}): Promise<Proc> {
    return this.start(
      API_MAIN,
      { PORT: String(port), HOST: '127.0.0.1', ...extra },
      /Integrator listening on/,
    );
  }

  worker(extra: Record<string, string> = {}): Promise<Proc> {
    return this.start(WORKER_MAIN, extra, /Integrator worker started/);
  }

  async kill(proc: Proc, signal: NodeJS.Signals = 'SIGKILL'): Promise<number | null> {
    proc.child.kill(signal);
    return proc.exited;
  }

  /** The API processes started so far, oldest first. */
  get apis(): Proc[] {
    return this.all.filter((p) => p.child.spawnargs.includes(API_MAIN));
  }

  async stopAllWorkers(): Promise<void> {
    const live = this.all.filter(
      (p) =>
        p.child.spawnargs.includes(WORKER_MAIN) && p.child.exitCode === null && p.child.signalCode === null,
    );
    await Promise.all(live.map((p) => this.kill(p, 'SIGTERM')));
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      this.all
        .filter((p) => p.child.exitCode === null && p.child.signalCode === null)
        .map((p) => this.kill(p)),
    );
  }
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until the check passes (real processes: no clock to move). */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
  what = 'condition',
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
