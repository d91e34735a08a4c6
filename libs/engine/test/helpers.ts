import { builtinApps } from '@integrator/apps/builtin';
import { defineApp, defineModule, field, ModuleError, type AppDefinition } from '@integrator/sdk';
import {
  compileBlueprint,
  ModuleRegistry,
  runScenario,
  type Blueprint,
  type ModuleNode,
  type RunOptions,
} from '../src';

/** Calls seen by the test app's modules, in order. */
export const journal: string[] = [];

// A small app for tests: records what it is asked, fails on demand, keeps ACID state.
export const store = new Map<string, unknown>();
export const testApp: AppDefinition = defineApp({
  key: 'test',
  label: 'Test',
  modules: [
    defineModule({
      key: 'test:Echo',
      label: 'Echo',
      kind: 'action',
      extraMapperFields: true,
      run: ({ mapper, moduleId }) => {
        journal.push(`echo ${moduleId} ${JSON.stringify(mapper)}`);
        return { ...mapper };
      },
    }),
    defineModule({
      key: 'test:Fail',
      label: 'Fail',
      kind: 'action',
      mapper: { when: field.any(), kind: field.text(), message: field.text() },
      extraMapperFields: true,
      run: ({ mapper, moduleId }) => {
        const fail = mapper.when === undefined ? true : Boolean(mapper.when) && mapper.when !== 'false';
        journal.push(`fail? ${moduleId} ${fail}`);
        if (fail) {
          throw new ModuleError(mapper.message ?? 'planned failure', {
            kind: (mapper.kind as 'user') ?? 'user',
            status: 400,
          });
        }
        const { when: _when, kind: _kind, message: _message, ...rest } = mapper;
        return { ok: true, ...rest };
      },
    }),
    defineModule({
      key: 'test:Write',
      label: 'Write (ACID)',
      kind: 'action',
      mapper: { key: field.text({ required: true }), value: field.any() },
      run: ({ mapper, transaction, moduleId }) => {
        const previous = store.get(mapper.key);
        store.set(mapper.key, mapper.value);
        transaction({ key: mapper.key, previous });
        journal.push(`write ${moduleId} ${mapper.key}=${JSON.stringify(mapper.value)}`);
        return { key: mapper.key };
      },
      commit: ({ moduleId }, state) =>
        void journal.push(`commit ${moduleId} ${(state as { key: string }).key}`),
      rollback: ({ moduleId }, state) => {
        const s = state as { key: string; previous: unknown };
        if (s.previous === undefined) store.delete(s.key);
        else store.set(s.key, s.previous);
        journal.push(`rollback ${moduleId} ${s.key}`);
      },
    }),
    defineModule({
      key: 'test:Authed',
      label: 'Uses a connection',
      kind: 'action',
      connection: { types: ['test'] },
      run: ({ connection }) => ({ connectionId: connection?.id, user: connection?.credentials.user }),
    }),
    defineModule({
      key: 'test:Bug',
      label: 'Has a bug',
      kind: 'action',
      run: () => {
        const missing = undefined as unknown as { x: number };
        return { x: missing.x };
      },
    }),
    defineModule({
      key: 'test:Items',
      label: 'List items (search)',
      kind: 'search',
      mapper: { count: field.number({ default: 2 }) },
      run: ({ mapper, moduleId }) => {
        journal.push(`items ${moduleId}`);
        return Array.from({ length: mapper.count }, (_, i) => ({ n: i + 1 }));
      },
    }),
    defineModule({
      key: 'test:Poll',
      label: 'Watch items (polling trigger)',
      kind: 'trigger',
      parameters: { batches: field.json() },
      run: ({ parameters, execution, moduleId, transaction }) => {
        const batches = (parameters.batches ?? []) as unknown[][];
        journal.push(`poll ${moduleId} cycle ${execution.cycle}`);
        transaction({ cycle: execution.cycle });
        return (batches[execution.cycle - 1] ?? []) as Record<string, unknown>[];
      },
      commit: ({ moduleId }, state) =>
        void journal.push(`commit ${moduleId} cursor ${(state as { cycle: number }).cycle}`),
      rollback: ({ moduleId }, state) =>
        void journal.push(`rollback ${moduleId} cursor ${(state as { cycle: number }).cycle}`),
    }),
  ],
});

export const registry = new ModuleRegistry([...builtinApps, testApp]);

export function reset(): void {
  journal.length = 0;
  store.clear();
}

export function compile(flow: ModuleNode[], scenario: Blueprint['metadata'] = {}) {
  return compileBlueprint({ name: 'test', flow, metadata: scenario }, registry);
}

export async function run(
  flow: ModuleNode[],
  options: RunOptions & { scenario?: Record<string, unknown> } = {},
) {
  const { scenario, ...rest } = options;
  const compiled = compile(flow, { scenario });
  if (compiled.issues.length)
    throw new Error(compiled.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return runScenario(compiled, rest);
}

/** A webhook trigger module (id 1) for flows that start from input. */
export const hook = (id = 1): ModuleNode => ({
  id,
  module: 'gateway:CustomWebHook',
  version: 1,
  parameters: {},
});

export function outputsOf(result: Awaited<ReturnType<typeof run>>, id: number): unknown[] {
  const m = result.modules.find((x) => x.id === id);
  return (m?.ops ?? []).flatMap((op) => op.output ?? []);
}

export function opsOf(result: Awaited<ReturnType<typeof run>>, id: number): number {
  return result.modules.find((x) => x.id === id)?.operations ?? 0;
}

export { field };
