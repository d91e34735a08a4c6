// Planned check-ins: the dates a check-in frequency plans within a key result's period
// (okr-semantics.md: "every Friday in a quarter = 13 planned check-ins"). Dates are local
// calendar dates "YYYY-MM-DD"; walking them as UTC midnights is exact (no DST in dates).

export type CheckInFrequency =
  | { type: 'daily' }
  /** weekday: 0 = Sunday … 6 = Saturday. */
  | { type: 'weekly'; weekday: number }
  /** Every other week, from the first such weekday of the period. */
  | { type: 'biweekly'; weekday: number }
  /** day: 1…31; a month without that day plans its last day instead. */
  | { type: 'monthly'; day: number };

export const FREQUENCY_TYPES = ['daily', 'weekly', 'biweekly', 'monthly'] as const;

/** Profit.co's own example: a weekly check-in on Friday. */
export const DEFAULT_FREQUENCY: CheckInFrequency = { type: 'weekly', weekday: 5 };

const DAY = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "YYYY-MM-DD" as UTC midnight, or null when it is not a real date. */
export function parseDate(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(year, month - 1, day);
  const d = new Date(ms);
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? ms : null;
}

export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The calendar date of an instant in an IANA time zone, "YYYY-MM-DD". */
export function localDate(instant: number, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

/** What is wrong with a frequency (path relative to it), or [] when it is usable. */
export function frequencyIssues(value: unknown): Array<{ path: string; message: string }> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return [{ path: '', message: 'must be an object such as { "type": "weekly", "weekday": 5 }' }];
  const f = value as Record<string, unknown>;
  const allowed: Record<string, string[]> = {
    daily: ['type'],
    weekly: ['type', 'weekday'],
    biweekly: ['type', 'weekday'],
    monthly: ['type', 'day'],
  };
  const type = typeof f.type === 'string' ? f.type : '';
  if (!allowed[type]) return [{ path: 'type', message: `must be one of ${FREQUENCY_TYPES.join(', ')}` }];
  const issues = Object.keys(f)
    .filter((k) => !allowed[type].includes(k))
    .map((k) => ({ path: k, message: `is not allowed for a ${type} frequency` }));
  if (type === 'weekly' || type === 'biweekly') {
    if (!isWhole(f.weekday, 0, 6))
      issues.push({ path: 'weekday', message: 'must be a whole number from 0 (Sunday) to 6 (Saturday)' });
  }
  if (type === 'monthly' && !isWhole(f.day, 1, 31))
    issues.push({ path: 'day', message: 'must be a whole number from 1 to 31' });
  return issues;
}

function isWhole(v: unknown, min: number, max: number): boolean {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

/** The planned check-in dates from periodStart to periodEnd (both inclusive), ascending. */
export function plannedCheckIns(
  frequency: CheckInFrequency,
  periodStart: string,
  periodEnd: string,
): string[] {
  const start = parseDate(periodStart);
  const end = parseDate(periodEnd);
  if (start === null)
    throw new RangeError(`periodStart: not a date YYYY-MM-DD: ${JSON.stringify(periodStart)}`);
  if (end === null) throw new RangeError(`periodEnd: not a date YYYY-MM-DD: ${JSON.stringify(periodEnd)}`);
  const dates: number[] = [];
  switch (frequency.type) {
    case 'daily':
      for (let d = start; d <= end; d += DAY) dates.push(d);
      break;
    case 'weekly':
    case 'biweekly': {
      const step = frequency.type === 'weekly' ? 7 * DAY : 14 * DAY;
      const first = start + ((frequency.weekday - new Date(start).getUTCDay() + 7) % 7) * DAY;
      for (let d = first; d <= end; d += step) dates.push(d);
      break;
    }
    case 'monthly':
      for (const d of monthlyDates(frequency.day, start, end)) dates.push(d);
      break;
  }
  return dates.map(formatDate);
}

function* monthlyDates(day: number, start: number, end: number): Generator<number> {
  const first = new Date(start);
  for (let year = first.getUTCFullYear(), month = first.getUTCMonth(); ; month++) {
    const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    const d = Date.UTC(year, month, Math.min(day, lastDay));
    if (d > end) return;
    if (d >= start) yield d;
  }
}

/** How many check-ins the frequency plans in the period. */
export function plannedCheckInCount(
  frequency: CheckInFrequency,
  periodStart: string,
  periodEnd: string,
): number {
  return plannedCheckIns(frequency, periodStart, periodEnd).length;
}
