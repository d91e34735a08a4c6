import jsonata from 'jsonata';
import { registerFunctions } from '../src/mapping/functions';
import { MODULE_VAR_PREFIX, rewriteModuleRefs } from '../src/mapping/module-refs';
import { compileQuick, FALLBACK } from '../src/mapping/quick-eval';

// Evaluates an expression with the quick evaluator and with JSONata itself and requires the
// same value (JSONata is the reference); used by quick-eval*.spec.ts.

export const DATA: unknown[][] = [
  [
    undefined,
    {
      customer: 'c7',
      items: [
        { price: 3, qty: 2, name: 'a', tags: ['x', 'y'] },
        { price: 4, qty: 1, name: 'b', tags: [] },
        { price: 2.5, qty: 0, name: 'c', tags: ['z'] },
      ],
      nested: { deep: { value: 42, list: [[1, 2], [3]] } },
      count: 3,
      text: '  Hello World  ',
      flag: true,
      none: null,
      empty: [],
      obj: {},
      num: '12.5',
      when: '2026-03-08T06:30:00Z',
    },
    { total: 'Total for c7: 10' },
  ],
  [
    undefined,
    {
      customer: '',
      items: [{ price: 10, qty: 3, name: 'only', tags: ['t'] }],
      nested: { deep: { value: 0, list: [] } },
      count: 0,
      text: '',
      flag: false,
      none: null,
      empty: [],
      obj: { a: 1 },
      num: 'abc',
    },
    { total: 0 },
  ],
  [undefined, { items: [], nested: {}, count: -1.5 }, {}],
  [undefined, { items: { price: 5, qty: 5 }, customer: 5, text: 5, nested: [] }, { total: [1, 2] }],
  [undefined, {}, undefined],
];

// The run's time zone and clock, given to both evaluators (Make's date functions read them).
const CLOCK = () => Date.UTC(2026, 11, 5, 21, 30);
export const ENV = { timezone: 'America/New_York', now: CLOCK };
const ENV_BINDINGS = { __timezone: ENV.timezone, __clock: ENV.now };

export async function reference(
  text: string,
  ids: number[],
  outputs: unknown[],
): Promise<{ value?: unknown; error?: unknown }> {
  const expr = jsonata(text);
  registerFunctions(expr);
  const bindings: Record<string, unknown> = { input: undefined, execution: undefined, ...ENV_BINDINGS };
  for (const id of ids) bindings[`${MODULE_VAR_PREFIX}${id}`] = outputs[id];
  try {
    const v = await expr.evaluate({}, bindings);
    return { value: Array.isArray(v) && (v as { sequence?: boolean }).sequence ? Array.from(v) : v };
  } catch (error) {
    return { error };
  }
}

// A comparable form: undefined, NaN and the infinities survive, key order does not matter.
function canon(v: unknown): unknown {
  if (v === undefined) return { $undefined: true };
  if (typeof v === 'number' && !Number.isFinite(v)) return { $number: String(v) };
  if (typeof v === 'function') return { $function: true };
  if (Array.isArray(v)) return { $array: Array.from(v, canon) };
  if (v !== null && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, canon((v as Record<string, unknown>)[k])]),
    );
  return v;
}

export async function compare(source: string, outputs: unknown[]): Promise<'quick' | 'fallback'> {
  const { source: text, ids } = rewriteModuleRefs(source);
  let quick;
  try {
    quick = compileQuick(jsonata(text).ast(), ids);
  } catch {
    return 'fallback'; // not JSONata at all
  }
  if (!quick) return 'fallback';
  const got = quick({ outputs, ...ENV });
  const want = await reference(text, ids, outputs);
  if (got === FALLBACK) return 'fallback';
  if ('error' in want)
    throw new Error(
      `${source}: JSONata failed (${JSON.stringify(want.error)}) but quick gave ${JSON.stringify(got)}`,
    );
  const g = Array.isArray(got) && (got as { sequence?: boolean }).sequence ? Array.from(got) : got;
  expect({ source, outputs, value: canon(g) }).toEqual({ source, outputs, value: canon(want.value) });
  return 'quick';
}

/** compare() over every source and data set; how many took the quick path. */
export async function compareAll(sources: string[]): Promise<number> {
  let quick = 0;
  for (const source of sources)
    for (const outputs of DATA) if ((await compare(source, outputs)) === 'quick') quick++;
  return quick;
}
