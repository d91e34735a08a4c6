import { compileCoercer, ERASE, field } from '../src';

// A coercer that keeps fields it does not declare (collections, flow control): what it returns
// for each kind of key, in which order, and which error comes first.

describe('compileCoercer with extra fields kept', () => {
  const coerce = compileCoercer(
    { count: field.number(), name: field.text({ required: true }), tags: field.array() },
    true,
  );

  test("the input's keys in its order, declared ones it lacks after, each coerced", () => {
    const out = coerce({ extra: 1, count: '5', other: 'x', name: 7 });
    expect(out).toEqual({ extra: 1, count: 5, other: 'x', name: '7' });
    expect(Object.keys(out)).toEqual(['extra', 'count', 'other', 'name']);
    expect(Object.keys(compileCoercer({ a: field.text({ default: 'd' }) }, true)({ z: 1 }))).toEqual([
      'z',
      'a',
    ]);
  });

  test('an empty declared field is left out; erase empties declared and extra fields alike', () => {
    const out = coerce({ count: '', name: 'n', tags: ERASE, extra: ERASE });
    expect(out).toEqual({ name: 'n', tags: [], extra: null });
    expect('count' in out).toBe(false);
  });

  test('the first error is the first declared field that fails, whatever the input order', () => {
    expect(() => coerce({ name: '', count: 'many' })).toThrow(/count/);
    expect(() => coerce({ count: 1 })).toThrow(/name.*required|required.*name/);
  });

  test('a key named __proto__ stays a plain key', () => {
    const input = JSON.parse('{"__proto__": {"polluted": true}, "name": "n"}') as Record<string, unknown>;
    const out = coerce(input);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect((out as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
