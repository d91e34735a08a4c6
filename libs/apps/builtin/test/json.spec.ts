import { errorOf, harness, hook, outputsOf } from './harness';

const h = harness();
const input = {
  name: 'Ada',
  age: 36,
  tags: ['x', 'y'],
  items: [
    { sku: 'A', qty: 2 },
    { sku: 'B', qty: 1 },
  ],
};

describe('json:CreateJSON', () => {
  it('makes JSON of the mapped fields, nested as mapped, typed as the values are', async () => {
    const result = await h.run(
      [
        hook(),
        {
          id: 2,
          module: 'json:CreateJSON',
          parameters: { type: 4711, space: '' },
          mapper: {
            customer: { name: '{{1.name}}', age: '{{1.age}}' },
            tags: '{{1.tags}}',
            note: 'hi "you"',
          },
        },
      ],
      { input },
    );
    expect(outputsOf(result, 2)).toEqual([
      { json: '{"customer":{"name":"Ada","age":36},"tags":["x","y"],"note":"hi \\"you\\""}' },
    ]);
  });

  it('indents with the given number of spaces or a tab', async () => {
    const json = async (space: string) =>
      outputsOf(
        await h.run([{ id: 1, module: 'json:CreateJSON', parameters: { space }, mapper: { a: 1 } }]),
        1,
      )[0].json;
    expect(await json('2')).toBe('{\n  "a": 1\n}');
    expect(await json('tab')).toBe('{\n\t"a": 1\n}');
  });

  it('fails on an indentation it cannot honour, naming the setting', async () => {
    const result = await h.run([
      { id: 1, module: 'json:CreateJSON', parameters: { space: 'wide' }, mapper: { a: 1 } },
    ]);
    expect(errorOf(result, 1)?.message).toMatch(/^parameters\.space: must be empty, a number of spaces/);
  });
});

describe('json:TransformToJSON', () => {
  it('turns the mapped object into its JSON text', async () => {
    const result = await h.run(
      [
        hook(),
        { id: 2, module: 'json:TransformToJSON', mapper: { object: '{{1.items}}' } },
        { id: 3, module: 'json:TransformToJSON', mapper: { object: '{{1.name}}' } },
      ],
      { input },
    );
    expect(outputsOf(result, 2)).toEqual([{ json: '[{"sku":"A","qty":2},{"sku":"B","qty":1}]' }]);
    expect(outputsOf(result, 3)).toEqual([{ json: '"Ada"' }]);
  });
});

describe('json:AggregateToJSON', () => {
  it('collects the mapped fields of each bundle into one JSON array', async () => {
    const result = await h.run(
      [
        hook(),
        { id: 2, module: 'builtin:BasicFeeder', mapper: { array: '{{1.items}}' } },
        {
          id: 3,
          module: 'json:AggregateToJSON',
          parameters: { feeder: 2, type: 99 },
          mapper: { code: '{{2.sku}}', count: '{{2.qty}}' },
        },
        { id: 4, module: 'json:ParseJSON', mapper: { json: '{{3.json}}' } },
      ],
      { input },
    );
    expect(result.modules.find((m) => m.id === 3)?.operations).toBe(1);
    expect(outputsOf(result, 3)).toEqual([{ json: '[{"code":"A","count":2},{"code":"B","count":1}]' }]);
    // Parse JSON still reads it back: one bundle per item.
    expect(outputsOf(result, 4)).toEqual([
      { code: 'A', count: 2 },
      { code: 'B', count: 1 },
    ]);
  });
});
