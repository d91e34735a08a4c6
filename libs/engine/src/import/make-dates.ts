import { DateTime } from 'luxon';
import { toDate } from '@integrator/sdk';

// Make's formatDate/parseDate take moment.js-style tokens (YYYY-MM-DD HH:mm). We read them
// ourselves and hand each token to luxon, so literal text never needs luxon's quoting rules.

type Part = { token: string } | { text: string };

// moment token -> luxon token (luxon formats all of these and parses all but X and x).
// prettier-ignore
const LUXON: Record<string, string> = {
  YYYY: 'yyyy', YY: 'yy', Q: 'q', MMMM: 'MMMM', MMM: 'MMM', MM: 'MM', M: 'M', DDDD: 'ooo', DDD: 'o',
  DD: 'dd', D: 'd', dddd: 'cccc', ddd: 'ccc', E: 'E', WW: 'WW', W: 'W', ww: 'WW', w: 'W', GGGG: 'kkkk',
  HH: 'HH', H: 'H', hh: 'hh', h: 'h', mm: 'mm', m: 'm', ss: 'ss', s: 's', SSS: 'SSS', A: 'a',
  Z: 'ZZ', ZZ: 'ZZZ', X: 'X', x: 'x',
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const SUFFIX = ['th', 'st', 'nd', 'rd'];

// Tokens luxon has no equivalent for: computed directly (formatting only).
const COMPUTED: Record<string, (dt: DateTime) => string> = {
  Do: (dt) => ordinalSuffix(dt.day),
  dd: (dt) => dt.toFormat('ccc').slice(0, 2),
  d: (dt) => String(dt.weekday % 7),
  kk: (dt) => pad(dt.hour || 24),
  k: (dt) => String(dt.hour || 24),
  SS: (dt) => pad(Math.floor(dt.millisecond / 10)),
  S: (dt) => String(Math.floor(dt.millisecond / 100)),
  a: (dt) => dt.toFormat('a').toLowerCase(),
};

// Longest first, so "YYYY" wins over "YY" and "MMMM" over "MM".
const TOKENS = [...Object.keys(LUXON), ...Object.keys(COMPUTED)].sort((a, b) => b.length - a.length);

function ordinalSuffix(n: number): string {
  if (n % 100 >= 11 && n % 100 <= 13) return `${n}th`;
  return `${n}${SUFFIX[n % 10] ?? 'th'}`;
}

export function tokenize(format: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  while (i < format.length) {
    if (format[i] === '[') {
      const close = format.indexOf(']', i + 1);
      const end = close < 0 ? format.length : close;
      parts.push({ text: format.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const token = TOKENS.find((t) => format.startsWith(t, i));
    if (token) {
      parts.push({ token });
      i += token.length;
    } else {
      const last = parts[parts.length - 1];
      if (last && 'text' in last) last.text += format[i];
      else parts.push({ text: format[i] });
      i++;
    }
  }
  return parts;
}

function zoned(dt: DateTime, timezone: unknown, fn: string): DateTime {
  if (timezone === undefined || timezone === null || timezone === '') return dt.setZone('UTC');
  const z = dt.setZone(String(timezone));
  if (!z.isValid) throw new Error(`${fn}: unknown time zone ${JSON.stringify(timezone)}`);
  return z;
}

/**
 * A date value as Make reads it: a Date, epoch milliseconds, or text. Text without an offset
 * (2016-12-28 16:03) is local time in the time zone (make-semantics §5), never the machine's.
 */
function readInstant(v: unknown, timezone: unknown): Date | undefined {
  if (typeof v === 'string' && !/^\s*-?\d+(\.\d+)?\s*$/.test(v)) {
    const t = v.trim();
    const zone = timezone === undefined || timezone === null || timezone === '' ? 'UTC' : String(timezone);
    const iso = DateTime.fromISO(t, { zone, setZone: true });
    const dt = iso.isValid ? iso : DateTime.fromSQL(t, { zone, setZone: true });
    if (dt.isValid) return new Date(dt.toMillis());
  }
  return toDate(v);
}

/** Make's formatDate(date; format; timezone?). Without a time zone we use UTC. */
export function formatDate(date: unknown, format: unknown, timezone?: unknown): string | undefined {
  if (date === undefined || date === null || date === '') return undefined;
  const d = readInstant(date, timezone);
  if (!d) throw new Error(`formatDate: cannot read ${JSON.stringify(date)} as a date`);
  if (typeof format !== 'string') throw new Error('formatDate: the format must be text, e.g. "YYYY-MM-DD"');
  const dt = zoned(DateTime.fromMillis(d.getTime(), { locale: 'en-US' }), timezone, 'formatDate');
  let out = '';
  for (const part of tokenize(format)) {
    if ('text' in part) out += part.text;
    else out += COMPUTED[part.token] ? COMPUTED[part.token](dt) : dt.toFormat(LUXON[part.token]);
  }
  return out;
}

/** Make's parseDate(text; format; timezone?): returns ISO 8601 text in UTC. */
export function parseDate(text: unknown, format?: unknown, timezone?: unknown): string | undefined {
  if (text === undefined || text === null || text === '') return undefined;
  if (format === undefined || format === null || format === '') {
    const d = readInstant(text, timezone);
    if (!d) throw new Error(`parseDate: cannot read ${JSON.stringify(text)} as a date`);
    return d.toISOString();
  }
  if (typeof format !== 'string') throw new Error('parseDate: the format must be text, e.g. "DD/MM/YYYY"');
  const zone = timezone === undefined || timezone === null || timezone === '' ? 'UTC' : String(timezone);
  if (!DateTime.now().setZone(zone).isValid)
    throw new Error(`parseDate: unknown time zone ${JSON.stringify(timezone)}`);
  const parts = tokenize(format);
  const only = parts.length === 1 && 'token' in parts[0] ? parts[0].token : '';
  if (only === 'X' || only === 'x') return epoch(text, only === 'X' ? 1000 : 1);
  let luxon = '';
  for (const part of parts) {
    if ('token' in part) {
      if (!LUXON[part.token] || part.token === 'X' || part.token === 'x')
        throw new Error(`parseDate: the token ${part.token} can only be used to format, not to parse`);
      luxon += LUXON[part.token];
    } else if (part.text.includes("'")) {
      throw new Error(`parseDate: quotes in the format are not supported (${JSON.stringify(format)})`);
    } else luxon += `'${part.text}'`;
  }
  const dt = DateTime.fromFormat(String(text), luxon, { zone, locale: 'en-US' });
  if (!dt.isValid)
    throw new Error(`parseDate: ${JSON.stringify(text)} does not match the format ${JSON.stringify(format)}`);
  return new Date(dt.toMillis()).toISOString();
}

// luxon does not parse epoch tokens, so a format that is only X (seconds) or x (ms) is read here.
function epoch(text: unknown, unitMs: number): string {
  const n = Number(String(text).trim());
  if (String(text).trim() === '' || !Number.isFinite(n))
    throw new Error(`parseDate: ${JSON.stringify(text)} is not a timestamp`);
  return new Date(n * unitMs).toISOString();
}

export type DateUnit = 'seconds' | 'minutes' | 'hours' | 'days' | 'months' | 'years';

/** Reads a Make date argument (a Date, ISO text, or epoch milliseconds) in a time zone. */
export function readDate(date: unknown, fn: string, timezone?: string): DateTime | undefined {
  if (date === undefined || date === null || date === '') return undefined;
  const d = readInstant(date, timezone);
  if (!d) throw new Error(`${fn}: cannot read ${JSON.stringify(date)} as a date`);
  return zoned(DateTime.fromMillis(d.getTime()), timezone, fn);
}

export const isoText = (dt: DateTime) => new Date(dt.toMillis()).toISOString();

/**
 * Calendar-aware shift in the time zone (days, months and years keep the local time of day
 * across a daylight-saving change; months and years keep the day where possible, as Make does).
 */
export function addUnits(
  date: unknown,
  amount: unknown,
  unit: DateUnit,
  timezone?: string,
): string | undefined {
  const fn = `add${unit[0].toUpperCase()}${unit.slice(1)}`;
  const dt = readDate(date, fn, timezone);
  if (!dt) return undefined;
  const n = typeof amount === 'string' && amount.trim() !== '' ? Number(amount) : amount;
  if (typeof n !== 'number' || !Number.isFinite(n))
    throw new Error(`${fn}: ${JSON.stringify(amount)} is not a number`);
  return isoText(dt.plus({ [unit]: n }));
}
