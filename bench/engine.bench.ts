import './built-libs'; // first: the libraries from the server's build
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { builtinApps } from '@integrator/apps/builtin';
import { compileBlueprint, ModuleRegistry, runScenario, type ModuleNode } from '@integrator/engine';
import { serverChainBench } from './server-run';

// Engine benchmarks (issue 2): operations per second for a 10-module chain of plain references
// and of JSONata mappings, and 1,000,000 items through iterator -> filter -> numeric aggregator.
// Issue 14: the throughput benchmark's 3- and 20-module chains run as the server runs them
// (server-run.ts): CPU per run, per extra module, and bytes allocated. BENCH_ENGINE=server runs
// only those.

const registry = new ModuleRegistry(builtinApps);

function chain(mapping: (previous: number) => string): ModuleNode[] {
  const flow: ModuleNode[] = [{ id: 1, module: 'gateway:CustomWebHook' }];
  for (let id = 2; id <= 10; id++) {
    flow.push({ id, module: 'util:SetVariable2', mapper: { name: 'v', value: mapping(id - 1) } });
  }
  return flow;
}

async function chainBench(label: string, flow: ModuleNode[], runs: number) {
  const compiled = compileBlueprint({ flow }, registry);
  if (compiled.issues.length) throw new Error(JSON.stringify(compiled.issues));
  const input = { v: 'hello' };
  for (let i = 0; i < 2000; i++) await runScenario(compiled, { input }); // warm-up
  const start = process.hrtime.bigint();
  let operations = 0;
  for (let i = 0; i < runs; i++) operations += (await runScenario(compiled, { input })).operations;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perOp = (seconds * 1e6) / operations;
  console.log(
    `${label.padEnd(44)} ${Math.round(operations / seconds)
      .toLocaleString('en')
      .padStart(11)} ops/s  ${perOp.toFixed(2)} µs/op  (${runs} runs)`,
  );
}

async function millionItems() {
  const flow: ModuleNode[] = [
    { id: 1, module: 'gateway:CustomWebHook' },
    { id: 2, module: 'builtin:BasicFeeder', mapper: { array: '{{1.items}}' } },
    {
      id: 3,
      module: 'util:NumericalAggregator',
      parameters: { feeder: 2, fn: 'SUM' },
      filter: { conditions: [[{ a: '{{2.n}}', o: 'number:greaterorequal', b: '500000' }]] },
      mapper: { value: '{{2.n}}' },
    },
  ];
  const compiled = compileBlueprint({ flow }, registry);
  const items = Array.from({ length: 1_000_000 }, (_, n) => ({ n }));
  const start = process.hrtime.bigint();
  const result = await runScenario(compiled, { input: { items } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const sum = (result.modules.find((m) => m.id === 3)?.ops[0].output?.[0] as { result: number }).result;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `1,000,000 items iterator -> filter -> SUM       ${ms.toFixed(0).padStart(6)} ms  peak RSS ${peakMb.toFixed(0)} MB  (sum ${sum}, status ${result.status})`,
  );
}

async function main() {
  if (process.argv[2] === '--million') return millionItems();
  console.log(
    `Engine benchmarks — ${os.cpus()[0]?.model ?? 'cpu'} x${os.cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  await serverChainBench();
  if (process.env.BENCH_ENGINE === 'server') return;
  await chainBench(
    '10-module chain, plain references {{n.v}}',
    chain((p) => `{{${p}.v}}`),
    20_000,
  );
  await chainBench(
    '10-module chain, JSONata {{$uppercase(n.v)}}',
    chain((p) => `{{$uppercase(${p}.v)}}`),
    5_000,
  );
  // The million-item run gets a fresh process so its peak memory is its own.
  spawnSync(process.execPath, [...process.execArgv, __filename, '--million'], { stdio: 'inherit' });
}

void main();
