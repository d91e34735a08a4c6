import type { Schedule } from './types';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LISTED_DATES = 5;

/** A short human text for the schedule, e.g. "Every day at 09:00 (Europe/Amsterdam)". */
export function describeSchedule(schedule: Schedule, defaultZone?: string): string {
  const zone = schedule.timezone ?? defaultZone ?? "organisation's time zone";
  const base = describeBase(schedule, zone);
  return base + describeWindow(schedule);
}

function describeBase(schedule: Schedule, zone: string): string {
  switch (schedule.type) {
    case 'onDemand':
      return 'On demand';
    case 'immediately':
      return 'Immediately as data arrives';
    case 'interval':
      return describeInterval(schedule.minutes);
    case 'once':
      return `Once at ${schedule.at.replace('T', ' ')} (${zone})`;
    case 'daily':
      return `Every day at ${schedule.time} (${zone})`;
    case 'weekly':
      return `Every ${listing(sortedUnique(schedule.days).map((d) => WEEKDAYS[d] ?? String(d)))} at ${schedule.time} (${zone})`;
    case 'monthly':
      return `Every month on the ${listing(sortedUnique(schedule.days).map(ordinal))} at ${schedule.time} (${zone})`;
    case 'dates':
      return `On ${describeDates(schedule.dates)} at ${schedule.time} (${zone})`;
    case 'cron':
      return `Cron "${schedule.expression}" (${zone})`;
  }
}

function describeInterval(minutes: number): string {
  if (minutes === 1) return 'Every minute';
  if (minutes % 1440 === 0) return minutes === 1440 ? 'Every 24 hours' : `Every ${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'Every hour' : `Every ${minutes / 60} hours`;
  return `Every ${minutes} minutes`;
}

function describeDates(dates: readonly string[]): string {
  const sorted = [...new Set(dates)].sort();
  if (sorted.length <= LISTED_DATES) return listing(sorted);
  return `${sorted.slice(0, LISTED_DATES).join(', ')} and ${sorted.length - LISTED_DATES} more dates`;
}

function describeWindow(schedule: Schedule): string {
  const parts: string[] = [];
  if (schedule.start !== undefined) parts.push(`from ${schedule.start.replace('T', ' ')}`);
  if (schedule.end !== undefined) parts.push(`until ${schedule.end.replace('T', ' ')}`);
  return parts.length > 0 ? `, ${parts.join(' ')}` : '';
}

function sortedUnique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** "a", "a and b", "a, b and c". */
function listing(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
