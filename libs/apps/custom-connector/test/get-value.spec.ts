import { builtinApps } from '@integrator/apps/builtin';
import {
  compileBlueprint,
  FakeClock,
  ModuleRegistry,
  runScenario,
  type ModuleNode,
  type RunResult,
} from '@integrator/engine';
import { ModuleError } from '@integrator/sdk';
import { customConnectorApp, readPath, type CustomConnectorService, type CustomConnectorValue } from '../src';

// custom:getValue in real scenarios, against a tiny in-memory service holding response bodies.

const registry = new ModuleRegistry([...builtinApps, customConnectorApp]);

class MemoryConnectors implements CustomConnectorService {
  readonly calls: Array<number | string> = [];
  constructor(private readonly connectors: Record<string, { body: unknown; fieldPath: string }>) {}

  async fetch(connectorId: number | string): Promise<CustomConnectorValue> {
    this.calls.push(connectorId);
    const c = this.connectors[String(connectorId)];
    if (!c)
      throw new ModuleError(`custom connector ${connectorId} does not exist`, {
        kind: 'user',
        type: 'InvalidConfigurationError',
      });
    return { value: readPath(c.body, c.fieldPath), raw: c.body, status: 200, fieldPath: c.fieldPath };
  }
}

const metrics = { data: { metrics: [{ value: 42 }, { value: '1,234.5' }, { value: 'n/a' }] } };
const service = new MemoryConnectors({
  1: { body: metrics, fieldPath: 'data.metrics[0].value' },
  2: { body: metrics, fieldPath: 'data.metrics[1].value' },
  3: { body: metrics, fieldPath: 'data.metrics[2].value' },
  4: { body: metrics, fieldPath: 'data.metrics[5].value' },
});

function getValue(parameters: Record<string, unknown>, mapper: Record<string, unknown> = {}): ModuleNode {
  return { id: 1, module: 'custom:getValue', version: 1, parameters, mapper };
}

async function run(
  node: ModuleNode,
  services: { customConnectors?: CustomConnectorService } = { customConnectors: service },
): Promise<RunResult> {
  const compiled = compileBlueprint(
    { name: 'custom connector', flow: [node], metadata: { scenario: {} } },
    registry,
  );
  if (compiled.issues.length)
    throw new Error(compiled.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return runScenario(compiled, {
    input: {},
    clock: new FakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true }),
    services,
  });
}

const outputOf = (r: RunResult) => r.modules[0].ops[0].output?.[0];
const errorOf = (r: RunResult) => r.modules[0].ops[0].error;

describe('custom:getValue', () => {
  it('declares the custom app behind the customConnector integration', () => {
    expect(customConnectorApp.key).toBe('custom');
    expect(customConnectorApp.label).toBe('Custom connector');
    expect(customConnectorApp.integration).toBe('customConnector');
    expect(customConnectorApp.icon).toMatch(/^<svg /);
    expect(registry.get('custom:getValue')?.parameters?.connector).toMatchObject({
      type: 'resource',
      resource: 'customConnector',
    });
  });

  it('outputs the number at the field directory and the raw body', async () => {
    const result = await run(getValue({ connector: 1 }));
    expect(result.status).toBe('success');
    expect(outputOf(result)).toEqual({ value: 42, raw: metrics });
    expect(result.operations).toBe(1);
  });

  it('converts numeric text when a number is required (the default)', async () => {
    expect(outputOf(await run(getValue({ connector: '2' })))).toEqual({ value: 1234.5, raw: metrics });
    expect(service.calls).toContain('2');
  });

  it('fails clearly when the value is not a number', async () => {
    const result = await run(getValue({ connector: 3 }));
    expect(result.status).toBe('error');
    expect(errorOf(result)).toMatchObject({
      kind: 'user',
      message: expect.stringContaining('the value at data.metrics[2].value is the text "n/a", not a number'),
    });
  });

  it('outputs any value when requireNumber is off', async () => {
    const result = await run(getValue({ connector: 3 }, { requireNumber: false }));
    expect(outputOf(result)).toEqual({ value: 'n/a', raw: metrics });
  });

  it('fails clearly when the field directory is missing from the response', async () => {
    const result = await run(getValue({ connector: 4 }));
    expect(errorOf(result)).toMatchObject({
      kind: 'user',
      message: 'data.metrics[5]: no item 5 (data.metrics has 3 items)',
    });
  });

  it("passes on the service's errors", async () => {
    const result = await run(getValue({ connector: 99 }));
    expect(errorOf(result)).toMatchObject({ kind: 'user', message: 'custom connector 99 does not exist' });
  });

  it('needs a connector and a runtime that offers custom connectors', async () => {
    const blank = compileBlueprint({ name: 'x', flow: [getValue({})], metadata: { scenario: {} } }, registry);
    expect(blank.issues).toEqual([
      expect.objectContaining({ path: expect.stringMatching(/connector$/), message: 'is required' }),
    ]);
    const result = await run(getValue({ connector: 1 }), {});
    expect(errorOf(result)).toMatchObject({
      kind: 'internal',
      message: expect.stringContaining('custom connectors are not available'),
    });
  });
});
