import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';
import { openDatabase } from '@integrator/persistence';
import type { OrganizationService } from '../apps/api/src/organization/organization.service';
import { RetentionService } from '../apps/api/src/retention/retention.service';
import type { SchedulerService } from '../apps/api/src/scheduler/scheduler.service';
import { freshDatabase } from '../test/support/processes';
import { backendPids, processCpu } from './cpu';

// Retention's count and size limits over a large history (issue 14): the time of one pass, the
// CPU it takes (this process, and PostgreSQL's backends), and the longest stretch the main
// thread was blocked meanwhile (what a webhook arriving during the pass waits). The history is
// written straight into the tables; the pass is RetentionService's own, so this runs the same
// against any version of it. SQLite always; PostgreSQL when DATABASE_URL is set (a fresh
// database on this machine, dropped afterwards).

const RUNS = Number(process.env.BENCH_RUNS ?? 200_000);
const SCENARIOS = Number(process.env.BENCH_SCENARIOS ?? 50);
const NEW_RUNS = 1_000;

interface Settings {
  executionRetentionDays: number;
  executionRetentionCount: number;
  executionRetentionBytes: number;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'retention-bench-'));
  try {
    await measure('SQLite', { sqlitePath: join(dir, 'bench.db') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const url = process.env.DATABASE_URL;
  if (!url) return console.log('PostgreSQL skipped: DATABASE_URL is not set');
  if (!['127.0.0.1', 'localhost', '::1'].includes(new URL(url).hostname.replace(/^\[|\]$/g, '')))
    throw new Error('DATABASE_URL must point at this machine');
  const fresh = await freshDatabase(url);
  try {
    await measure('PostgreSQL', { url: fresh.url });
  } finally {
    await fresh.drop();
  }
}

async function measure(name: string, config: { sqlitePath?: string; url?: string }): Promise<void> {
  const db = await openDatabase(config);
  const settings: Settings = {
    executionRetentionDays: 3650,
    executionRetentionCount: 10_000,
    executionRetentionBytes: 1_073_741_824,
  };
  const organization = { get: async () => settings } as unknown as OrganizationService;
  const scheduler = { addTask: () => undefined } as unknown as SchedulerService;
  const started = Date.now();
  const scenarioIds = await fill(db, RUNS, 0);
  console.log(`${name}: ${RUNS} runs in ${SCENARIOS} scenarios written in ${Date.now() - started} ms`);
  const pids = config.url ? await backendPids(config.url) : [];
  let retention = new RetentionService(db, organization, scheduler);
  const pass = async (label: string) => {
    const r = await timed(
      pids,
      async () => (await retention.pruneByCount()) + (await retention.pruneBySize()),
    );
    console.log(
      `${name} ${label}: ${r.ms.toFixed(0)} ms, CPU ${r.cpuMs.toFixed(0)} ms here + ${r.dbCpuMs.toFixed(0)} ms in PostgreSQL, longest main-thread block ${r.blockMs.toFixed(1)} ms (most CPU between two timer turns ${r.blockCpuMs.toFixed(1)} ms), removed ${r.value}`,
    );
  };
  await pass('first pass after start (nothing over the limits)');
  await pass('next pass (no new runs)');
  // A new instance knows nothing of earlier passes: after a restart, and like every hourly pass.
  retention = new RetentionService(db, organization, scheduler);
  await pass('pass after a restart (no new runs)');
  await fill(db, NEW_RUNS, RUNS, scenarioIds.slice(0, 5));
  await pass(`pass after ${NEW_RUNS} new runs in 5 scenarios (limits not reached)`);
  // Both limits bind: 4,000 per scenario takes the 1,000 new runs' worth out of 5 scenarios;
  // the size limit then takes out a few hundred more of the oldest.
  settings.executionRetentionCount = RUNS / SCENARIOS;
  const total = await storedTotal(db);
  settings.executionRetentionBytes = Math.floor(total * 0.99);
  await pass('pass after lowering both limits');
  await fill(db, NEW_RUNS, RUNS + NEW_RUNS, scenarioIds.slice(5, 10));
  await pass(`pass after ${NEW_RUNS} more new runs (both limits binding)`);
  await pass('next pass (no new runs)');
  // Which runs are left, to compare versions: the same history and limits must keep the same runs.
  const kept = ((await db.query('SELECT "id" FROM executions ORDER BY "id"')) as Array<{ id: string }>).map(
    (r) => r.id,
  );
  const digest = createHash('sha256').update(kept.join(',')).digest('hex').slice(0, 16);
  console.log(`${name}: ${kept.length} runs kept, ids digest ${digest}`);
  // The SQLite checkpoint thread is unreferenced: keep the process up while it stops.
  const alive = setInterval(() => undefined, 1000);
  await db.destroy();
  clearInterval(alive);
}

/** Wall time, CPU time and the longest event-loop delay while `work` runs. */
async function timed<T>(
  pids: number[],
  work: () => Promise<T>,
): Promise<{ ms: number; cpuMs: number; dbCpuMs: number; blockMs: number; blockCpuMs: number; value: T }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  // A timer that wants to run every millisecond: its lateness is how long the thread was busy,
  // or waiting for a core on a loaded machine; the CPU used in the same gap tells which (it
  // counts the process's other threads too, so it is an upper bound of the main thread's work).
  let longest = 0;
  let longestCpu = 0;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const tick = setInterval(() => {
    const at = performance.now();
    const cpuAt = process.cpuUsage();
    longest = Math.max(longest, at - last);
    longestCpu = Math.max(longestCpu, (cpuAt.user - lastCpu.user + cpuAt.system - lastCpu.system) / 1000);
    last = at;
    lastCpu = cpuAt;
  }, 1);
  const dbBefore = pids.reduce((s, p) => s + processCpu(p), 0);
  const cpu = process.cpuUsage();
  const start = performance.now();
  delay.enable();
  const value = await work();
  const ms = performance.now() - start;
  delay.disable();
  clearInterval(tick);
  const end = process.cpuUsage();
  longest = Math.max(longest, performance.now() - last);
  longestCpu = Math.max(longestCpu, (end.user - lastCpu.user + end.system - lastCpu.system) / 1000);
  const used = process.cpuUsage(cpu);
  return {
    ms,
    cpuMs: (used.user + used.system) / 1000,
    dbCpuMs: (pids.reduce((s, p) => s + processCpu(p), 0) - dbBefore) * 1000,
    blockMs: Math.max(longest, delay.max / 1e6),
    blockCpuMs: longestCpu,
    value,
  };
}

/** The sum of the stored size of every run, as the size limit counts it. */
async function storedTotal(db: DataSource): Promise<number> {
  const [row] = await db.query(
    `SELECT SUM(200 + COALESCE(LENGTH(e."modules"), 0) + COALESCE(LENGTH(e."input"), 0)
       + COALESCE(LENGTH(e."response"), 0) + COALESCE(LENGTH(e."error"), 0)) AS total
     FROM executions e`,
  );
  return Number(row.total);
}

/** Writes `count` finished runs (a log of ~500 bytes each), spread over the scenarios. */
async function fill(db: DataSource, count: number, from: number, only?: number[]): Promise<number[]> {
  const postgres = db.options.type === 'postgres';
  let ids = only;
  if (!ids) {
    ids = [];
    for (let s = 0; s < SCENARIOS; s++) {
      const [row] = await db.query(
        `INSERT INTO scenarios (name, folder, blueprint, "createdAt", "updatedAt") VALUES ('bench ${s}', '', '{"flow":[]}', 1, 1) RETURNING id`,
      );
      ids.push(Number(row.id));
    }
  }
  const base = Date.parse('2026-01-01T00:00:00Z');
  const BATCH = 500;
  for (let i = 0; i < count; i += BATCH) {
    const runs: unknown[] = [];
    for (let j = i; j < Math.min(count, i + BATCH); j++) {
      const n = from + j;
      const id = `run-${String(n).padStart(8, '0')}`;
      const at = base + n * 1000;
      runs.push(
        id,
        ids[j % ids.length],
        'success',
        at,
        at + 3,
        1,
        'webhook',
        JSON.stringify([[1, 'gateway:CustomWebHook', n, 'x'.repeat(300 + (n % 200))]]),
        `{"n":${n}}`,
      );
    }
    const marks = (rows: number, cols: number) =>
      Array.from(
        { length: rows },
        (_, r) =>
          `(${Array.from({ length: cols }, (_, c) => (postgres ? `$${r * cols + c + 1}` : '?')).join(', ')})`,
      ).join(', ');
    await db.query(
      `INSERT INTO executions ("id", "scenarioId", "status", "createdAt", "finishedAt", "scenarioVersion", "trigger", "modules", "input") VALUES ${marks(runs.length / 9, 9)}`,
      runs,
    );
  }
  return ids;
}

void main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
