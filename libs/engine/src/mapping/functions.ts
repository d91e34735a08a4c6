import type jsonata from 'jsonata';
import { ADDERS } from '../import/make-date-functions';
import { MAKE_FUNCTIONS } from '../import/make-functions';
import { PARSE_NUMBER } from '../import/make-math';

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
  // Make's date arithmetic: a Date, ISO text or milliseconds, in the run's time zone.
  ADDERS.addDays,
  ADDERS.addHours,
  ADDERS.addMinutes,
  PARSE_NUMBER,
  // Make's meaning of length, round, replace, formatDate…: what imported IML translates to.
  ...MAKE_FUNCTIONS,
];

export function registerFunctions(expr: jsonata.Expression): void {
  for (const f of CUSTOM_FUNCTIONS) expr.registerFunction(f.name, f.fn as never, f.signature);
}
