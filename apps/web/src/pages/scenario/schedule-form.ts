import type { Schedule, ScheduleType } from '@integrator/engine/schedule/types';

// The schedule editor's draft: every field as the form holds it (text and lists), turned into
// the Schedule the API validates. The server names any problem; this only shapes the values.

export interface ScheduleDraft {
  type: ScheduleType;
  timezone: string;
  minutes: string;
  at: string;
  time: string;
  days: number[];
  dates: string;
  expression: string;
  start: string;
  end: string;
}

export const SCHEDULE_LABELS: Record<ScheduleType, string> = {
  onDemand: 'On demand',
  immediately: 'Immediately as data arrives',
  interval: 'At regular intervals',
  once: 'Once',
  daily: 'Every day',
  weekly: 'Days of the week',
  monthly: 'Days of the month',
  dates: 'Specified dates',
  cron: 'Cron expression',
};

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** An instant trigger without a schedule runs as data arrives (Make's default for it). */
export function toDraft(schedule: Schedule | null | undefined, instant = false): ScheduleDraft {
  const s = (schedule ?? { type: instant ? 'immediately' : 'onDemand' }) as Schedule &
    Record<string, unknown>;
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  return {
    type: s.type,
    timezone: text(s.timezone),
    minutes: text(s.minutes ?? (s.type === 'interval' ? '' : 15)),
    at: text(s.at),
    time: text(s.time ?? '09:00'),
    days: Array.isArray(s.days) ? s.days.filter((d): d is number => typeof d === 'number') : [],
    dates: Array.isArray(s.dates) ? s.dates.join('\n') : '',
    expression: text(s.expression),
    start: text(s.start),
    end: text(s.end),
  };
}

export function fromDraft(d: ScheduleDraft): Schedule {
  const common = {
    ...(d.timezone ? { timezone: d.timezone } : {}),
    ...(d.start.trim() ? { start: d.start.trim() } : {}),
    ...(d.end.trim() ? { end: d.end.trim() } : {}),
  };
  switch (d.type) {
    case 'onDemand':
    case 'immediately':
      return { type: d.type, ...common };
    case 'interval':
      return { type: 'interval', minutes: numberOf(d.minutes), ...common };
    case 'once':
      return { type: 'once', at: d.at.trim(), ...common };
    case 'daily':
      return { type: 'daily', time: d.time.trim(), ...common };
    case 'weekly':
    case 'monthly':
      return { type: d.type, days: [...d.days].sort((a, b) => a - b), time: d.time.trim(), ...common };
    case 'dates':
      return { type: 'dates', dates: splitList(d.dates), time: d.time.trim(), ...common };
    case 'cron':
      return { type: 'cron', expression: d.expression.trim(), ...common };
  }
}

/** Dates one per line or separated by commas. */
export function splitList(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// A number when the text is one; otherwise NaN goes nowhere: the server reports "minutes".
function numberOf(text: string): number {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : 0;
}

export function toggleDay(days: readonly number[], day: number, on: boolean): number[] {
  const set = new Set(days);
  if (on) set.add(day);
  else set.delete(day);
  return [...set].sort((a, b) => a - b);
}

/** IANA zones the browser knows (for the zone picker); a short list when it cannot say. */
export function timeZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  try {
    const zones = intl.supportedValuesOf?.('timeZone');
    if (zones?.length) return zones.includes('UTC') ? zones : ['UTC', ...zones];
  } catch {
    // Older engines: fall through.
  }
  return [
    'UTC',
    'Europe/Amsterdam',
    'Europe/London',
    'America/New_York',
    'America/Los_Angeles',
    'Asia/Tokyo',
  ];
}
