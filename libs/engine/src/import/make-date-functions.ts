import type { DateTime } from 'luxon';
import { toText } from '@integrator/sdk';
import { addUnits, formatDate, isoText, parseDate, readDate, type DateUnit } from './make-dates';
import { defaultZone, f, given, num, type CustomFunction, type Focus } from './make-helpers';

// Make's date functions as registered for JSONata. Without an explicit time zone they work in
// the run's time zone (the organisation's, make-semantics §5), else UTC; the result of the
// add and set functions is ISO 8601 text in UTC.

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const DAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

// A month or day may be given by its English name: setMonth(d; January), setDay(d; Monday).
function position(v: unknown, names: string[], fn: string): number {
  const text = toText(v).trim().toLowerCase();
  const byName = names.findIndex((n) => n === text || (text.length >= 3 && n.startsWith(text)));
  return byName >= 0 ? byName + 1 : Math.trunc(num(v, fn, 'value'));
}

// Values past the unit's range roll over into the next one (setDate(d; 32) is the 1st of the
// next month), so each setter goes to the start of the range and adds.
const SETTERS: Record<string, (dt: DateTime, v: unknown) => DateTime> = {
  setSecond: (dt, v) => dt.set({ second: 0 }).plus({ seconds: num(v, 'setSecond', 'value') }),
  setMinute: (dt, v) => dt.set({ minute: 0 }).plus({ minutes: num(v, 'setMinute', 'value') }),
  setHour: (dt, v) => dt.set({ hour: 0 }).plus({ hours: num(v, 'setHour', 'value') }),
  setDate: (dt, v) => dt.set({ day: 1 }).plus({ days: num(v, 'setDate', 'value') - 1 }),
  // Sunday is 1 and Saturday 7, in the week (Sunday to Saturday) of the date.
  setDay: (dt, v) => dt.minus({ days: dt.weekday % 7 }).plus({ days: position(v, DAYS, 'setDay') - 1 }),
  setMonth: (dt, v) => {
    const month = position(v, MONTHS, 'setMonth');
    const years = Math.floor((month - 1) / 12);
    return dt.set({ year: dt.year + years, month: month - years * 12 });
  },
  setYear: (dt, v) => dt.set({ year: Math.trunc(num(v, 'setYear', 'value')) }),
};

function setter(name: string): CustomFunction {
  const set = SETTERS[name];
  return f(
    name,
    '<xx:s>',
    `Make's ${name}: the date with that part set (values past the range roll over)`,
    function (this: Focus, date: unknown, value: unknown) {
      const dt = readDate(date, name, defaultZone(this));
      return dt ? isoText(set(dt, value)) : undefined;
    } as never,
  );
}

function adder(name: string, unit: DateUnit): CustomFunction {
  return f(name, '<xx:s>', `adds ${unit} to a date (negative: subtracts); returns ISO text`, function (
    this: Focus,
    date: unknown,
    amount: unknown,
  ) {
    return addUnits(date, amount, unit, defaultZone(this));
  } as never);
}

/** addDays, addHours and addMinutes were offered before the import existed (mapping/functions.ts). */
export const ADDERS = {
  addDays: adder('addDays', 'days'),
  addHours: adder('addHours', 'hours'),
  addMinutes: adder('addMinutes', 'minutes'),
};

// $now() and $millis() read the run's clock (tests and retries pin it), not the machine's;
// $now(picture, timezone) still formats as JSONata's own does.
function clockNow(focus: Focus | undefined): number {
  const clock = focus?.environment?.lookup('__clock');
  return typeof clock === 'function' ? (clock as () => number)() : Date.now();
}

type Builtin = { implementation: (...a: unknown[]) => unknown };

const CLOCK_FUNCTIONS: CustomFunction[] = [
  f('now', '<s?s?:s>', "the run's current time as ISO 8601 text (or in a JSONata picture)", function (
    this: Focus,
    picture?: string,
    timezone?: string,
  ) {
    const ms = clockNow(this);
    if (picture === undefined && timezone === undefined) return new Date(ms).toISOString();
    const fromMillis = this.environment?.lookup('fromMillis') as Builtin;
    return fromMillis.implementation(ms, picture, timezone);
  } as never),
  f('millis', '<:n>', "the run's current time in milliseconds", function (this: Focus) {
    return clockNow(this);
  } as never),
];

export const DATE_FUNCTIONS: CustomFunction[] = [
  ...CLOCK_FUNCTIONS,
  f(
    'formatDate',
    '<xxx?:s>',
    'formats a date with moment-style tokens (YYYY-MM-DD HH:mm) in a time zone',
    function (this: Focus, date: unknown, format: unknown, timezone?: unknown) {
      return formatDate(date, format, given(timezone) ? timezone : defaultZone(this));
    } as never,
  ),
  f(
    'parseDate',
    '<xx?x?:s>',
    'reads a date written in a moment-style format; returns ISO text (UTC)',
    function (this: Focus, text: unknown, format?: unknown, timezone?: unknown) {
      return parseDate(text, format, given(timezone) ? timezone : defaultZone(this));
    } as never,
  ),
  adder('addSeconds', 'seconds'),
  adder('addMonths', 'months'),
  adder('addYears', 'years'),
  ...Object.keys(SETTERS).map(setter),
];
