import { builtinApps } from '@integrator/apps/builtin';
import {
  compileBlueprint,
  FakeClock,
  ModuleRegistry,
  runScenario,
  type ModuleNode,
  type RunResult,
} from '@integrator/engine';
import { createHttpClient } from '@integrator/engine';
import { profitwellApp, profitwellConnectionType } from '../src';
import {
  startFakeProfitWell,
  type FakeProfitWell,
  type FakeProfitWellOptions,
  type SubscriptionRecord,
} from './fake-profitwell';

// Runs ProfitWell modules through the engine against the local fake, the way a scenario would:
// a webhook (module 1) carries the input, the ProfitWell module is module 2.

const registry = new ModuleRegistry([...builtinApps, profitwellApp]);

export interface Harness {
  fake: FakeProfitWell;
  clock: FakeClock;
  /** Runs one module with this mapper; `{{1.x}}` in the mapper reads `input.x`. */
  run(module: string, mapper: Record<string, unknown>, input?: unknown): Promise<RunResult>;
  close(): Promise<void>;
}

export async function startHarness(options: FakeProfitWellOptions = {}): Promise<Harness> {
  const clock = new FakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true });
  const fake = await startFakeProfitWell({ clock, ...options });
  return {
    fake,
    clock,
    run: async (module, mapper, input = {}) => {
      const flow: ModuleNode[] = [
        { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: {} },
        { id: 2, module, version: 1, parameters: { connection: 7 }, mapper },
      ];
      const compiled = compileBlueprint({ name: 'profitwell test', flow, metadata: {} }, registry);
      if (compiled.issues.length)
        throw new Error(compiled.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      return runScenario(compiled, {
        input,
        clock,
        // Keep every bundle in the log: the paging tests count them.
        logLimits: { bundlesPerOp: 100000 },
        connections: async () => ({
          id: 7,
          type: 'profitwell',
          credentials: { token: fake.token, baseUrl: fake.url },
        }),
        http: (connection) =>
          createHttpClient({ connection, connectionType: profitwellConnectionType, clock }),
      });
    },
    close: () => fake.close(),
  };
}

/** The bundles module 2 emitted. */
export function outputs(result: RunResult): Record<string, unknown>[] {
  const m = result.modules.find((x) => x.id === 2);
  return (m?.ops ?? []).flatMap((op) => (op.output ?? []) as Record<string, unknown>[]);
}

/** The one bundle of an action module. */
export function output(result: RunResult): Record<string, unknown> {
  const all = outputs(result);
  if (all.length !== 1)
    throw new Error(`expected one bundle, got ${all.length}: ${JSON.stringify(result.error ?? all)}`);
  return all[0];
}

/** The error of module 2 (the run's unhandled error). */
export function errorOf(result: RunResult) {
  const error = result.modules.find((x) => x.id === 2)?.ops.find((op) => op.error)?.error;
  if (!error) throw new Error(`expected an error, the run ended ${result.status}`);
  return error;
}

export const JAN_2018 = 1514764800;

/** Creates a subscription straight in the fake's state (no request recorded). */
export function seedSubscription(
  fake: FakeProfitWell,
  data: Record<string, unknown> = {},
): SubscriptionRecord {
  const reply = fake.state.subscriptions.create({
    email: 'spiderman@profitwell.com',
    plan_id: 'web_plan',
    plan_interval: 'month',
    value: 5000,
    effective_date: JAN_2018,
    ...data,
  });
  if (reply.status >= 300) throw new Error(`seeding failed: ${JSON.stringify(reply.body)}`);
  return reply.body as SubscriptionRecord;
}
