import type { Blueprint } from '@integrator/engine/blueprint';
import type { ModuleLog } from '@integrator/engine/runner/types';
import { friendlyLogs, friendlyMessage, friendlyPaths, moduleFields } from '../../src/run/friendly-error';
import { sampleBlueprint } from '../fixtures/blueprints';
import { catalog } from '../fixtures/catalog';

// Run errors name the field by its label, not its path in the module.

const blueprint: Blueprint = {
  name: 'x',
  flow: [{ id: 3, module: 'crm:CreateContact', version: 1, mapper: {} }],
};
const fields = moduleFields(blueprint, catalog, 3);

describe('friendly run errors', () => {
  it('says the label of a missing field, of a nested one, and keeps a label the engine already said', () => {
    expect(friendlyMessage('email: is required', fields)).toBe('Email is required');
    expect(friendlyMessage('phones[1].number: is required', fields)).toBe('Number is required');
    expect(friendlyMessage('mapper.tier: Tier must be one of "gold", "silver" (got "x")', fields)).toBe(
      'Tier must be one of "gold", "silver" (got "x")',
    );
    expect(friendlyMessage('age: must be at least 0', fields)).toBe('Age: must be at least 0');
    expect(friendlyMessage('list: must be an id (got true)', fields)).toBe('List: must be an id (got true)');
    // Not a field of the module: the message stays as the engine said it.
    expect(friendlyMessage('unknown: is required', fields)).toBe('unknown: is required');
    expect(friendlyMessage('the server said no', fields)).toBe('the server said no');
  });

  it('rewrites the errors of a run log, leaving modules without errors as they are', () => {
    const ok: ModuleLog = { id: 1, module: 'x', operations: 1, errors: 0, ops: [] } as unknown as ModuleLog;
    const failed = {
      id: 3,
      module: 'crm:CreateContact',
      operations: 1,
      errors: 1,
      ops: [
        {
          operation: 1,
          error: { message: 'email: is required', kind: 'user', type: 'BundleValidationError' },
        },
      ],
    } as unknown as ModuleLog;
    const [same, friendly] = friendlyLogs([ok, failed], blueprint, catalog);
    expect(same).toBe(ok);
    expect(friendly.ops[0].error?.message).toBe('Email is required');
  });
});

describe('blueprint paths in messages', () => {
  const sample = sampleBlueprint();
  it('names the module and the field label instead of the path, nested modules included', () => {
    expect(
      friendlyPaths('blueprint.flow[1].mapper.name: must be a valid variable name', sample, catalog),
    ).toBe('Set variable (module 2), Variable name: must be a valid variable name');
    expect(friendlyPaths('flow[2].routes[0].flow[0].mapper.email is required', sample, catalog)).toBe(
      'Create a contact (module 4), Email is required',
    );
    expect(friendlyPaths('flow[2].routes[0].flow[0].onerror[0]: unknown', sample, catalog)).toBe(
      'Ignore (module 5): unknown',
    );
    expect(friendlyPaths('flow[2].routes[1].flow[0].filter.name: bad', sample, catalog)).toBe(
      'Set variable (module 6), filter.name: bad',
    );
    // No such module: kept as the server said it.
    expect(friendlyPaths('flow[9].mapper.x: bad', sample, catalog)).toBe('flow[9].mapper.x: bad');
  });
});
