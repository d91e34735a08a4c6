import type { IANAZone } from 'luxon';
import {
  DAY,
  instantsAtWall,
  MINUTE,
  parseLocalDateTime,
  parseTimeOfDay,
  resolveDateTime,
  resolveZone,
  wallOf,
  wallToInstant,
} from './local-time';
import type { Schedule } from './types';
import { formatScheduleIssues, validateSchedule } from './validate';
import {
  cronFollowsWallClock,
  cronWalls,
  dailyWalls,
  dateListWalls,
  monthlyWalls,
  weeklyWalls,
  type WallSequence,
} from './walls';

/**
 * A schedule resolved against its zone, ready to enumerate run times. Compile once per schedule
 * version and reuse: validation and zone resolution happen here, not per look-up.
 */
export interface CompiledSchedule {
  readonly zone: string;
  /** Run times strictly after `after`, ascending, inside the start/end window; lazy and possibly endless. */
  runsAfter(after: number): Iterable<number>;
}

interface Window {
  start: number;
  end: number;
}

/** Validates the schedule (stored JSON may predate a rule) and resolves its zone and window; throws naming the field. */
export function compileSchedule(input: Schedule, defaultZone: string): CompiledSchedule {
  const { schedule, issues } = validateSchedule(input);
  if (!schedule) throw new Error(`Invalid schedule: ${formatScheduleIssues(issues)}`);
  const zoneName = schedule.timezone ?? defaultZone;
  const zone = resolveZone(zoneName, schedule.timezone === undefined ? 'defaultZone' : 'timezone');
  const window: Window = {
    start: schedule.start === undefined ? -Infinity : resolveDateTime(schedule.start, zone, 'start'),
    end: schedule.end === undefined ? Infinity : resolveDateTime(schedule.end, zone, 'end'),
  };
  const runsAfter = compileRuns(schedule, zone, window);
  return { zone: zoneName, runsAfter };
}

type RunsAfter = (after: number) => Iterable<number>;

function compileRuns(schedule: Schedule, zone: IANAZone, window: Window): RunsAfter {
  switch (schedule.type) {
    case 'onDemand':
    case 'immediately':
      return () => [];
    case 'interval':
      return intervalRuns(schedule.minutes, schedule.anchor, zone, window);
    case 'once': {
      const at = resolveDateTime(schedule.at, zone, 'at');
      return (after) => (at > after && at >= window.start && at <= window.end ? [at] : []);
    }
    case 'daily':
      return calendarRuns(dailyWalls(timeOf(schedule.time)), zone, window, 'fixed');
    case 'weekly':
      return calendarRuns(weeklyWalls(schedule.days, timeOf(schedule.time)), zone, window, 'fixed');
    case 'monthly':
      return calendarRuns(monthlyWalls(schedule.days, timeOf(schedule.time)), zone, window, 'fixed');
    case 'dates': {
      const dates = schedule.dates.map((date, i) => {
        const wall = parseLocalDateTime(date);
        if (wall === null || date.length !== 10) throw new Error(`dates[${i}]: must be a date YYYY-MM-DD`);
        return wall;
      });
      return calendarRuns(dateListWalls(dates, timeOf(schedule.time)), zone, window, 'fixed');
    }
    case 'cron': {
      const mode = cronFollowsWallClock(schedule.expression) ? 'wall' : 'fixed';
      return calendarRuns(cronWalls(schedule.expression), zone, window, mode);
    }
  }
}

function timeOf(time: string): number {
  const ms = parseTimeOfDay(time);
  if (ms === null) throw new Error(`time: must be HH:MM, got "${time}"`);
  return ms;
}

/** Elapsed-time grid: DST never moves it, because it never looks at wall time. */
function intervalRuns(
  minutes: number,
  anchorText: string | undefined,
  zone: IANAZone,
  window: Window,
): RunsAfter {
  const step = minutes * MINUTE;
  const anchor =
    anchorText !== undefined
      ? resolveDateTime(anchorText, zone, 'anchor')
      : Number.isFinite(window.start)
        ? window.start
        : 0;
  return function* (after) {
    const from = Math.max(after, window.start - 1);
    for (let k = Math.floor((from - anchor) / step) + 1; ; k += 1) {
      const run = anchor + k * step;
      if (run > window.end) return;
      yield run;
    }
  };
}

/**
 * Turns a wall-time sequence into instants. 'fixed' maps each wall time with wallToInstant (a
 * missing time runs at the end of the gap, a repeated one at its first occurrence); 'wall' runs
 * every real occurrence. wallToInstant is a lower bound for every later wall time's instants,
 * so anything pending at or below it can be emitted in order.
 */
function calendarRuns(
  walls: WallSequence,
  zone: IANAZone,
  window: Window,
  mode: 'fixed' | 'wall',
): RunsAfter {
  return function* (after) {
    const from = Math.max(after, window.start - 1);
    const pending: number[] = [];
    let last = from;
    // Just before a fall-back, wall times slightly earlier than `from`'s own recur after it.
    const lookback = mode === 'wall' ? Math.max(0, zone.offset(from) - zone.offset(from + DAY)) * MINUTE : 0;
    for (const wall of walls(wallOf(from, zone) - lookback)) {
      const exact = instantsAtWall(wall, zone);
      const bound = wallToInstant(wall, zone, exact);
      pending.push(...(mode === 'fixed' ? [bound] : exact));
      pending.sort((a, b) => a - b);
      while (pending.length > 0 && pending[0] <= bound) {
        const run = pending.shift()!;
        if (run > window.end) return;
        if (run > last) yield (last = run);
      }
    }
    for (const run of pending) {
      if (run > window.end) return;
      if (run > last) yield (last = run);
    }
  };
}

function take(runs: Iterable<number>, count: number): number[] {
  const result: number[] = [];
  if (count <= 0) return result;
  for (const run of runs) {
    result.push(run);
    if (result.length >= count) break;
  }
  return result;
}

/** The next `count` run times strictly after `after` (epoch ms). onDemand and immediately have none. */
export function nextRuns(schedule: Schedule, after: number, count: number, defaultZone: string): number[] {
  return take(compileSchedule(schedule, defaultZone).runsAfter(after), count);
}

/**
 * The slot that should run at `now`: the latest run time <= now that is after `lastSlot` and not
 * before `since` (when the scenario was last activated). After downtime the missed runs collapse
 * into this one slot; a slot from before activation never fires. null when nothing is due.
 */
export function dueSlot(
  schedule: Schedule,
  lastSlot: number | null,
  now: number,
  defaultZone: string,
  since: number,
): number | null {
  return dueSlotOf(compileSchedule(schedule, defaultZone), lastSlot, now, since);
}

export function dueSlotOf(
  compiled: CompiledSchedule,
  lastSlot: number | null,
  now: number,
  since: number,
): number | null {
  // Exclusive lower bound: after the last claimed slot, and at or after activation.
  const floor = Math.max(since - 1, lastSlot ?? -Infinity);
  if (floor >= now) return null;
  // Look back over doubling spans, starting near the schedule's own spacing, so dense and
  // sparse schedules alike finish in a few steps.
  const [a, b] = take(compiled.runsAfter(now), 2);
  const firstSpan = b === undefined ? MINUTE : Math.max(MINUTE, 2 * (b - a));
  for (let span = firstSpan; ; span *= 2) {
    const from = Math.max(floor, now - span);
    let latest: number | null = null;
    for (const run of compiled.runsAfter(from)) {
      if (run > now) break;
      latest = run;
    }
    if (latest !== null || from === floor) return latest;
  }
}
