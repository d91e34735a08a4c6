import { builtinApps } from '@integrator/apps/builtin';
import {
  compileBlueprint,
  FakeClock,
  ModuleRegistry,
  runScenario,
  type ModuleNode,
  type RunResult,
  type ScenarioSettings,
} from '@integrator/engine';
import { datastoreApp, MemoryDataStoreService, type DataStoreService } from '../src';

// Runs data store modules in real scenarios: a webhook (module 1) emits one bundle per item
// of the input, and later modules read it with {{1.x}}.

export const registry = new ModuleRegistry([...builtinApps, datastoreApp]);

export const STORE = 7;

export interface RunOptions {
  input?: unknown;
  scenario?: Partial<ScenarioSettings>;
  /** Omit to run without a data store service. */
  service?: DataStoreService | null;
}

export function hook(): ModuleNode {
  return { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: {} };
}

/** A data store module on store 7 (unless `parameters` says otherwise). */
export function ds(
  id: number,
  name: string,
  mapper: Record<string, unknown> = {},
  extra: Partial<ModuleNode> = {},
): ModuleNode {
  return {
    id,
    module: `datastore:${name}`,
    version: 1,
    parameters: { datastore: STORE, ...extra.parameters },
    mapper,
    ...omit(extra, 'parameters'),
  };
}

function omit<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = o;
  return rest;
}

/** Fails on bundles whose `json` is not JSON (Make's own way to force an error). */
export function failWhenBadJson(id: number, extra: Partial<ModuleNode> = {}): ModuleNode {
  return { id, module: 'json:ParseJSON', version: 1, mapper: { json: '{{1.json}}' }, ...extra };
}

export async function run(
  flow: ModuleNode[],
  service: DataStoreService | null,
  options: Omit<RunOptions, 'service'> = {},
): Promise<RunResult> {
  const compiled = compileBlueprint(
    { name: 'datastore test', flow, metadata: { scenario: options.scenario ?? {} } },
    registry,
  );
  if (compiled.issues.length)
    throw new Error(compiled.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return runScenario(compiled, {
    input: options.input ?? {},
    clock: new FakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true }),
    services: service ? { datastores: service } : {},
    logLimits: { bundlesPerOp: 10000 },
  });
}

/** Every bundle a module emitted in the run. */
export function outputsOf(result: RunResult, id: number): Record<string, unknown>[] {
  const m = result.modules.find((x) => x.id === id);
  return (m?.ops ?? []).flatMap((op) => (op.output ?? []) as Record<string, unknown>[]);
}

export function opsOf(result: RunResult, id: number): number {
  return result.modules.find((x) => x.id === id)?.operations ?? 0;
}

/** The whole store as key → data, for assertions. */
export async function contents(
  service: DataStoreService,
  storeId: number | string = STORE,
): Promise<Record<string, unknown>> {
  const records = await service.search(storeId, {});
  return Object.fromEntries(records.map((r) => [r.key, r.data]));
}

export function people(
  records: Record<string, Record<string, unknown>> = {},
  strict = false,
): MemoryDataStoreService {
  return new MemoryDataStoreService([
    {
      id: STORE,
      name: 'People',
      strict,
      fields: [
        { name: 'name', type: 'text', required: true },
        { name: 'age', type: 'number' },
        { name: 'active', type: 'boolean', default: true },
        { name: 'joined', type: 'date' },
        { name: 'tags', type: 'array' },
      ],
      records,
    },
  ]);
}
