import type jsonata from 'jsonata';
import { MAKE_FUNCTIONS } from '../import/make-functions';

// Make-style helpers offered inside {{ }} next to JSONata's own library, so users coming
// from Make find the functions they know ($ifempty, date arithmetic).

export const CUSTOM_FUNCTIONS: Array<{
  name: string;
  signature: string;
  description: string;
  fn: (...a: never[]) => unknown;
}> = [
  {
    name: 'ifempty',
    signature: '<xx:x>',
    description: 'the first value unless it is empty (null, "" or []), else the second',
    fn: ((a: unknown, b: unknown) =>
      a === undefined || a === null || a === '' || (Array.isArray(a) && a.length === 0) ? b : a) as never,
  },
  {
    name: 'addDays',
    signature: '<(sn)n:s>',
    description: 'adds days to a date (ISO text or milliseconds); returns ISO text',
    fn: ((d: string | number, n: number) => shift(d, n * 86400000)) as never,
  },
  {
    name: 'addHours',
    signature: '<(sn)n:s>',
    description: 'adds hours to a date; returns ISO text',
    fn: ((d: string | number, n: number) => shift(d, n * 3600000)) as never,
  },
  {
    name: 'addMinutes',
    signature: '<(sn)n:s>',
    description: 'adds minutes to a date; returns ISO text',
    fn: ((d: string | number, n: number) => shift(d, n * 60000)) as never,
  },
  {
    name: 'parseNumber',
    signature: '<s-s?:n>',
    description: 'reads a number written with a decimal separator (default ".")',
    fn: ((s: string, sep = '.') => {
      const other = sep === ',' ? '.' : ',';
      const n = Number(s.split(other).join('').replace(sep, '.').trim());
      return Number.isFinite(n) ? n : undefined;
    }) as never,
  },
  // Make's meaning of length, round, replace, formatDate…: what imported IML translates to.
  ...MAKE_FUNCTIONS,
];

function shift(date: string | number, ms: number): string | undefined {
  const t = typeof date === 'number' ? date : Date.parse(date);
  return Number.isNaN(t) ? undefined : new Date(t + ms).toISOString();
}

export function registerFunctions(expr: jsonata.Expression): void {
  for (const f of CUSTOM_FUNCTIONS) expr.registerFunction(f.name, f.fn as never, f.signature);
}
