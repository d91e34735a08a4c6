import { spawn, type ChildProcess } from 'node:child_process';
import { Client } from 'pg';
import os from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, freePort, freshDatabase, Processes } from '../test/support/processes';
import { backendPids, CpuMeter, postgresPids, redisStats } from './cpu';
import { load } from './load';
import { payload, scenarioUrl, ADMIN } from './scenario';

// Horizontal scale (issue 16): one API process and N workers (1, 2, 4) against one PostgreSQL and
// one Redis, each with a fresh database; executions/s and the CPU each component spent, read from
// outside (/proc, Redis INFO). Beside them, the bare node:http server on PostgreSQL measured in
// the same run. Bounded by time and by request count; traffic goes to 127.0.0.1 only.

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30_000);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WORKERS = (process.env.BENCH_WORKERS ?? '1,2,4').split(',').map(Number);

interface Result {
  label: string;
  ok: number;
  failed: number;
  seconds: number;
  /** CPU seconds per component during the measured load. */
  cpu: Record<string, number>;
  /** CPU seconds per second per component with no traffic. */
  idlePerSecond: Record<string, number>;
  load: string;
  /** Growth of the database per stored execution (rows, indexes, logs; before any vacuum). */
  bytesPerExecution?: number;
  redisCommandsPerExecution: number;
}

/** Only the machine's own PostgreSQL and Redis: this benchmark must never load anything else. */
function loopbackOnly(url: string, what: string): string {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  if (!['127.0.0.1', 'localhost', '::1'].includes(host))
    throw new Error(`${what} must point at this machine (127.0.0.1), not ${host}`);
  return url;
}

/** CPU seconds each component spends while `during` runs (Redis: the whole server). */
async function sample(
  components: Record<string, CpuMeter>,
  redisUrl: string,
  during: () => Promise<void>,
): Promise<{ cpu: Record<string, number>; seconds: number; redisCommands: number }> {
  const before = { redis: await redisStats(redisUrl), self: process.cpuUsage() };
  for (const meter of Object.values(components)) await meter.start();
  const started = Date.now();
  await during();
  const seconds = (Date.now() - started) / 1000;
  const cpu: Record<string, number> = {};
  for (const [name, meter] of Object.entries(components)) cpu[name] = await meter.stop();
  const redis = await redisStats(redisUrl);
  cpu.redis = redis.cpu - before.redis.cpu;
  const self = process.cpuUsage(before.self);
  cpu['load generator'] = (self.user + self.system) / 1e6;
  return { cpu, seconds, redisCommands: redis.commands - before.redis.commands };
}

/**
 * Warm-up, then a quiet spell (what each component costs with no traffic: polling, heartbeats),
 * then the measured load; every component's CPU read before and after each.
 */
async function measure(
  label: string,
  url: string,
  components: Record<string, CpuMeter>,
  redisUrl: string,
): Promise<Result> {
  await load(url, payload, 2, CONNECTIONS, REQUESTS); // warm-up: connections, JIT, caches
  const idle = await sample(
    components,
    redisUrl,
    () => new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000)),
  );
  let r = { ok: 0, failed: 0 };
  const busy = await sample(components, redisUrl, async () => {
    r = await load(url, payload, SECONDS, CONNECTIONS, REQUESTS);
  });
  const idlePerSecond = Object.fromEntries(Object.entries(idle.cpu).map(([k, v]) => [k, v / idle.seconds]));
  const loadAverage = os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
  return {
    label,
    ok: r.ok,
    failed: r.failed,
    seconds: busy.seconds,
    cpu: busy.cpu,
    idlePerSecond,
    load: loadAverage,
    // Commands the traffic added: the busy count minus the quiet spell's rate (other users).
    redisCommandsPerExecution:
      (busy.redisCommands - (idle.redisCommands / idle.seconds) * busy.seconds) / Math.max(r.ok, 1),
  };
}

const allPostgres = () => new CpuMeter(postgresPids);
const pid = (child: ChildProcess) => new CpuMeter(() => [child.pid!]);

async function bare(adminUrl: string, redisUrl: string): Promise<Result> {
  const db = await freshDatabase(adminUrl);
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'bare-server.ts'), String(port), 'postgres', db.url],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  try {
    await new Promise((r) => child.stdout!.once('data', r));
    return await measure(
      'bare node:http + PostgreSQL',
      `http://127.0.0.1:${port}/`,
      {
        api: pid(child),
        'postgres (this database)': new CpuMeter(() => backendPids(db.url)),
        'postgres (all)': allPostgres(),
      },
      redisUrl,
    );
  } finally {
    child.kill();
    await db.drop();
  }
}

async function distributed(workers: number, adminUrl: string, redisUrl: string): Promise<Result> {
  const db = await freshDatabase(adminUrl);
  const procs = new Processes({
    INTEGRATOR_ADMIN_EMAIL: ADMIN.email,
    INTEGRATOR_ADMIN_PASSWORD: ADMIN.password,
    INTEGRATOR_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    // No LOG_LEVEL: the API and the workers log as a user's do (info: a line per execution).
    INTEGRATOR_METRICS_PORT: '0',
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    INTEGRATOR_QUEUE_PREFIX: `bench-scale-${Date.now()}`,
    INTEGRATOR_CONCURRENCY: '16',
    // BENCH_PROFILE=<dir>: the API and the workers write CPU profiles there (bench/cpu-profile.cjs).
    ...(process.env.BENCH_PROFILE ? { NODE_OPTIONS: `--require ${join(__dirname, 'cpu-profile.cjs')}` } : {}),
  });
  const port = await freePort();
  try {
    const api = await procs.api(port);
    const components: Record<string, CpuMeter> = { api: pid(api.child) };
    const children = [api.child];
    for (let i = 1; i <= workers; i++) {
      children.push((await procs.worker()).child);
      components[`worker ${i}`] = pid(children[i]);
    }
    components['postgres (this database)'] = new CpuMeter(() => backendPids(db.url));
    components['postgres (all)'] = allPostgres();
    const url = await scenarioUrl(`http://127.0.0.1:${port}`);
    const sizeBefore = await storage(db.url);
    const result = await measure(
      `1 API + ${workers} worker${workers > 1 ? 's' : ''}`,
      url,
      components,
      redisUrl,
    );
    const sizeAfter = await storage(db.url);
    if (process.env.BENCH_PROFILE) {
      for (const child of children) child.kill('SIGUSR2');
      await new Promise((r) => setTimeout(r, 3000));
    }
    result.bytesPerExecution =
      (sizeAfter.bytes - sizeBefore.bytes) / Math.max(sizeAfter.executions - sizeBefore.executions, 1);
    return result;
  } finally {
    await procs.stopAll();
    await db.drop();
  }
}

/** The database's size on disk and how many executions it holds. */
async function storage(databaseUrl: string): Promise<{ bytes: number; executions: number }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('CHECKPOINT').catch(() => undefined); // flush, so the size is current
    const { rows } = await client.query<{ bytes: string; executions: string }>(
      'SELECT pg_database_size(current_database()) AS bytes, (SELECT count(*) FROM executions) AS executions',
    );
    return { bytes: Number(rows[0].bytes), executions: Number(rows[0].executions) };
  } finally {
    await client.end();
  }
}

const ms = (seconds: number, executions: number) => ((seconds * 1000) / Math.max(executions, 1)).toFixed(2);

const workersOf = (cpu: Record<string, number>) => Object.keys(cpu).filter((k) => k.startsWith('worker '));
const sum = (cpu: Record<string, number>, keys: string[]) => keys.reduce((s, k) => s + cpu[k], 0);

/** One Markdown row per run: executions/s, then CPU ms per execution for each component. */
function report(r: Result) {
  const workers = workersOf(r.cpu);
  const perWorker = workers.map((k) => ms(r.cpu[k], r.ok)).join(' + ');
  const cells = [
    r.label,
    (r.ok / r.seconds).toFixed(0),
    String(r.failed),
    ms(r.cpu.api, r.ok),
    workers.length ? `${ms(sum(r.cpu, workers), r.ok)} (${perWorker})` : '—',
    ms(r.cpu['postgres (this database)'], r.ok),
    ms(r.cpu['postgres (all)'], r.ok),
    ms(r.cpu.redis, r.ok),
    ms(r.cpu['load generator'], r.ok),
    // Cores busy on average; 'postgres (this database)' is part of 'postgres (all)'.
    ((sum(r.cpu, Object.keys(r.cpu)) - r.cpu['postgres (this database)']) / r.seconds).toFixed(2),
    r.load,
  ];
  console.log(`| ${cells.join(' | ')} |`);
}

/**
 * The same run split into a fixed cost (CPU ms per second with no traffic) and the cost each
 * execution adds on top (busy CPU minus the idle rate over the same time, per execution).
 */
function reportSplit(r: Result) {
  const groups: Array<[string, string[]]> = [
    ['api', ['api']],
    ['workers', workersOf(r.cpu)],
    ['postgres', ['postgres (this database)']],
    ['redis', ['redis']],
  ];
  const cells = [r.label];
  for (const [, keys] of groups) {
    if (!keys.length) {
      cells.push('—');
      continue;
    }
    const idle = sum(r.idlePerSecond, keys);
    const marginal = (sum(r.cpu, keys) - idle * r.seconds) / Math.max(r.ok, 1);
    cells.push(`${(idle * 1000).toFixed(1)} ms/s · ${(marginal * 1000).toFixed(2)} ms/exec`);
  }
  cells.push(r.redisCommandsPerExecution.toFixed(1));
  cells.push(r.bytesPerExecution === undefined ? '—' : r.bytesPerExecution.toFixed(0));
  console.log(`| ${cells.join(' | ')} |`);
}

async function main() {
  const adminUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!adminUrl || !redisUrl) {
    console.log('scale benchmark skipped: set DATABASE_URL (PostgreSQL) and REDIS_URL, both on 127.0.0.1');
    return;
  }
  loopbackOnly(adminUrl, 'DATABASE_URL');
  loopbackOnly(redisUrl, 'REDIS_URL');
  ensureBuilt();
  console.log(
    `Horizontal scale — ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, Node ${process.version}, ${new Date().toISOString()}, ` +
      `at most ${SECONDS} s or ${REQUESTS} requests per run, ${CONNECTIONS} connections; load average before: ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
  );
  console.log(
    '| Run | Executions/s | Failed | API ms/exec | Workers ms/exec | PostgreSQL (this database) ms/exec | PostgreSQL (all processes) ms/exec | Redis ms/exec | Load generator ms/exec | Cores busy (all of the above) | Load average after |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  const results = [await bare(adminUrl, redisUrl)];
  report(results[0]);
  for (const n of WORKERS) {
    results.push(await distributed(n, adminUrl, redisUrl));
    report(results.at(-1)!);
  }
  console.log('\nFixed cost with no traffic (CPU ms per second) · added cost per execution (CPU ms):');
  console.log(
    '| Run | API | Workers (sum) | PostgreSQL (this database) | Redis (whole server) | Redis commands per execution | Database bytes per execution |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  results.forEach(reportSplit);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
