import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { ensureBuilt, freePort } from '../test/support/processes';
import { load } from './load';
import { median } from './rounds';
import { ADMIN, heavyPayload, payload, scenarioUrl } from './scenario';
import { cpuMicros, mainThreadCpuMicros } from './process-stats';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { heapArgs } = require('../scripts/heap') as {
  heapArgs: (env?: NodeJS.ProcessEnv, execArgv?: string[]) => string[];
};

// `BENCH_BASE=<another checkout, built> npm run bench -- compare`: this checkout's server against
// the other's, the throughput scenario on both, in alternating rounds (which goes first
// alternates too), each with its own data directory and the defaults a user gets. Prints the
// medians of the rounds: executions per second, CPU per execution of the main thread and of the
// whole process, and the rate ratio of each pair of rounds. A change of a few per cent is
// lost in the spread of two separate throughput runs of a shared machine (0.42–0.49 for one
// build on one afternoon); rounds in turns put both builds through the same spells.

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
// BENCH_SCENARIO=heavy: the heavy run (100 items iterated and aggregated) instead of the short one.
const HEAVY = process.env.BENCH_SCENARIO === 'heavy';
const body = HEAVY ? heavyPayload : payload;

interface Server {
  name: string;
  child: ChildProcess;
  pid: number;
  url: string;
  dataDir: string;
  rate: number[];
  main: number[];
  cpu: number[];
}

async function start(name: string, checkout: string): Promise<Server> {
  const main = join(checkout, 'dist/apps/api/apps/api/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: build that checkout first (npm run build)`);
  const port = await freePort();
  const dataDir = mkdtempSync(join(os.tmpdir(), 'bench-compare-'));
  const child = spawn(process.execPath, [...heapArgs(process.env, []), main], {
    cwd: checkout,
    env: {
      ...process.env,
      INTEGRATOR_ADMIN_EMAIL: ADMIN.email,
      INTEGRATOR_ADMIN_PASSWORD: ADMIN.password,
      INTEGRATOR_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
      INTEGRATOR_METRICS_PORT: '0',
      INTEGRATOR_DATA_DIR: dataDir,
      DATABASE_URL: '',
      REDIS_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((ready, failed) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      // Read until the server is up, then only drained: a busy server logs a line per run.
      seen += chunk.toString();
      if (!/Integrator listening on/.test(seen)) return;
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.stdout!.resume();
      child.stderr!.resume();
      ready();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => failed(new Error(`${name} exited with ${code}:\n${seen.slice(-2000)}`)));
  });
  const url = await scenarioUrl(`http://127.0.0.1:${port}`, HEAVY ? 'heavy' : 3);
  return { name, child, pid: child.pid!, url, dataDir, rate: [], main: [], cpu: [] };
}

async function round(s: Server): Promise<void> {
  const cpu = cpuMicros(s.pid);
  const main = mainThreadCpuMicros(s.pid);
  const started = Date.now();
  const r = await load(s.url, body, SECONDS, CONNECTIONS);
  const n = Math.max(1, r.ok);
  s.rate.push(r.ok / ((Date.now() - started) / 1000));
  s.main.push((mainThreadCpuMicros(s.pid) - main) / n);
  s.cpu.push((cpuMicros(s.pid) - cpu) / n);
}

async function main() {
  const base = process.env.BENCH_BASE;
  if (!base) throw new Error('set BENCH_BASE to another checkout (built) to compare this one with');
  ensureBuilt();
  const servers = [await start('base', resolve(base)), await start('this', join(__dirname, '..'))];
  try {
    for (const s of servers) await load(s.url, body, 3, CONNECTIONS); // warm-up
    for (let r = 0; r < ROUNDS; r++) for (const s of r % 2 ? [...servers].reverse() : servers) await round(s);
    console.log(
      `Compare — ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}, ${ROUNDS} rounds of ${SECONDS} s each, ${CONNECTIONS} connections, ${HEAVY ? 'heavy' : '3-module'} scenario`,
    );
    for (const s of servers)
      console.log(
        `${s.name.padEnd(5)} ${Math.round(median(s.rate)).toString().padStart(6)} exec/s   ${median(s.cpu).toFixed(1)} µs CPU (main thread ${median(s.main).toFixed(1)})   rounds: ${s.rate.map(Math.round).join(' ')}`,
      );
    const [a, b] = servers;
    const ratios = b.rate.map((v, i) => v / a.rate[i]);
    console.log(
      `this / base: rate ${median(ratios).toFixed(3)} (rounds ${ratios.map((v) => v.toFixed(2)).join(' ')}), main thread CPU ${(median(b.main) / median(a.main)).toFixed(3)}`,
    );
  } finally {
    for (const s of servers) {
      s.child.kill();
      rmSync(s.dataDir, { recursive: true, force: true });
    }
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
