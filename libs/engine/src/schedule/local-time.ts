import { DateTime, IANAZone } from 'luxon';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/**
 * A wall-clock time written as if it were UTC ("floating" time). Walking days and months with
 * plain Date.UTC arithmetic on it is exact, because floating time has no DST; only the final
 * step (wallToInstant / instantsAtWall) consults the zone.
 */
export type Wall = number;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const OFFSET_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The zone's canonical IANA name ("europe/amsterdam" → "Europe/Amsterdam"), or null when unknown. */
export function canonicalZoneName(name: string): string | null {
  if (!IANAZone.isValidZone(name)) return null;
  return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
}

export function resolveZone(name: string, field = 'timezone'): IANAZone {
  // IANAZone.create caches instances and their validity, unlike isValidZone.
  const zone = IANAZone.create(name);
  if (!zone.isValid) throw new Error(`${field}: unknown time zone ${JSON.stringify(name)}`);
  return zone;
}

export function wallOf(instant: number, zone: IANAZone): Wall {
  return instant + zone.offset(instant) * MINUTE;
}

/** The instants whose wall time in the zone is `wall`: none in a spring-forward gap, two in a fall-back overlap. */
export function instantsAtWall(wall: Wall, zone: IANAZone): number[] {
  // Any offset that can apply to this wall time is one in force within a day of it.
  const before = zone.offset(wall - DAY);
  const after = zone.offset(wall + DAY);
  const found: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset * MINUTE;
    if (zone.offset(instant) === offset) found.push(instant);
  }
  return found.sort((a, b) => a - b);
}

/**
 * The earliest instant whose wall time is at or after `wall`. For a time that exists once this is
 * that instant; for a repeated (fall-back) time it is the first occurrence; for a time inside a
 * spring-forward gap it is the end of the gap (02:30 on a 02:00→03:00 night runs at 03:00).
 * The function is non-decreasing in `wall`, which keeps computed runs in order.
 */
export function wallToInstant(wall: Wall, zone: IANAZone, exact = instantsAtWall(wall, zone)): number {
  return exact.length > 0 ? exact[0] : gapEnd(wall, zone);
}

function gapEnd(wall: Wall, zone: IANAZone): number {
  const before = zone.offset(wall - DAY);
  const after = zone.offset(wall + DAY);
  // lo lies before the transition (still on the old offset), hi after it.
  let lo = wall - after * MINUTE;
  let hi = wall - before * MINUTE;
  if (zone.offset(lo) !== before || zone.offset(hi) === before) return hi;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Floating wall time from calendar parts; null when the parts are not a real date (2026-02-30). */
export function wallFromParts(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Wall | null {
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
    return null;
  return wall;
}

/** "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]" without offset, as floating wall time; null when not one. */
export function parseLocalDateTime(text: string): Wall | null {
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  return wallFromParts(year, month, day, hour, minute, second);
}

/** An ISO 8601 date-time with "Z" or an offset, as epoch ms; null when not one. */
export function parseOffsetDateTime(text: string): number | null {
  if (!OFFSET_DATE_TIME.test(text)) return null;
  const parsed = DateTime.fromISO(text, { setZone: true });
  return parsed.isValid ? parsed.toMillis() : null;
}

/** A schedule date-time (local in the zone, or absolute with an offset) as epoch ms. */
export function resolveDateTime(text: string, zone: IANAZone, field: string): number {
  const absolute = parseOffsetDateTime(text);
  if (absolute !== null) return absolute;
  const wall = parseLocalDateTime(text);
  if (wall === null) throw new Error(`${field}: not a date-time: "${text}"`);
  return wallToInstant(wall, zone);
}

/** "HH:MM" as milliseconds after local midnight; null when malformed. */
export function parseTimeOfDay(text: string): number | null {
  const m = LOCAL_TIME.exec(text);
  return m ? Number(m[1]) * HOUR + Number(m[2]) * MINUTE : null;
}

export function startOfWallDay(wall: Wall): Wall {
  return Math.floor(wall / DAY) * DAY;
}
