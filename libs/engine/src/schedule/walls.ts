import { CronExpressionParser } from 'cron-parser';
import { DAY, SECOND, startOfWallDay, type Wall } from './local-time';

/**
 * Generators of wall-clock run times (floating, see Wall) in ascending order, starting on the
 * local day of `from` or later. Earlier candidates are fine: the caller filters by instant.
 */
export type WallSequence = (from: Wall) => Iterable<Wall>;

export function dailyWalls(timeOfDay: number): WallSequence {
  return function* (from) {
    for (let day = startOfWallDay(from); ; day += DAY) yield day + timeOfDay;
  };
}

export function weeklyWalls(weekdays: readonly number[], timeOfDay: number): WallSequence {
  const wanted = new Set(weekdays);
  return function* (from) {
    if (wanted.size === 0) return;
    for (let day = startOfWallDay(from); ; day += DAY) {
      if (wanted.has(new Date(day).getUTCDay())) yield day + timeOfDay;
    }
  };
}

export function monthlyWalls(monthDays: readonly number[], timeOfDay: number): WallSequence {
  const days = [...new Set(monthDays)].sort((a, b) => a - b);
  return function* (from) {
    if (days.length === 0) return;
    const start = new Date(from);
    let year = start.getUTCFullYear();
    let month = start.getUTCMonth();
    for (;;) {
      const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
      // A day the month lacks (31 in April) is skipped, not moved to the month's last day.
      for (const day of days) if (day <= length) yield Date.UTC(year, month, day) + timeOfDay;
      month += 1;
      if (month === 12) [year, month] = [year + 1, 0];
    }
  };
}

export function dateListWalls(dates: readonly Wall[], timeOfDay: number): WallSequence {
  const sorted = [...new Set(dates)].sort((a, b) => a - b);
  return function* (from) {
    const first = startOfWallDay(from);
    for (const date of sorted) if (date >= first) yield date + timeOfDay;
  };
}

/**
 * Cron in floating time: cron-parser iterates in UTC, where every wall time exists exactly once,
 * so its own DST handling never comes into play; the zone is applied afterwards.
 */
export function cronWalls(expression: string): WallSequence {
  return function* (from) {
    const cron = CronExpressionParser.parse(expression, { currentDate: new Date(from - SECOND), tz: 'UTC' });
    for (;;) {
      let next: number;
      try {
        next = cron.next().getTime();
      } catch {
        // cron-parser gives up on expressions with no further match (its loop limit): the sequence ends.
        return;
      }
      yield next;
    }
  };
}

/** Field count check and parse; returns the problem as text, or null when the expression is usable. */
export function cronProblem(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) return `must have 5 or 6 fields, got ${fields.length}`;
  if (/(^|[\s,])H(?=$|[\s,/(])/i.test(expression)) return 'hashed values (H) are not supported';
  try {
    const cron = CronExpressionParser.parse(expression, {
      currentDate: new Date(Date.UTC(2000, 0, 1)),
      tz: 'UTC',
    });
    cron.next();
  } catch (error) {
    return `invalid cron expression: ${error instanceof Error ? error.message : String(error)}`;
  }
  return null;
}

/**
 * Whether a cron expression follows the wall clock hour by hour: its hour field starts with "*"
 * (every hour, or a step over all hours).
 * Such expressions (every 15 minutes, hourly at :30) run at each wall time that really occurs: in
 * a fall-back overlap both occurrences run, in a spring-forward gap the missing times are skipped,
 * so real-time spacing stays even (as Vixie cron treats wildcard jobs). Expressions at fixed hours
 * follow the fixed-time rule of wallToInstant, like daily schedules.
 */
export function cronFollowsWallClock(expression: string): boolean {
  const fields = expression.trim().split(/\s+/);
  const hour = fields.length === 6 ? fields[2] : fields[1];
  return hour.startsWith('*');
}
