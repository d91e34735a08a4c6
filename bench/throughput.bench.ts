import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, freePort, freshDatabase, Processes } from '../test/support/processes';
import { load } from './load';
import { ADMIN, HEAVY_ITEMS, heavyPayload, payload, scenarioUrl } from './scenario';
import { cpuMicros, mainThreadCpuMicros, percentiles, rssMiB } from './process-stats';
import { storedBytes } from './stored-bytes';
import { inTurns, median, Sums, type Measured, type Target } from './rounds';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { heapArgs } = require('../scripts/heap') as {
  heapArgs: (env?: NodeJS.ProcessEnv, execArgv?: string[]) => string[];
};

// Webhook-triggered executions per second (issue 8): webhook -> set variable with a JSONata
// mapping -> webhook response, in embedded mode and in distributed mode with 1 and 2 workers,
// each next to a bare node:http server doing the same JSONata work and storing one row.

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 5);
// Requests kept in flight (BENCH_CONNECTIONS): at 32 a run that waits longer for its commit
// answers fewer requests per second even with the CPU to spare (docs/BENCHMARKS.md, 2026-12-06 14:05).
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
// The defaults and tuned lines keep sending until the server has run this many executions, reading its
// RSS (memory that grows with the history would show here, not after a 17 s run).
const RSS_AFTER = Number(process.env.BENCH_RSS_AFTER ?? 100_000);
// Throughput with 32 connections, the server's CPU per request over that window, then (for
// Integrator) the latency at one connection and the RSS after everything it ran. Given the bare
// server, the throughput window is rounds of ROUND_SECONDS, ours and the bare server's in turns
// (which goes first alternates): the ratio is the median of the rounds' ratios, so a slow spell of
// a shared machine falls on both sides of it (one window each, apart in time, read 0.43 to 0.57
// for the same build).
async function measure(
  url: string,
  pid: number,
  withLatency = false,
  fillTo = 0,
  body: (i: number) => unknown = payload,
  bare?: Target,
): Promise<Measured> {
  const warm = await load(url, body, 2, CONNECTIONS);
  let r: Measured;
  if (bare) r = await inTurns({ url, pid }, bare, body, SECONDS, CONNECTIONS);
  else {
    const cpuBefore = cpuMicros(pid);
    const mainBefore = mainThreadCpuMicros(pid);
    const once = await load(url, body, SECONDS, CONNECTIONS);
    const cpuUs = (cpuMicros(pid) - cpuBefore) / Math.max(1, once.ok);
    const mainCpuUs = (mainThreadCpuMicros(pid) - mainBefore) / Math.max(1, once.ok);
    r = { ...once, cpuUs, mainCpuUs, total: once.ok };
  }
  if (!withLatency) return r;
  const durations: number[] = [];
  const one = await load(url, payload, LATENCY_SECONDS, 1, Infinity, durations);
  let total = warm.ok + r.total! + one.ok;
  // Up to `fillTo` runs in all (at most 10 minutes), reading the RSS every 10,000: one reading
  // lands anywhere in the old generation's cycle, the mean and the maximum tell more.
  const rssReadings: number[] = [];
  const started = Date.now();
  while (fillTo > total && Date.now() - started < 600_000) {
    const chunk = Math.min(10_000, fillTo - total);
    const done = (await load(url, payload, 600, CONNECTIONS, chunk)).ok;
    total += done;
    rssReadings.push(rssMiB(pid));
    if (!done) break;
  }
  const rss = rssMiB(pid);
  return { ...r, total, rss, rssReadings, latency: percentiles(durations) };
}

/** The bare server (bench/bare-server.ts), started; stop it with `child.kill()`. */
async function startBare(store: 'sqlite' | 'postgres', target: string) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'bare-server.ts'), String(port), store, target],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((r) => child.stdout!.once('data', r));
  return { url: `http://127.0.0.1:${port}/`, pid: child.pid!, child };
}

async function bare(store: 'sqlite' | 'postgres', target: string) {
  const server = await startBare(store, target);
  try {
    return await measure(server.url, server.pid);
  } finally {
    server.child.kill();
  }
}

const common = {
  INTEGRATOR_ADMIN_EMAIL: ADMIN.email,
  INTEGRATOR_ADMIN_PASSWORD: ADMIN.password,
  INTEGRATOR_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
  // No LOG_LEVEL: the defaults line logs as a user's server does (info: a line per execution,
  // read by this process from the server's stdout). The tuned line sets warn.
  INTEGRATOR_METRICS_PORT: '0',
};

// An embedded server as a user starts it (no tuning) or with the given environment, for `use`.
async function withServer<T>(
  env: Record<string, string>,
  use: (base: string, pid: number, dataDir: string) => Promise<T>,
): Promise<T> {
  // BENCH_PROFILE=<dir>: the server writes a CPU profile (all of its run) there when it stops.
  const profile: Record<string, string> = process.env.BENCH_PROFILE
    ? { NODE_OPTIONS: `--require ${join(__dirname, 'cpu-profile.cjs')}` }
    : {};
  // Started as `npm start` and the image start it: with V8's heap sized for a server
  // (scripts/heap.js); a NODE_OPTIONS heap size in `env` overrides it, as it would there.
  const nodeArgs = heapArgs({ ...process.env, ...env } as NodeJS.ProcessEnv, []);
  const procs = new Processes({ ...common, DATABASE_URL: '', REDIS_URL: '', ...profile, ...env }, nodeArgs);
  const port = await freePort();
  try {
    const api = await procs.api(port);
    const result = await use(`http://127.0.0.1:${port}`, api.child.pid!, procs.dataDir);
    if (process.env.BENCH_PROFILE) {
      api.child.kill('SIGUSR2'); // bench/cpu-profile.cjs writes the profile
      await new Promise((r) => setTimeout(r, 2000));
    }
    return result;
  } finally {
    await procs.stopAll();
  }
}

// Embedded mode as a user gets it (no tuning) or with the given environment.
function embedded(
  env: Record<string, string>,
  { modules = 3 as number | 'heavy', full = true, fillTo = 0, bare = undefined as Target | undefined } = {},
): Promise<Measured> {
  return withServer(env, async (base, pid, dataDir) => {
    const url = await scenarioUrl(base, modules);
    const body = modules === 'heavy' ? heavyPayload : payload;
    const measured = await measure(url, pid, full, fillTo, body, bare);
    if (full) measured.stored = storedBytes(join(dataDir, 'integrator.db'));
    return measured;
  });
}

/** What one more module costs, and the 20-module scenario's own figures. */
interface PerModule {
  /** µs of CPU per extra module: the median of the rounds' figures. */
  perModuleUs: number;
  /** The lowest and highest round's figure. */
  spread: [number, number];
  small: Measured;
  large: Measured;
}

// What one more module costs: a 3- and a 20-module scenario on one server, loaded in turns
// (MODULE_ROUNDS rounds of both, which goes first in turns); each round's figure is the
// difference of their CPU per execution over the 17 more modules, the median of them is the cost. Separate server starts
// read 2.9 and 3.6 µs for the same build on one day: how a start's heap settles and a
// neighbour's burst moved the difference more than the modules did.
const MODULE_ROUNDS = Number(process.env.BENCH_MODULE_ROUNDS ?? 8);

function perModule(): Promise<PerModule> {
  return withServer({}, async (base, pid) => {
    const small = await scenarioUrl(base, 3);
    const large = await scenarioUrl(base, 20);
    await load(small, payload, 2, CONNECTIONS); // warm-up of both
    await load(large, payload, 2, CONNECTIONS);
    const sums = { small: new Sums(payload, CONNECTIONS), large: new Sums(payload, CONNECTIONS) };
    const figures: number[] = [];
    for (let r = 0; r < MODULE_ROUNDS; r++) {
      // In turns, which goes first too: what one leaves to collect falls on both alike.
      let a: number, b: number;
      if (r % 2 === 0) {
        a = (await sums.small.round(small, pid)).cpuUs;
        b = (await sums.large.round(large, pid)).cpuUs;
      } else {
        b = (await sums.large.round(large, pid)).cpuUs;
        a = (await sums.small.round(small, pid)).cpuUs;
      }
      figures.push((b - a) / 17);
    }
    return {
      perModuleUs: median(figures),
      spread: [Math.min(...figures), Math.max(...figures)],
      small: sums.small.measured(),
      large: sums.large.measured(),
    };
  });
}

async function distributed(workers: number) {
  const databaseUrl = process.env.DATABASE_URL!;
  const db = await freshDatabase(databaseUrl);
  const procs = new Processes({
    ...common,
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL!,
    INTEGRATOR_QUEUE_PREFIX: `bench-${Date.now()}`,
    INTEGRATOR_CONCURRENCY: '16',
  });
  const port = await freePort();
  try {
    const api = await procs.api(port);
    for (let i = 0; i < workers; i++) await procs.worker();
    const ours = await measure(await scenarioUrl(`http://127.0.0.1:${port}`), api.child.pid!);
    await procs.stopAll();
    return { ours, yardstick: await bare('postgres', db.url) };
  } finally {
    await procs.stopAll();
    await db.drop();
  }
}

function rssSpread(readings: number[] | undefined): string {
  if (!readings || readings.length < 2) return '';
  const mean = readings.reduce((a, b) => a + b, 0) / readings.length;
  return ` (mean ${mean.toFixed(0)}, max ${Math.max(...readings).toFixed(0)} of ${readings.length} readings)`;
}

function line(label: string, ours: Measured, other: Measured) {
  // A line measured in turns with the bare server is compared with those rounds of it.
  const yardstick = ours.paired?.yardstick ?? other;
  const ratio = ours.paired?.ratio ?? ours.perSecond / yardstick.perSecond;
  const extra = ours.latency
    ? `   1 conn median ${ours.latency.median.toFixed(2)} ms p99 ${ours.latency.p99.toFixed(2)} ms   RSS ${ours.rss!.toFixed(0)} MiB after ${ours.total} runs${rssSpread(ours.rssReadings)}`
    : '';
  const stored = ours.stored
    ? `   stored ${ours.stored.perExecution.toFixed(0)} B/exec (file ${ours.stored.filePerExecution.toFixed(0)} B/exec, ${ours.stored.executions} kept)`
    : '';
  console.log(
    `${label.padEnd(28)} ${ours.perSecond.toFixed(0).padStart(7)} exec/s ${ours.cpuUs.toFixed(0).padStart(5)} µs CPU (main thread ${ours.mainCpuUs.toFixed(0)})   bare server ${yardstick.perSecond.toFixed(0).padStart(7)} req/s ${yardstick.cpuUs.toFixed(0).padStart(4)} µs CPU   ratio ${ratio.toFixed(2)}${ours.paired ? ` (median of ${ours.paired.rounds} rounds in turns)` : ''}${ours.failed ? `   (${ours.failed} failed)` : ''}${extra}${stored}`,
  );
}

async function main() {
  ensureBuilt();
  console.log(
    `Webhook throughput — ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${SECONDS} s, ${CONNECTIONS} connections`,
  );
  // The same scenario on the bare server, in the same run: the yardstick of every embedded line,
  // loaded in turns with the defaults and tuned lines (see measure).
  const bareServer = await startBare('sqlite', join(mkdtempSync(join(os.tmpdir(), 'bare-')), 'bare.db'));
  try {
    await embeddedLines(bareServer);
  } finally {
    bareServer.child.kill();
  }
  if (process.env.BENCH_EMBEDDED_ONLY) return;
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    console.log('distributed mode skipped: set DATABASE_URL (PostgreSQL) and REDIS_URL');
    return;
  }
  for (const workers of [1, 2]) {
    const r = await distributed(workers);
    line(`distributed, ${workers} worker${workers > 1 ? 's' : ''}`, r.ours, r.yardstick);
  }
}

async function embeddedLines(bare: Target) {
  const defaults = await embedded({}, { fillTo: RSS_AFTER, bare });
  const yardstick = defaults.paired!.yardstick;
  line('embedded, defaults', defaults, yardstick);
  const modules = await perModule();
  line('embedded, 20 modules', modules.large, yardstick);
  console.log(
    `cost per extra module: ${modules.perModuleUs.toFixed(1)} µs CPU (median of ${MODULE_ROUNDS} rounds on one server, ${modules.spread.map((x) => x.toFixed(1)).join(' to ')}; 3 modules ${modules.small.cpuUs.toFixed(0)} µs, 20 modules ${modules.large.cpuUs.toFixed(0)} µs per execution)`,
  );
  // A heavy run (iterate, map, aggregate: bench/scenario.ts) with a run thread per core beyond
  // the first, and without: what the run threads are for (the default is one per core beyond
  // the first two, docs/EMBEDDED.md).
  if (!process.env.BENCH_NO_HEAVY) {
    const threads = String(Math.max(1, os.availableParallelism() - 1));
    const heavy = (env: Record<string, string>, label: string) =>
      embedded(env, { modules: 'heavy', full: false }).then((m) =>
        console.log(
          `${label.padEnd(40)} ${m.perSecond.toFixed(0).padStart(6)} exec/s ${m.cpuUs.toFixed(0).padStart(5)} µs CPU (main thread ${m.mainCpuUs.toFixed(0)})${m.failed ? `   (${m.failed} failed)` : ''}`,
        ),
      );
    await heavy(
      { INTEGRATOR_WORKERS: threads },
      `heavy run (${HEAVY_ITEMS} items), INTEGRATOR_WORKERS=${threads}`,
    );
    await heavy({ INTEGRATOR_WORKERS: '0' }, 'heavy run, INTEGRATOR_WORKERS=0');
  }
  const tuned = (process.env.BENCH_TUNED ?? 'INTEGRATOR_CONCURRENCY=64,LOG_LEVEL=warn')
    .split(',')
    .filter(Boolean);
  line(
    `embedded, ${tuned.join(' ')}`,
    await embedded(
      Object.fromEntries(tuned.map((t) => [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)])),
      { fillTo: RSS_AFTER, bare },
    ),
    yardstick,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
