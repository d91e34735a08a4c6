import { toNumber, toText } from '@integrator/sdk';
import { addUnits, formatDate, parseDate } from './make-dates';

// Functions with Make's meaning, offered inside {{ }} so that imported IML keeps what it
// did in Make. Where JSONata has a function of the same name with another meaning (length,
// round, trim, replace, join, map…), ours carries an "m" prefix: $mlength, $mround…
// Errors thrown here surface as the expression's DataError, with the function's name.

export interface CustomFunction {
  name: string;
  signature: string;
  description: string;
  fn: (...a: never[]) => unknown;
}

type Collection = Record<string, unknown>;

const isNothing = (v: unknown): v is null | undefined => v === undefined || v === null;
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : isNothing(v) ? [] : [v]);

function num(v: unknown, fn: string, what = 'argument'): number {
  const n = toNumber(v);
  if (n === undefined) throw new Error(`${fn}: the ${what} ${JSON.stringify(v)} is not a number`);
  return n;
}

function mlength(v: unknown): number {
  if (isNothing(v)) return 0;
  if (Array.isArray(v)) return v.length;
  if (typeof v === 'object' && !(v instanceof Date)) return Object.keys(v).length;
  return toText(v).length;
}

function mround(v: unknown, decimals?: unknown): number | undefined {
  if (isNothing(v) || v === '') return undefined;
  const n = num(v, 'round');
  const f = 10 ** (decimals === undefined ? 0 : Math.trunc(num(decimals, 'round', 'number of decimals')));
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

function msort(array: unknown, order: unknown = 'asc', key?: unknown): unknown[] {
  const mode = toText(order).trim().toLowerCase();
  if (!['asc', 'desc', 'asc ci', 'desc ci'].includes(mode)) {
    throw new Error(`sort: the order must be asc, desc, asc ci or desc ci (got ${JSON.stringify(order)})`);
  }
  const ci = mode.endsWith(' ci');
  const sign = mode.startsWith('desc') ? -1 : 1;
  const read = (v: unknown) => {
    const x = key === undefined ? v : readPath(v, toText(key));
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
function mformatNumber(
  n: unknown,
  decimals: unknown = 0,
  decimalSep: unknown = ',',
  thousandsSep: unknown = '.',
): string | undefined {
  if (isNothing(n) || n === '') return undefined;
  const value = num(n, 'formatNumber');
  const fixed = Math.abs(value).toFixed(Math.trunc(num(decimals, 'formatNumber', 'number of decimals')));
  const [whole, fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, toText(thousandsSep));
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? toText(decimalSep) + fraction : ''}`;
}

const f = (
  name: string,
  signature: string,
  description: string,
  fn: (...a: never[]) => unknown,
): CustomFunction => ({
  name,
  signature,
  description,
  fn,
});

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
  f('trunc', '<x:n>', 'drops the decimals', ((v: unknown) =>
    isNothing(v) ? undefined : Math.trunc(num(v, 'trunc'))) as never),
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
          e === undefined ? undefined : num(e, 'substring', 'end'),
        )) as never),
  f('indexOf', '<xxx?:n>', 'position (from 0) of a text inside another, or -1', ((
    t: unknown,
    v: unknown,
    s?: unknown,
  ) => toText(t).indexOf(toText(v), s === undefined ? 0 : num(s, 'indexOf', 'start'))) as never),
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
  f(
    'formatDate',
    '<xxx?:s>',
    'formats a date with moment-style tokens (YYYY-MM-DD HH:mm) in a time zone (default UTC)',
    formatDate as never,
  ),
  f(
    'parseDate',
    '<xx?x?:s>',
    'reads a date written in a moment-style format; returns ISO text (UTC)',
    parseDate as never,
  ),
  f('addSeconds', '<xx:s>', 'adds seconds to a date; returns ISO text', ((d: unknown, n: unknown) =>
    addUnits(d, n, 'seconds')) as never),
  f('addMonths', '<xx:s>', 'adds calendar months to a date; returns ISO text', ((d: unknown, n: unknown) =>
    addUnits(d, n, 'months')) as never),
  f('addYears', '<xx:s>', 'adds calendar years to a date; returns ISO text', ((d: unknown, n: unknown) =>
    addUnits(d, n, 'years')) as never),
];
