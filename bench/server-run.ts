import { randomUUID } from 'node:crypto';
import { PerformanceObserver } from 'node:perf_hooks';
import { builtinApps } from '@integrator/apps/builtin';
import {
  compileBlueprint,
  createHttpClientFactory,
  encodeRunLog,
  ModuleRegistry,
  runScenario,
  RunStop,
  systemClock,
  type CompiledScenario,
  type RunEvent,
  type RunOptions,
} from '@integrator/engine';
import { blueprint, payload } from './scenario';

// The throughput benchmark's scenario (webhook, a JSONata mapping, N-3 plain set-variable
// modules, the webhook response) run through the engine as the server runs it
// (apps/api/src/executions/runner.service.ts: the same options, a stop switch, an HTTP client
// factory, a logger bound to the run) and its result turned into what the server stores
// (the positional module logs, the response, error and warnings as JSON). No database, no
// HTTP: what is left is the engine's own cost per run, steadier than the server's figure.

const registry = new ModuleRegistry(builtinApps);
// As apps/api/src/executions/log-codec.ts: each key's label looked up once.
const labels = new Map<string, string | undefined>();
const labelOf = (key: string) => {
  if (!labels.has(key)) labels.set(key, registry.get(key)?.label);
  return labels.get(key);
};

// The server's engine logger keeps the run's ids and writes nothing at info level in a run
// like this one: the same shape, without pino.
class RunLogger {
  constructor(
    readonly executionId: string,
    readonly scenarioId: number,
  ) {}
  debug(): void {}
  info(): void {}
  warn(): void {}
  error(): void {}
}

const runClock = { now: () => Date.now(), sleep: systemClock.sleep };
const organization = { name: 'Bench', timezone: 'UTC' };
const services = {};
// As ExecutionRunner asks for a run nobody follows (runner.service.ts); BENCH_ALL_EVENTS=1
// builds every event, as the server did before it asked.
const UNFOLLOWED_EVENTS = process.env.BENCH_ALL_EVENTS
  ? undefined
  : new Set<RunEvent['type']>(['webhook.response', 'module.error', 'execution.finished']);

export async function serverRun(compiled: CompiledScenario, i: number): Promise<number> {
  const stop = new RunStop(); // one per run, as ExecutionRunner.handle makes
  const input = payload(i);
  const options: RunOptions = {
    executionId: randomUUID(),
    scenarioId: 1,
    scenarioName: 'bench',
    scenarioUrl: 'http://localhost:3000/#/scenarios/1',
    organization,
    trigger: 'webhook',
    input,
    runOnce: false,
    stop,
    clock: runClock,
    timeLimitMs: 40 * 60 * 1000,
    services,
    logger: new RunLogger('x', 1),
    connections: () => Promise.reject(new Error('no connections in this benchmark')),
    http: createHttpClientFactory({ registry, stop }),
    // Nobody follows webhook runs live: the server asks only for what it publishes anyway.
    onEvent: (event) => void event,
    ...(UNFOLLOWED_EVENTS ? { eventTypes: UNFOLLOWED_EVENTS } : {}),
  };
  const result = await runScenario(compiled, options);
  if (result.status !== 'success') throw new Error(`run failed: ${JSON.stringify(result.error)}`);
  // What recordResult / pending-runs store for the run (apps/api/src/executions/log-codec.ts:
  // the response goes beside the log only when no output holds it).
  const log = encodeRunLog(result.modules, { input, response: result.response, labelOf });
  const logs = log.text;
  const response = result.response && !log.holdsResponse ? JSON.stringify(result.response) : null;
  const error = result.error ? JSON.stringify(result.error) : null;
  const warnings = result.warnings.length ? JSON.stringify(result.warnings) : null;
  return logs.length + (response?.length ?? 0) + (error?.length ?? 0) + (warnings?.length ?? 0);
}

export function compile(modules: number): CompiledScenario {
  const compiled = compileBlueprint(blueprint(1, modules), registry);
  if (compiled.issues.length) throw new Error(JSON.stringify(compiled.issues));
  return compiled;
}

interface ChainFigures {
  cpuUs: number;
  wallUs: number;
  bytes: number;
  stored: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function measure(compiled: CompiledScenario, runs: number): Promise<ChainFigures> {
  let stored = 0;
  for (let i = 0; i < 3000; i++) stored = await serverRun(compiled, i); // warm-up (JIT)
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) await serverRun(compiled, i);
  const wallUs = Number(process.hrtime.bigint() - t0) / 1e3 / runs;
  const cpu = process.cpuUsage(cpu0);
  const cpuUs = (cpu.user + cpu.system) / runs;
  return { cpuUs, wallUs, bytes: await allocation(compiled), stored };
}

// Bytes allocated per run: heap growth over small batches between forced collections. A batch
// a collection ran into (seen by the GC observer) is left out: it would count freed bytes.
async function allocation(compiled: CompiledScenario): Promise<number> {
  if (!gc) return NaN;
  const collections: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) collections.push(e.startTime);
  });
  observer.observe({ entryTypes: ['gc'] });
  const batches: { start: number; end: number; perRun: number }[] = [];
  const batch = 50;
  for (let b = 0; b < 40; b++) {
    gc();
    await new Promise((r) => setImmediate(r));
    const start = performance.now();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < batch; i++) await serverRun(compiled, i);
    const after = process.memoryUsage().heapUsed;
    batches.push({ start, end: performance.now(), perRun: (after - before) / batch });
  }
  await new Promise((r) => setTimeout(r, 50)); // lets the observer report
  observer.disconnect();
  const clean = batches.filter((b) => !collections.some((t) => t >= b.start && t <= b.end));
  const values = (clean.length ? clean : batches).map((b) => b.perRun).sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)];
}

/** Prints µs of CPU per run for the 3- and 20-module chains, per extra module, and bytes allocated. */
export async function serverChainBench(runs = 20_000): Promise<void> {
  const small = compile(3);
  const large = compile(20);
  // Interleaved rounds, best of each: the machine is shared, the least disturbed round is the cost.
  const best = { 3: undefined as ChainFigures | undefined, 20: undefined as ChainFigures | undefined };
  for (let round = 0; round < 3; round++) {
    for (const [n, compiled] of [
      [3, small],
      [20, large],
    ] as const) {
      const f = await measure(compiled, n === 3 ? runs : Math.round(runs / 3));
      if (!best[n] || f.cpuUs < best[n].cpuUs) best[n] = f;
    }
  }
  for (const n of [3, 20] as const) {
    const f = best[n]!;
    console.log(
      `server-shaped run, ${String(n).padStart(2)} modules (engine + stored log)  ${f.cpuUs.toFixed(1).padStart(7)} µs CPU/run  ${f.wallUs.toFixed(1)} µs wall  ${Math.round(f.bytes / 1024).toLocaleString('en')} KB allocated/run  ${f.stored} B stored`,
    );
  }
  const perModule = (best[20]!.cpuUs - best[3]!.cpuUs) / 17;
  const bytesPerModule = (best[20]!.bytes - best[3]!.bytes) / 17;
  console.log(
    `server-shaped run, per extra module                 ${perModule.toFixed(2).padStart(7)} µs CPU       ${Math.round(bytesPerModule).toLocaleString('en')} B allocated`,
  );
}
