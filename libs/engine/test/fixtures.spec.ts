import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { compileBlueprint, runScenario, type Blueprint, type RunResult } from '../src';
import { journal, registry, reset, store } from './helpers';

// Each folder under fixtures/ is a scenario: blueprint.json, optional input.json, and expected.json
// with the result that Make's semantics call for (status, operations, outputs per module…).

interface Expected {
  description: string;
  options?: { runOnce?: boolean; settings?: Record<string, unknown> };
  store?: Record<string, unknown>;
  expect: {
    status: RunResult['status'];
    operations?: number;
    cycles?: number;
    operationsByModule?: Record<string, number>;
    outputs?: Record<string, unknown[]>;
    journal?: string[];
    store?: Record<string, unknown>;
    incomplete?: Array<Record<string, unknown>>;
    error?: Record<string, unknown>;
    warnings?: string[];
    response?: Record<string, unknown>;
  };
}

const dir = join(__dirname, 'fixtures');
const read = (name: string, file: string) => JSON.parse(readFileSync(join(dir, name, file), 'utf8'));

describe.each(readdirSync(dir).sort())('fixture %s', (name) => {
  const expected: Expected = read(name, 'expected.json');
  test(expected.description, async () => {
    reset();
    for (const [k, v] of Object.entries(expected.store ?? {})) store.set(k, v);
    const blueprint: Blueprint = read(name, 'blueprint.json');
    const input = existsSync(join(dir, name, 'input.json')) ? read(name, 'input.json') : undefined;
    const compiled = compileBlueprint(blueprint, registry);
    expect(compiled.issues).toEqual([]);
    const result = await runScenario(compiled, { input, ...expected.options });
    const e = expected.expect;

    expect({ status: result.status, error: result.error }).toMatchObject({
      status: e.status,
      ...(e.error ? { error: e.error } : {}),
    });
    if (e.operations !== undefined) expect(result.operations).toBe(e.operations);
    if (e.cycles !== undefined) expect(result.cycles).toBe(e.cycles);
    for (const [id, count] of Object.entries(e.operationsByModule ?? {})) {
      expect({
        module: Number(id),
        operations: result.modules.find((m) => m.id === Number(id))?.operations,
      }).toEqual({ module: Number(id), operations: count });
    }
    for (const [id, bundles] of Object.entries(e.outputs ?? {})) {
      const out = result.modules.find((m) => m.id === Number(id))?.ops.flatMap((op) => op.output ?? []);
      expect({ module: Number(id), outputs: out }).toEqual({ module: Number(id), outputs: bundles });
    }
    if (e.journal) expect(journal).toEqual(e.journal);
    if (e.store) expect(Object.fromEntries(store)).toEqual(e.store);
    if (e.incomplete) expect(result.incomplete).toMatchObject(e.incomplete);
    else expect(result.incomplete).toEqual([]);
    if (e.warnings) expect(result.warnings.map((w) => w.type)).toEqual(e.warnings);
    if (e.response) expect(result.response).toMatchObject(e.response);
  });
});
