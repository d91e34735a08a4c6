import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, freePort, freshDatabase, Processes } from '../test/support/processes';
import { load } from './load';
import { ADMIN, payload, scenarioUrl } from './scenario';

// Webhook-triggered executions per second (issue 8): webhook -> set variable with a JSONata
// mapping -> webhook response, in embedded mode and in distributed mode with 1 and 2 workers,
// each next to a bare node:http server doing the same JSONata work and storing one row.

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 32;
async function measure(url: string) {
  await load(url, payload, 2, CONNECTIONS); // warm-up
  return load(url, payload, SECONDS, CONNECTIONS);
}

async function bare(store: 'sqlite' | 'postgres', target: string) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(__dirname, 'bare-server.ts'), String(port), store, target],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((r) => child.stdout!.once('data', r));
  try {
    return await measure(`http://127.0.0.1:${port}/`);
  } finally {
    child.kill();
  }
}

const common = {
  INTEGRATOR_ADMIN_EMAIL: ADMIN.email,
  INTEGRATOR_ADMIN_PASSWORD: ADMIN.password,
  INTEGRATOR_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
  LOG_LEVEL: 'warn',
  INTEGRATOR_METRICS_PORT: '0',
};

async function embedded() {
  const procs = new Processes({ ...common, DATABASE_URL: '', REDIS_URL: '', INTEGRATOR_CONCURRENCY: '16' });
  const port = await freePort();
  try {
    await procs.api(port);
    const ours = await measure(await scenarioUrl(`http://127.0.0.1:${port}`));
    await procs.stopAll();
    const yardstick = await bare('sqlite', join(mkdtempSync(join(os.tmpdir(), 'bare-')), 'bare.db'));
    return { ours, yardstick };
  } finally {
    await procs.stopAll();
  }
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
    await procs.api(port);
    for (let i = 0; i < workers; i++) await procs.worker();
    const ours = await measure(await scenarioUrl(`http://127.0.0.1:${port}`));
    await procs.stopAll();
    const yardstick = await bare('postgres', db.url);
    return { ours, yardstick };
  } finally {
    await procs.stopAll();
    await db.drop();
  }
}

function line(
  label: string,
  r: { ours: { perSecond: number; failed: number }; yardstick: { perSecond: number } },
) {
  const ratio = r.ours.perSecond / r.yardstick.perSecond;
  console.log(
    `${label.padEnd(28)} ${r.ours.perSecond.toFixed(0).padStart(7)} exec/s   bare server ${r.yardstick.perSecond.toFixed(0).padStart(7)} req/s   ratio ${ratio.toFixed(2)}${r.ours.failed ? `   (${r.ours.failed} failed)` : ''}`,
  );
}

async function main() {
  ensureBuilt();
  console.log(
    `Webhook throughput — ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${SECONDS} s, ${CONNECTIONS} connections`,
  );
  line('embedded (SQLite)', await embedded());
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    console.log('distributed mode skipped: set DATABASE_URL (PostgreSQL) and REDIS_URL');
    return;
  }
  line('distributed, 1 worker', await distributed(1));
  line('distributed, 2 workers', await distributed(2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
