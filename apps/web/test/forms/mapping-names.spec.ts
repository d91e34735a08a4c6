import { appMetadata, defineApp, defineModule, field } from '@integrator/sdk';
import { mappingSources } from '../../src/forms';

// Modules whose output fields are named by their own settings (Make's set multiple variables):
// the picker offers those names before any run.

const tools = defineApp({
  key: 'util',
  label: 'Tools',
  modules: [
    defineModule({
      key: 'util:SetVariables',
      label: 'Set multiple variables',
      kind: 'action',
      mapper: { variables: field.array({ items: { name: field.text(), value: field.any() } }) },
      output: { namesFrom: { mapper: 'variables', key: 'name' } },
    }),
    defineModule({
      key: 'util:GetVariable2',
      label: 'Get variable',
      kind: 'action',
      mapper: { name: field.text() },
      output: { namesFrom: { mapper: 'name' }, fields: [{ name: 'extra', label: 'Extra' }] },
    }),
  ],
});
const catalog = [appMetadata(tools)];

describe('output fields named by the mapper', () => {
  it('offers each variable name, leaving out names only known at run time', () => {
    const [set, get] = mappingSources(
      [
        {
          id: 1,
          module: 'util:SetVariables',
          mapper: { variables: [{ name: 'total' }, { name: 'first name' }, { name: '{{2.x}}' }] },
        },
        { id: 2, module: 'util:GetVariable2', mapper: { name: 'total' } },
      ],
      catalog,
    );
    expect(set.origin).toBe('declared');
    expect(set.fields.map((f) => f.path)).toEqual(['total', '`first name`']);
    expect(get.fields.map((f) => f.path)).toEqual(['total', 'extra']);
  });

  it('offers nothing extra while the names are not set', () => {
    const [set] = mappingSources([{ id: 1, module: 'util:SetVariables', mapper: {} }], catalog);
    expect(set).toMatchObject({ origin: 'none', fields: [] });
  });
});
