import { BlueprintImportError, importBlueprint } from '../../src/import';
import { registry } from './helpers';

describe('importing our own export', () => {
  const ours = {
    name: 'ours',
    flow: [
      { id: 1, module: 'gateway:CustomWebHook', parameters: { hook: 'wh_123' } },
      { id: 2, module: 'util:SetVariable2', mapper: { name: 'n', value: '{{ $uppercase(1.name) }}' } },
      { id: 3, module: 'custom:Thing', parameters: { connection: 17 }, mapper: { first: '{{1.items[1]}}' } },
    ],
    metadata: { scenario: { roundtrips: 2 }, designer: { orphans: [] }, integrator: { format: 1 } },
    scheduling: { type: 'indefinitely', interval: 900 },
  };

  test('is kept as it is, with the scheduling split off', () => {
    const { blueprint, scheduling, report } = importBlueprint(ours, registry);
    const { scheduling: _s, ...rest } = ours;
    expect(blueprint).toEqual(rest);
    expect(scheduling).toEqual({ type: 'indefinitely', interval: 900 });
    expect(report).toEqual({
      format: 'integrator',
      unknownModules: [{ id: 3, module: 'custom:Thing', path: 'flow[2]' }],
      connectionsToChoose: [],
      translatedExpressions: [],
      untranslatable: [],
      dropped: [],
      notes: [],
    });
  });

  test('arrives as JSON text or in the API envelope', () => {
    expect(importBlueprint(JSON.stringify(ours), registry).scheduling).toEqual(ours.scheduling);
    const { scheduling, ...bp } = ours;
    expect(importBlueprint({ blueprint: bp, scheduling }, registry)).toMatchObject({
      blueprint: bp,
      scheduling,
    });
    expect(importBlueprint({ code: 'OK', response: { blueprint: bp, scheduling } }, registry)).toMatchObject({
      blueprint: bp,
      scheduling,
    });
  });
});

describe('input that is not a blueprint', () => {
  test.each([
    [42, 'blueprint: must be a JSON object with a "flow" list of modules'],
    [[], 'blueprint: must be a JSON object with a "flow" list of modules'],
    ['{"flow": [', /^blueprint: is not valid JSON \(/],
    [{ name: 'x' }, 'flow: must be a list of modules'],
    [{ flow: {} }, 'flow: must be a list of modules'],
    [{ blueprint: { flow: 'no' } }, 'flow: must be a list of modules'],
    [{ flow: [], metadata: 'x' }, 'metadata: must be an object'],
    [{ flow: [], run: () => 1 }, 'blueprint: must be plain JSON data'],
  ])('%j is refused', (input, message) => {
    expect(() => importBlueprint(input, registry)).toThrow(BlueprintImportError);
    expect(() => importBlueprint(input, registry)).toThrow(message);
  });

  test('modules that are not objects are left for the compiler to report', () => {
    const { blueprint, report } = importBlueprint(
      { flow: [null, 'x', { id: 1, module: 'gateway:CustomWebHook' }], metadata: { zone: 'eu1.make.com' } },
      registry,
    );
    expect(blueprint.flow).toEqual([null, 'x', { id: 1, module: 'gateway:CustomWebHook' }]);
    expect(report.unknownModules).toEqual([]);
  });
});
