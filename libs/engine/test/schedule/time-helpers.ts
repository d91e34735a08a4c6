import { DateTime } from 'luxon';

/** "2026-03-29T01:00" read as UTC. */
export function utc(text: string): number {
  const ms = Date.parse(`${text}Z`);
  if (Number.isNaN(ms)) throw new Error(`bad test instant ${text}`);
  return ms;
}

/** An instant as local time with its offset in the zone, e.g. "2026-03-29 03:00 +02:00". */
export function local(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('yyyy-MM-dd HH:mm ZZ');
}

export function locals(list: readonly number[], zone: string): string[] {
  return list.map((ms) => local(ms, zone));
}

export function isoList(list: readonly number[]): string[] {
  return list.map((ms) => new Date(ms).toISOString());
}

export const AMS = 'Europe/Amsterdam';
export const NYC = 'America/New_York';
export const TOKYO = 'Asia/Tokyo';
export const MINUTE = 60_000;
