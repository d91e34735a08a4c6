import { ModuleError, type RunContext } from '@integrator/sdk';

// Where a polling trigger keeps its position (the last id or time it emitted) between runs, so
// that a later run neither repeats nor skips items. The runtime offers it as a service; the
// tests use the in-memory one; the server keeps one row per scenario module
// (ScenarioTriggerStates in apps/api, table scenario_trigger_states).

export interface TriggerStateStore {
  get(scenarioId: string, moduleId: number): Promise<unknown>;
  set(scenarioId: string, moduleId: number, state: unknown): Promise<void>;
}

declare module '@integrator/sdk' {
  interface Services {
    triggerState: TriggerStateStore;
  }
}

export class MemoryTriggerState implements TriggerStateStore {
  readonly states = new Map<string, unknown>();
  get(scenarioId: string, moduleId: number): Promise<unknown> {
    return Promise.resolve(structuredClone(this.states.get(`${scenarioId}/${moduleId}`)));
  }
  set(scenarioId: string, moduleId: number, state: unknown): Promise<void> {
    this.states.set(`${scenarioId}/${moduleId}`, structuredClone(state));
    return Promise.resolve();
  }
}

/** The trigger's saved position and a way to save the next one; an error when the runtime keeps none. */
export async function triggerState<S>(ctx: RunContext) {
  const store = ctx.services.triggerState;
  const scenario = ctx.execution.scenarioId;
  if (!store || scenario === undefined)
    throw new ModuleError(
      'This polling trigger needs a saved scenario and the runtime’s trigger state store, so that it remembers what it has seen',
      { kind: 'user', type: 'InvalidConfigurationError' },
    );
  const id = String(scenario);
  return {
    state: (await store.get(id, ctx.moduleId)) as S | undefined,
    save: (state: S) => store.set(id, ctx.moduleId, state),
  };
}
