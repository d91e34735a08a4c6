import { InputSchemas, InvalidInputSchema } from './input-schema';

const schema = {
  type: 'object',
  required: ['email', 'amount'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email' },
    amount: { type: 'number', minimum: 1 },
    note: { type: 'string', maxLength: 5 },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['sku'],
        properties: { sku: { type: 'string' }, 'a/b': { type: 'integer' } },
      },
    },
  },
};

describe('input schemas', () => {
  const schemas = new InputSchemas();

  test('conforming input has no problems', () => {
    expect(schemas.check(schema, { email: 'ada@example.com', amount: 3, items: [{ sku: 'x' }] })).toEqual([]);
  });

  test('every failing field is named, with its path under input', () => {
    const problems = schemas.check(schema, {
      email: 'not-mail',
      note: 'far too long',
      extra: true,
      items: [{ sku: 'ok' }, { 'a/b': 1.5 }],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'input.amount', message: 'is required' },
        { path: 'input.extra', message: 'is not allowed' },
        { path: 'input.email', message: 'must match format "email"' },
        { path: 'input.note', message: 'must NOT have more than 5 characters' },
        { path: 'input.items[1].sku', message: 'is required' },
        { path: 'input.items[1].a/b', message: 'must be integer' },
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  test('input of the wrong kind is named at the root', () => {
    expect(schemas.check(schema, 'text')).toEqual([{ path: 'input', message: 'must be object' }]);
  });

  test('a schema that is not valid JSON Schema is reported as such', () => {
    expect(() => schemas.check({ type: 'no-such-type' }, {})).toThrow(InvalidInputSchema);
  });

  test('two versions of a schema with the same $id both compile', () => {
    expect(schemas.check({ $id: 'https://example.com/input.json', type: 'string' }, 'x')).toEqual([]);
    expect(schemas.check({ $id: 'https://example.com/input.json', type: 'number' }, 'x')).toEqual([
      { path: 'input', message: 'must be number' },
    ]);
  });
});
