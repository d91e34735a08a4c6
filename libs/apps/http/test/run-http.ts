import { builtinApps } from '@integrator/apps/builtin';
import {
  compileBlueprint,
  FakeClock,
  ModuleRegistry,
  runScenario,
  type Blueprint,
  type ModuleNode,
  type RunOptions,
} from '@integrator/engine';
import type { ResolvedConnection } from '@integrator/sdk';
// The lead re-exports the engine's HTTP module from @integrator/engine; until then, by path.
import { createHttpClientFactory, type HttpLogEntry } from '@integrator/engine';
import { httpApp } from '../src';

export const registry = new ModuleRegistry([...builtinApps, httpApp]);
export const START = Date.UTC(2026, 0, 1);

export interface HttpRun {
  mapper: Record<string, unknown>;
  connection?: ResolvedConnection;
  input?: unknown;
  version?: number;
  clock?: FakeClock;
  entries?: HttpLogEntry[];
}

/** Runs webhook (1) → http:MakeRequest (2) through the engine, with the engine's HTTP client. */
export async function runHttp(o: HttpRun) {
  const node: ModuleNode = {
    id: 2,
    module: 'http:MakeRequest',
    version: o.version ?? 4,
    parameters: o.connection ? { connection: o.connection.id } : {},
    mapper: o.mapper,
  };
  const flow = [{ id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: {} }, node];
  const result = await runBlueprint({ name: 'http', flow, metadata: {} }, o);
  const op = result.modules.find((m) => m.id === 2)?.ops[0];
  return {
    result,
    output: op?.output?.[0] as
      { statusCode: number; headers: Record<string, string>; data: unknown } | undefined,
    error: op?.error,
  };
}

/** Compiles (failing on any issue) and runs a blueprint with the engine's HTTP client. */
export async function runBlueprint(blueprint: Blueprint, o: Omit<HttpRun, 'mapper'> = {}) {
  const compiled = compileBlueprint(blueprint, registry);
  if (compiled.issues.length)
    throw new Error(compiled.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  const clock = o.clock ?? new FakeClock(START, { autoAdvance: true });
  const options: RunOptions = {
    input: o.input ?? {},
    clock,
    connections: async (ref) => {
      if (!o.connection || String(ref) !== String(o.connection.id)) throw new Error(`no connection ${ref}`);
      return o.connection;
    },
    http: createHttpClientFactory({ registry, clock, onRequest: (entry) => o.entries?.push(entry) }),
  };
  return runScenario(compiled, options);
}
