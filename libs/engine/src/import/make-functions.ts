import { toText } from '@integrator/sdk';
import { DATE_FUNCTIONS } from './make-date-functions';
import { asList, f, given, isNothing, num, type Collection, type CustomFunction } from './make-helpers';
import { COLLECTION_FUNCTIONS } from './make-collections';
import { MATH_FUNCTIONS } from './make-math';
import { TEXT_FUNCTIONS } from './make-text';

// Functions with Make's meaning, offered inside {{ }} so that imported IML keeps what it
// did in Make. Where JSONata has a function of the same name with another meaning (length,
// round, trim, replace, join, map…), ours carries an "m" prefix: $mlength, $mround…
// Errors thrown here surface as the expression's DataError, with the function's name.

function mlength(v: unknown): number {
  if (isNothing(v)) return 0;
  if (Array.isArray(v)) return v.length;
  if (v instanceof Uint8Array) return v.byteLength; // a buffer's length is its size in bytes
  if (typeof v === 'object' && !(v instanceof Date)) return Object.keys(v).length;
  return toText(v).length;
}

function mround(v: unknown, decimals?: unknown): number | undefined {
  if (isNothing(v) || v === '') return undefined;
  const n = num(v, 'round');
  const f = 10 ** (!given(decimals) ? 0 : Math.trunc(num(decimals, 'round', 'number of decimals')));
  // toPrecision absorbs binary noise such as 1.005 * 100 = 100.49999999999999.
  return Math.round(Number((n * f).toPrecision(15))) / f;
}

function mreplace(text: unknown, search: unknown, replacement: unknown): string | undefined {
  if (isNothing(text)) return undefined;
  const s = toText(text);
  const r = toText(replacement);
  // Make writes a regular expression as /pattern/flags; plain text replaces every occurrence.
  const re = typeof search === 'string' ? /^\/(.+)\/([dgimsuy]*)$/s.exec(search) : null;
  if (re) return s.replace(new RegExp(re[1], re[2]), r);
  const needle = toText(search);
  return needle === '' ? s : s.split(needle).join(r);
}

function mcontains(haystack: unknown, needle: unknown): boolean {
  if (isNothing(haystack)) return false;
  if (Array.isArray(haystack)) {
    return haystack.some(
      (item) => item === needle || (typeof item !== 'object' && toText(item) === toText(needle)),
    );
  }
  return toText(haystack).includes(toText(needle));
}

/** Reads a raw-name path such as "address.city" or "items.2.title" (array positions from 1). */
function readPath(value: unknown, path: string): unknown {
  let v = value;
  for (const segment of path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)) {
    if (isNothing(v) || typeof v !== 'object') return undefined;
    v = Array.isArray(v) && /^\d+$/.test(segment) ? v[Number(segment) - 1] : (v as Collection)[segment];
  }
  return v;
}

function get(value: unknown, path: unknown): unknown {
  if (isNothing(value) || isNothing(path)) return undefined;
  if (typeof path === 'number')
    return Array.isArray(value) ? value[path - 1] : (value as Collection)[String(path)];
  return readPath(value, toText(path));
}

function mmap(array: unknown, key: unknown, filterKey?: unknown, filterValues?: unknown): unknown[] {
  const wanted =
    filterKey === undefined
      ? undefined
      : new Set(
          (Array.isArray(filterValues) ? filterValues : toText(filterValues).split(',')).map((v) =>
            toText(v).trim(),
          ),
        );
  return asList(array)
    .filter((item) => !wanted || wanted.has(toText(readPath(item, toText(filterKey)))))
    .map((item) => readPath(item, toText(key)))
    .filter((v) => v !== undefined);
}

const ORDERS = ['asc', 'desc', 'asc ci', 'desc ci'];

function msort(array: unknown, order?: unknown, key?: unknown): unknown[] {
  let mode = given(order) ? toText(order).trim().toLowerCase() : 'asc';
  // sort(Contacts[]; name): Make reads a second argument that is no order as the key.
  if (!ORDERS.includes(mode) && !given(key) && given(order)) {
    key = order;
    mode = 'asc';
  }
  if (!ORDERS.includes(mode)) {
    throw new Error(`sort: the order must be asc, desc, asc ci or desc ci (got ${JSON.stringify(order)})`);
  }
  const ci = mode.endsWith(' ci');
  const sign = mode.startsWith('desc') ? -1 : 1;
  const read = (v: unknown) => {
    const x = !given(key) ? v : readPath(v, toText(key));
    return typeof x === 'number' ? x : ci ? toText(x).toLowerCase() : toText(x);
  };
  return [...asList(array)].sort((a, b) => {
    const x = read(a);
    const y = read(b);
    return (x < y ? -1 : x > y ? 1 : 0) * sign;
  });
}

function mdistinct(array: unknown, key?: unknown): unknown[] {
  const seen = new Set<string>();
  return asList(array).filter((item) => {
    const id = JSON.stringify(key === undefined ? item : readPath(item, toText(key))) ?? 'undefined';
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

// Make's defaults: no decimals, "," before the decimals and "." between thousands.
function mformatNumber(n: unknown, decimals?: unknown, decimalSep?: unknown, thousandsSep?: unknown) {
  if (isNothing(n) || n === '') return undefined;
  const value = num(n, 'formatNumber');
  const places = given(decimals) ? Math.trunc(num(decimals, 'formatNumber', 'number of decimals')) : 0;
  const fixed = Math.abs(value).toFixed(places);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, given(thousandsSep) ? toText(thousandsSep) : '.');
  const point = given(decimalSep) ? toText(decimalSep) : ',';
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? point + fraction : ''}`;
}

export const MAKE_FUNCTIONS: CustomFunction[] = [
  f(
    'mlength',
    '<x:n>',
    "Make's length: characters of a text, items of an array (0 for nothing)",
    mlength as never,
  ),
  f(
    'mround',
    '<xx?:n>',
    "Make's round: to the nearest whole number (halves up), or to n decimals",
    mround as never,
  ),
  f('mtrim', '<x:s>', "Make's trim: removes spaces at both ends only", ((v: unknown) =>
    isNothing(v) ? undefined : toText(v).trim()) as never),
  f(
    'mreplace',
    '<xxx:s>',
    "Make's replace: every occurrence of a text, or a /regular expression/flags",
    mreplace as never,
  ),
  f('msubstring', '<xxx?:s>', "Make's substring(text; start; end): positions from 0, end excluded", ((
    t: unknown,
    s: unknown,
    e?: unknown,
  ) =>
    isNothing(t)
      ? undefined
      : toText(t).substring(
          num(s, 'substring', 'start'),
          !given(e) ? undefined : num(e, 'substring', 'end'),
        )) as never),
  f('indexOf', '<xxx?:n>', 'position (from 0) of a text inside another, or -1', ((
    t: unknown,
    v: unknown,
    s?: unknown,
  ) => toText(t).indexOf(toText(v), !given(s) ? 0 : num(s, 'indexOf', 'start'))) as never),
  f(
    'mcontains',
    '<xx:b>',
    "Make's contains: a text contains a text, or an array contains a value",
    mcontains as never,
  ),
  f('capitalize', '<x:s>', 'the first character in upper case', ((v: unknown) => {
    if (isNothing(v)) return undefined;
    const s = toText(v);
    return s.charAt(0).toUpperCase() + s.slice(1);
  }) as never),
  f('mjoin', '<xx?:s>', "Make's join: the items of an array as text, with a separator", ((
    a: unknown,
    sep: unknown = '',
  ) => (isNothing(a) ? undefined : asList(a).map(toText).join(toText(sep)))) as never),
  f(
    'mmap',
    '<xxx?x?:a>',
    "Make's map(array; key; filter key; filter values): one value per item, optionally filtered",
    mmap as never,
  ),
  f('get', '<xx:x>', "Make's get(value; path): a raw-name path, array positions from 1", get as never),
  f('msort', '<xx?x?:a>', "Make's sort(array; asc|desc|asc ci|desc ci; key)", msort as never),
  f(
    'mdistinct',
    '<xx?:a>',
    "Make's distinct(array; key): drops repeated items (or items with a repeated key)",
    mdistinct as never,
  ),
  f(
    'mformatNumber',
    '<xx?x?x?:s>',
    "Make's formatNumber(number; decimals; decimal separator; thousands separator)",
    mformatNumber as never,
  ),
  ...DATE_FUNCTIONS,
  ...TEXT_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
];
