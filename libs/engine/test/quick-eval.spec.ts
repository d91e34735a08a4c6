import jsonata from 'jsonata';
import { compileExpression } from '../src/mapping/expression';
import { CUSTOM_FUNCTIONS } from '../src/mapping/functions';
import { MODULE_VAR_PREFIX, rewriteModuleRefs } from '../src/mapping/module-refs';
import {
  builtInsReady,
  compileQuick,
  FALLBACK,
  QUICK_FUNCTIONS,
  QUICK_MAKE_FUNCTIONS,
} from '../src/mapping/quick-eval';
import { compareAll, DATA, reference } from './quick-compare';

// The quick evaluator must give exactly what JSONata gives, or FALLBACK (then JSONata runs).
// Every case here is evaluated both ways and compared; JSONata is the reference.

const HAND_WRITTEN = [
  '"Total for " & 1.customer & ": " & $string($sum(1.items.(price * qty)))',
  '1.items.price',
  '1.items[0].name',
  '1.items[-1].qty',
  '1.items[price > 2].name',
  '1.items[qty].name',
  '1.items[[0, 2]].name',
  '1.items.tags',
  '1.items.tags[0]',
  '1.nested.deep.list',
  '1.nested.deep.list[0]',
  '1.nested.deep.list.$',
  '1.items.(price & "/" & qty)',
  '$count(1.items)',
  '$count(1.empty)',
  '$sum(1.items.price) / $count(1.items)',
  '$average(1.items.price)',
  '$max(1.items.qty) - $min(1.items.qty)',
  '1.count > 2 ? "many" : "few"',
  '1.count = 0 ? "none"',
  '1.flag and 1.count',
  '1.none or 1.obj',
  '1.customer in ["c7", "c8"]',
  '1.items.name = "a"',
  '1.obj = {}',
  '-1.count',
  '[1.customer, 1.count, 1.items.price]',
  '[[1.count], 1.empty]',
  '$uppercase($trim(1.text))',
  '$length(1.text)',
  '$substring(1.customer, 1)',
  '$substring(1.text, -3, 2)',
  '$join(1.items.name, ", ")',
  '$round(1.count * 1.1, 1)',
  '$round(2.5)',
  '$abs(1.count)',
  '$floor(1.count / 2)',
  '$number(1.num)',
  '$string(1.nested)',
  '$string(0.1 + 0.2)',
  '$boolean(1.empty)',
  '$not(1.obj)',
  '$exists(1.missing)',
  '$keys(1.nested.deep)',
  '$lookup(1.items, "qty")',
  '$append(1.items.name, 1.empty)',
  '$reverse(1.items.price)',
  '$distinct(1.items.tags)',
  '$type(1.none)',
  '$merge([1.obj, {"b": 2}])',
  '2.total',
  '2.total & "!"',
  '1.count + "x"',
  '1.text < 1',
  '1.count / 0',
  '$string(1 / 0)',
  '$sum(1.items.name)',
  '$uppercase(1.count)',
  '1.items.(price * qty)[0]',
  '(1.items)[0]',
  '1.items^(price).name',
  '1.*',
  '$now()',
  '$x := 1',
  '1.items{name: price}',
  '$',
  '()',
  '"a" & 1.missing & "b"',
  '1.count % 2',
  '1.missing.x.y',
  '1.items[price > 100].name',
  '1.items[price = 3][0].qty',
];

beforeAll(() => builtInsReady);

describe('quick JSONata evaluation', () => {
  it('gives what JSONata gives for the hand-written cases, on every data set', async () => {
    const quick = await compareAll(HAND_WRITTEN);
    expect(quick).toBeGreaterThan(HAND_WRITTEN.length * DATA.length * 0.6);
  });

  it('covers the common shapes without falling back', () => {
    for (const source of [
      '"Total for " & 1.customer & ": " & $string($sum(1.items.(price * qty)))',
      '1.items[0].name',
      '1.items[price > 2].name',
      '1.count > 2 ? "many" : "few"',
      '$join(1.items.name, ", ")',
    ]) {
      const { source: text, ids } = rewriteModuleRefs(source);
      const quick = compileQuick(jsonata(text).ast(), ids)!;
      expect([source, typeof quick]).toEqual([source, 'function']);
      expect([source, quick({ outputs: DATA[0] }) === FALLBACK]).toEqual([source, false]);
    }
  });

  it('leaves to JSONata what it does not cover', () => {
    for (const source of [
      '$uuid()',
      '$random()',
      '$x := 1',
      '1.items{name: price}',
      '1.*',
      '$var.scenario.id',
      '$match(1.text, /l+/)',
    ])
      expect([source, compileQuick(jsonata(rewriteModuleRefs(source).source).ast(), [1])]).toEqual([
        source,
        undefined,
      ]);
  });

  it('falls back, never throws, where JSONata reports an error', async () => {
    for (const source of [
      '1.count + "x"',
      '1.text < 1',
      '$sum(1.items.name)',
      '$string(1 / 0)',
      '$uppercase(1.count)',
    ]) {
      const { source: text, ids } = rewriteModuleRefs(source);
      expect((await reference(text, ids, DATA[0])).error).toBeDefined();
      expect(compileQuick(jsonata(text).ast(), ids)!({ outputs: DATA[0] })).toBe(FALLBACK);
    }
  });

  it('reads only the modules the expression names, as JSONata is given', () => {
    const { source: text, ids } = rewriteModuleRefs('2.total');
    const quick = compileQuick(jsonata(text).ast(), ids)!;
    expect(quick({ outputs: [undefined, undefined, { total: 5 }] })).toBe(5);
    expect(
      compileQuick(jsonata(`$${MODULE_VAR_PREFIX}3`).ast(), [2])!({ outputs: [0, 0, 0, 9] }),
    ).toBeUndefined();
  });

  it('hands a walk longer than its budget to JSONata', () => {
    const { source: text, ids } = rewriteModuleRefs('$sum(1.items.(price * qty))');
    const items = Array.from({ length: 10_000 }, () => ({ price: 1, qty: 1 }));
    expect(compileQuick(jsonata(text).ast(), ids)!({ outputs: [undefined, { items }] })).toBe(FALLBACK);
    expect(
      compileQuick(jsonata(text).ast(), ids)!({ outputs: [undefined, { items: items.slice(0, 100) }] }),
    ).toBe(100);
  });

  it('shares no name with the functions registered beside JSONata, and calls those as registered', () => {
    const custom = new Set(CUSTOM_FUNCTIONS.map((f) => f.name));
    expect(QUICK_FUNCTIONS.filter((n) => custom.has(n))).toEqual([]);
    expect([...custom].filter((n) => !QUICK_MAKE_FUNCTIONS.includes(n))).toEqual(['uuid']);
  });

  it('is what compileExpression uses, with the same result as before', async () => {
    const expr = compileExpression('"Total for " & 1.customer & ": " & $string($sum(1.items.(price * qty)))');
    const v = expr.evaluate({ outputs: DATA[0] });
    expect(v).toBe('Total for c7: 10');
    // An error is still JSONata's message.
    await expect(
      Promise.resolve(compileExpression('1.count + "x"').evaluate({ outputs: DATA[0] })),
    ).rejects.toThrow(/cannot evaluate \{\{1\.count \+ "x"\}\}/);
  });
});
