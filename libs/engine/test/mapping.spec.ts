import jsonata from 'jsonata';
import { compileExpression, compileTemplate, rewriteModuleRefs, splitTemplate } from '../src';

const scope = (outputs: Record<number, unknown>, input?: unknown) => {
  const arr: unknown[] = [];
  for (const [k, v] of Object.entries(outputs)) arr[Number(k)] = v;
  return { outputs: arr, input, execution: { id: 'x', cycle: 1, startedAt: 0 } };
};

describe('module references inside {{ }}', () => {
  test.each([
    ['1.email', '$__m1.email', [1]],
    ['$uppercase(2.name)', '$uppercase($__m2.name)', [2]],
    ['$sum(3.items.price)', '$sum($__m3.items.price)', [3]],
    ['1.`Customer Name`', '$__m1.`Customer Name`', [1]],
    ['`4`', '$__m4', [4]],
    ['1.`0`', '$__m1.`0`', [1]],
    ['3.5 + 1', '3.5 + 1', []],
    ['"1.email"', '"1.email"', []],
    ["'2.x' & 2.x", "'2.x' & $__m2.x", [2]],
    ['$match(1.s, /1.a/)', '$match($__m1.s, /1.a/)', [1]],
    ['10.a.b[0]', '$__m10.a.b[0]', [10]],
  ])('%s', (source, rewritten, ids) => {
    const r = rewriteModuleRefs(source);
    expect(r.source).toBe(rewritten);
    expect(r.ids).toEqual(ids);
  });

  test('templates split into text and expressions, with nested braces inside expressions', () => {
    expect(splitTemplate('Hi {{1.name}}, {{ {"a": {"b": 1}}.a.b }}!')).toEqual([
      { text: 'Hi ' },
      { expression: '1.name' },
      { text: ', ' },
      { expression: ' {"a": {"b": 1}}.a.b ' },
      { text: '!' },
    ]);
  });
});

describe('expressions', () => {
  const data = {
    email: 'a@b.c',
    n: 3,
    items: [{ price: 2 }, { price: 5 }],
    single: [7],
    empty: [],
    nested: { deep: { v: true } },
  };

  // The fast path must give exactly what JSONata gives.
  test.each([
    '1.email',
    '1.n',
    '1.items',
    '1.single',
    '1.empty',
    '1.nested.deep.v',
    '1.missing',
    '1.missing.x',
    '1.items.price',
    '`1`',
    '1.email.x',
  ])('plain reference %s matches JSONata', async (source) => {
    const expr = compileExpression(source);
    const ours = await expr.evaluate(scope({ 1: data }));
    const theirs = await jsonata(rewriteModuleRefs(source).source).evaluate({}, { __m1: data });
    expect(ours).toEqual(theirs === undefined ? undefined : JSON.parse(JSON.stringify(theirs)));
  });

  test('plain references take the synchronous fast path', () => {
    const value = compileExpression('1.nested.deep.v').evaluate(scope({ 1: data }));
    expect(value).toBe(true);
  });

  test('functions, our Make-style helpers and the run input', async () => {
    const s = scope({ 2: { name: 'ada' }, 3: { items: [{ price: 2 }, { price: 5 }] } }, { q: 'x' });
    expect(await compileExpression('$uppercase(2.name)').evaluate(s)).toBe('ADA');
    expect(await compileExpression('$sum(3.items.price)').evaluate(s)).toBe(7);
    expect(await compileExpression('$count(3.items)').evaluate(s)).toBe(2);
    expect(await compileExpression('$ifempty(2.nothing, "fallback")').evaluate(s)).toBe('fallback');
    expect(await compileExpression('$addDays("2026-01-30T00:00:00.000Z", 3)').evaluate(s)).toBe(
      '2026-02-02T00:00:00.000Z',
    );
    expect(await compileExpression('$input.q').evaluate(s)).toBe('x');
  });

  test('a syntax error is reported when compiling', () => {
    expect(() => compileExpression('1.name +')).toThrow(/position|Expected|end of expression/i);
  });

  test('a runaway expression is stopped by the time limit', async () => {
    const expr = compileExpression('($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100000))');
    await expect(Promise.resolve(expr.evaluate(scope({})))).rejects.toThrow(/cannot evaluate/);
  });
});

describe('templates', () => {
  test('a field that is exactly one expression keeps its type; mixed text interpolates', async () => {
    const t = compileTemplate(
      { n: '{{1.n}}', text: 'n is {{1.n}}', obj: '{{1.o}}', list: ['{{1.n}}', 'x'], plain: 5 },
      'mapper',
    );
    const value = await t.resolve(scope({ 1: { n: 3, o: { a: 1 } } }));
    expect(value).toEqual({ n: 3, text: 'n is 3', obj: { a: 1 }, list: [3, 'x'], plain: 5 });
    expect(t.expressions.map((e) => e.path)).toEqual([
      'mapper.n',
      'mapper.text',
      'mapper.obj',
      'mapper.list[0]',
    ]);
  });

  test('interpolation of objects gives JSON, of nothing gives empty text', async () => {
    const t = compileTemplate('a={{1.o}} b={{1.none}}', 'x');
    expect(await t.resolve(scope({ 1: { o: { k: [1] } } }))).toBe('a={"k":[1]} b=');
  });

  test('mixed synchronous and JSONata parts keep the key order', async () => {
    const t = compileTemplate({ a: '{{$uppercase(1.s)}}', b: '{{1.s}}' }, 'm');
    const value = (await t.resolve(scope({ 1: { s: 'q' } }))) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['a', 'b']);
    expect(value).toEqual({ a: 'Q', b: 'q' });
  });

  test('syntax problems are collected with their path', () => {
    const problems: { path: string; message: string }[] = [];
    compileTemplate({ url: 'x {{1.a +}}' }, 'flow[1].mapper', problems);
    expect(problems[0].path).toBe('flow[1].mapper.url');
    expect(problems[0].message).toMatch(/invalid expression \{\{1\.a \+\}\}/);
  });
});
