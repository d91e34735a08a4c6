import {
  canonicalZoneName,
  parseLocalDateTime,
  parseOffsetDateTime,
  parseTimeOfDay,
  resolveDateTime,
  resolveZone,
} from './local-time';
import { SCHEDULE_TYPES, type Schedule, type ScheduleIssue, type ScheduleType } from './types';
import { cronProblem } from './walls';

const COMMON_FIELDS = ['type', 'timezone', 'start', 'end'];
const TYPE_FIELDS: Record<ScheduleType, string[]> = {
  onDemand: [],
  immediately: [],
  interval: ['minutes', 'anchor'],
  once: ['at'],
  daily: ['time'],
  weekly: ['days', 'time'],
  monthly: ['days', 'time'],
  dates: ['dates', 'time'],
  cron: ['expression'],
};
/** One year: longer intervals are almost certainly a unit mistake (seconds for minutes). */
const MAX_INTERVAL_MINUTES = 525_600;
const MAX_DATES = 1000;
const DATE_TIME_HINT = 'must be a date-time like "2026-03-29T02:30" (local) or ISO 8601 with an offset';

type Issues = ScheduleIssue[];
type Fields = Record<string, unknown>;

/**
 * Checks a schedule as the API receives it. Returns the normalised schedule (canonical zone name,
 * sorted unique days and dates, single-spaced cron) only when there are no issues.
 */
export function validateSchedule(input: unknown): { schedule?: Schedule; issues: ScheduleIssue[] } {
  const issues: Issues = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { issues: [{ path: '', message: 'must be an object' }] };
  }
  const fields = input as Fields;
  const type = fields.type;
  if (typeof type !== 'string' || !(SCHEDULE_TYPES as readonly string[]).includes(type)) {
    issues.push({ path: 'type', message: `must be one of ${SCHEDULE_TYPES.join(', ')}` });
    return { issues };
  }
  const scheduleType = type as ScheduleType;
  const allowed = new Set([...COMMON_FIELDS, ...TYPE_FIELDS[scheduleType]]);
  for (const key of Object.keys(fields)) {
    if (!allowed.has(key))
      issues.push({ path: key, message: `unknown field for a ${scheduleType} schedule` });
  }
  const normalised: Fields = { type: scheduleType };
  const zone = checkZone(fields.timezone, issues);
  if (zone !== undefined) normalised.timezone = zone;
  for (const key of ['start', 'end', 'anchor', 'at']) {
    if (!allowed.has(key)) continue;
    const value = checkDateTime(fields[key], key, key === 'at', issues);
    if (value !== undefined) normalised[key] = value;
  }
  checkWindow(normalised, issues);
  checkTypeFields(scheduleType, fields, normalised, issues);
  return issues.length === 0 ? { schedule: normalised as unknown as Schedule, issues } : { issues };
}

/** Like validateSchedule, but throws one error listing every issue. */
export function parseSchedule(input: unknown): Schedule {
  const { schedule, issues } = validateSchedule(input);
  if (!schedule) throw new Error(`Invalid schedule: ${formatScheduleIssues(issues)}`);
  return schedule;
}

export function formatScheduleIssues(issues: readonly ScheduleIssue[]): string {
  return issues
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : `schedule: ${issue.message}`))
    .join('; ');
}

function checkZone(value: unknown, issues: Issues): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    issues.push({ path: 'timezone', message: 'must be an IANA time zone name such as "Europe/Amsterdam"' });
    return undefined;
  }
  const canonical = canonicalZoneName(value);
  if (canonical === null)
    issues.push({ path: 'timezone', message: `unknown time zone ${JSON.stringify(value)}` });
  return canonical ?? undefined;
}

function checkDateTime(value: unknown, path: string, required: boolean, issues: Issues): string | undefined {
  if (value === undefined) {
    if (required) issues.push({ path, message: 'is required' });
    return undefined;
  }
  if (
    typeof value !== 'string' ||
    (parseLocalDateTime(value) === null && parseOffsetDateTime(value) === null)
  ) {
    issues.push({ path, message: DATE_TIME_HINT });
    return undefined;
  }
  return value;
}

function checkWindow(normalised: Fields, issues: Issues): void {
  const { start, end } = normalised;
  if (typeof start !== 'string' || typeof end !== 'string') return;
  // The organisation's zone is unknown here; compare in UTC only when both are read the same way.
  const sameKind = (parseOffsetDateTime(start) === null) === (parseOffsetDateTime(end) === null);
  if (!sameKind) return;
  const zone = resolveZone(typeof normalised.timezone === 'string' ? normalised.timezone : 'UTC');
  if (resolveDateTime(end, zone, 'end') <= resolveDateTime(start, zone, 'start')) {
    issues.push({ path: 'end', message: 'must be after start' });
  }
}

function checkTypeFields(type: ScheduleType, fields: Fields, out: Fields, issues: Issues): void {
  if (type === 'interval') checkMinutes(fields.minutes, out, issues);
  if (type === 'daily' || type === 'weekly' || type === 'monthly' || type === 'dates')
    checkTime(fields.time, out, issues);
  if (type === 'weekly') checkDays(fields.days, 0, 6, out, issues);
  if (type === 'monthly') checkDays(fields.days, 1, 31, out, issues);
  if (type === 'dates') checkDates(fields.dates, out, issues);
  if (type === 'cron') checkCron(fields.expression, out, issues);
}

function checkMinutes(value: unknown, out: Fields, issues: Issues): void {
  if (value === undefined) return void issues.push({ path: 'minutes', message: 'is required' });
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return void issues.push({ path: 'minutes', message: 'must be a whole number' });
  }
  if (value < 1) return void issues.push({ path: 'minutes', message: 'must be at least 1' });
  if (value > MAX_INTERVAL_MINUTES) {
    return void issues.push({
      path: 'minutes',
      message: `must be at most ${MAX_INTERVAL_MINUTES} (one year)`,
    });
  }
  out.minutes = value;
}

function checkTime(value: unknown, out: Fields, issues: Issues): void {
  if (value === undefined) return void issues.push({ path: 'time', message: 'is required' });
  if (typeof value !== 'string' || parseTimeOfDay(value) === null) {
    return void issues.push({ path: 'time', message: 'must be HH:MM (00:00 to 23:59)' });
  }
  out.time = value;
}

function checkDays(value: unknown, min: number, max: number, out: Fields, issues: Issues): void {
  if (!Array.isArray(value) || value.length === 0) {
    return void issues.push({ path: 'days', message: `must be a non-empty list of days ${min}-${max}` });
  }
  const before = issues.length;
  value.forEach((day: unknown, i) => {
    if (typeof day !== 'number' || !Number.isInteger(day) || day < min || day > max) {
      issues.push({
        path: `days[${i}]`,
        message: `must be ${min}-${max}${min === 0 ? ' (0 = Sunday)' : ''}`,
      });
    }
  });
  if (issues.length === before) out.days = [...new Set(value as number[])].sort((a, b) => a - b);
}

function checkDates(value: unknown, out: Fields, issues: Issues): void {
  if (!Array.isArray(value) || value.length === 0) {
    return void issues.push({ path: 'dates', message: 'must be a non-empty list of dates YYYY-MM-DD' });
  }
  if (value.length > MAX_DATES)
    return void issues.push({ path: 'dates', message: `must hold at most ${MAX_DATES} dates` });
  const before = issues.length;
  value.forEach((date: unknown, i) => {
    if (typeof date !== 'string' || date.length !== 10 || parseLocalDateTime(date) === null) {
      issues.push({ path: `dates[${i}]`, message: 'must be a date YYYY-MM-DD' });
    }
  });
  if (issues.length === before) out.dates = [...new Set(value as string[])].sort();
}

function checkCron(value: unknown, out: Fields, issues: Issues): void {
  if (typeof value !== 'string' || value.trim() === '') {
    return void issues.push({
      path: 'expression',
      message: 'is required: a cron expression of 5 or 6 fields',
    });
  }
  const problem = cronProblem(value);
  if (problem !== null) return void issues.push({ path: 'expression', message: problem });
  out.expression = value.trim().split(/\s+/).join(' ');
}
