import { toBoolean, toText } from '@integrator/sdk';
import { f, given, isNothing, num, type CustomFunction } from './make-helpers';

// Make's math functions (help.make.com "Math functions"). Numbers written as text are read
// as numbers, as Make coerces them; sum(1; 2) and sum(array) both arrive as one list.

const one = (name: string, fn: (n: number) => number) => (v: unknown) =>
  isNothing(v) || v === '' ? undefined : fn(num(v, name));

function numbers(list: unknown, name: string): number[] {
  const flat = (Array.isArray(list) ? list : [list]).flat(Infinity);
  return flat.filter((v) => !isNothing(v) && v !== '').map((v) => num(v, name, 'value'));
}

const over = (name: string, fn: (xs: number[]) => number) => (list: unknown) => {
  const xs = numbers(list, name);
  return xs.length ? fn(xs) : undefined;
};

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function stdev(xs: number[], sample: boolean): number {
  const m = mean(xs);
  const squares = xs.reduce((a, x) => a + (x - m) ** 2, 0);
  return Math.sqrt(squares / (sample ? xs.length - 1 : xs.length));
}

// trunc(3.789; 2) = 3.78: drops the decimals past the precision, without rounding.
function trunc(v: unknown, precision?: unknown): number | undefined {
  if (isNothing(v) || v === '') return undefined;
  const n = num(v, 'trunc');
  if (!given(precision)) return Math.trunc(n);
  const p = Math.trunc(num(precision, 'trunc', 'precision'));
  const factor = 10 ** p;
  return Math.trunc(Number((n * factor).toPrecision(15))) / factor;
}

// parseNumber(1 756,456; ,): spaces and the other separator group thousands.
function mparseNumber(v: unknown, separator?: unknown): number | undefined {
  if (isNothing(v) || v === '') return undefined;
  if (typeof v === 'number') return v;
  const sep = given(separator) ? toText(separator) : '.';
  const other = sep === ',' ? '.' : ',';
  const s = toText(v)
    .replace(/[\s\u00a0]/g, '')
    .split(other)
    .join('')
    .replace(sep, '.');
  const n = Number(s);
  if (s === '' || !Number.isFinite(n)) throw new Error(`parseNumber: ${JSON.stringify(v)} is not a number`);
  return n;
}

/** Offered before the import existed (mapping/functions.ts lists it first), now with Make's meaning. */
export const PARSE_NUMBER = f(
  'parseNumber',
  '<xx?:n>',
  'reads a number written with a decimal separator (default "."); spaces and the other separator group thousands',
  mparseNumber as never,
);

export const MATH_FUNCTIONS: CustomFunction[] = [
  f('mabs', '<x:n>', "Make's abs: the absolute value", one('abs', Math.abs) as never),
  f('mceil', '<x:n>', "Make's ceil: the smallest whole number not below", one('ceil', Math.ceil) as never),
  f('mfloor', '<x:n>', "Make's floor: the largest whole number not above", one('floor', Math.floor) as never),
  f('trunc', '<xx?:n>', 'drops the decimals (or those past a precision)', trunc as never),
  f('msum', '<x:n>', "Make's sum of a list of numbers (0 for none)", ((list: unknown) =>
    numbers(list, 'sum').reduce((a, b) => a + b, 0)) as never),
  f('maverage', '<x:n>', "Make's average of a list of numbers", over('average', mean) as never),
  f('mmin', '<x:n>', "Make's min of a list of numbers", over('min', (xs) => Math.min(...xs)) as never),
  f('mmax', '<x:n>', "Make's max of a list of numbers", over('max', (xs) => Math.max(...xs)) as never),
  f('median', '<x:n>', 'the median of a list of numbers', over('median', median) as never),
  f(
    'stdevS',
    '<x:n>',
    'the standard deviation of a sample',
    over('stdevS', (xs) => stdev(xs, true)) as never,
  ),
  f(
    'stdevP',
    '<x:n>',
    'the standard deviation of a population',
    over('stdevP', (xs) => stdev(xs, false)) as never,
  ),
  f(
    'mbool',
    '<x-:b>',
    'Make\'s truth: any number is true (even 0), text is false only when empty or "false"',
    ((v: unknown) => toBoolean(v)) as never,
  ),
];
