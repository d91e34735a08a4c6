import { builtinApps } from '@integrator/apps/builtin';
import {
  compileBlueprint,
  FakeClock,
  ModuleRegistry,
  runScenario,
  type RunOptions,
} from '@integrator/engine';
import type { HttpClient, ResolvedConnection } from '@integrator/sdk';
import { createHttpClient, createHttpClientFactory } from '@integrator/engine';
import { afasApp, afasTokenConnection } from '../src';
import { TOKEN_DATA, type FakeAfas } from './fake-afas';

export const registry = new ModuleRegistry([...builtinApps, afasApp]);
export const START = Date.UTC(2026, 0, 1);

export function tokenConnection(
  fake: FakeAfas,
  credentials: Record<string, unknown> = {},
): ResolvedConnection {
  return {
    id: 'afas-1',
    type: 'afasToken',
    credentials: {
      environmentNumber: '12345',
      environment: 'test',
      token: TOKEN_DATA,
      baseUrl: fake.url,
      ...credentials,
    },
  };
}

/** An engine HTTP client authenticated with the token connection (for calls outside a scenario). */
export function tokenClient(
  fake: FakeAfas,
  credentials: Record<string, unknown> = {},
  clock = new FakeClock(START, { autoAdvance: true }),
): HttpClient {
  return createHttpClient({
    connection: tokenConnection(fake, credentials),
    connectionType: afasTokenConnection,
    clock,
  });
}

export interface AfasRun {
  module: string;
  mapper: Record<string, unknown>;
  connection: ResolvedConnection;
  clock?: FakeClock;
  input?: unknown;
  logger?: RunOptions['logger'];
}

/** Runs webhook → the AFAS module (id 2) through the engine with the real HTTP client. */
export async function runAfas(o: AfasRun) {
  const clock = o.clock ?? new FakeClock(START, { autoAdvance: true });
  const compiled = compileBlueprint(
    {
      name: 'afas test',
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: {} },
        {
          id: 2,
          module: o.module,
          version: 1,
          parameters: { connection: o.connection.id },
          mapper: o.mapper,
        },
      ],
      metadata: {},
    },
    registry,
  );
  if (compiled.issues.length)
    throw new Error(compiled.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  // Taken from events: the run log keeps capped copies (binary data becomes {binary, size}).
  const outputs: Array<Record<string, unknown>> = [];
  const result = await runScenario(compiled, {
    onEvent: (e) => {
      if (e.type === 'bundle.out' && e.moduleId === 2) outputs.push(e.bundle as Record<string, unknown>);
    },
    clock,
    input: o.input ?? {},
    logger: o.logger,
    connections: async () => o.connection,
    http: createHttpClientFactory({ registry, clock, logger: o.logger }),
  });
  return { result, outputs, error: result.error, clock };
}

/** The requests the fake received that reached a path containing `part` (case-insensitive). */
export function requestsTo(fake: FakeAfas, part: string) {
  return fake.requests.filter((r) => r.path.toLowerCase().includes(part.toLowerCase()));
}
