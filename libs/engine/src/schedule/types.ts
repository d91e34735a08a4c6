/**
 * The schedule of a scenario: stored with the scenario as JSON and accepted by the REST API.
 * Times of day and local date-times are read in `timezone` (IANA), or in the organisation's zone
 * the caller passes when the schedule has none (make-semantics §6: the organisation's zone drives scheduling).
 */
export interface ScheduleCommon {
  /** IANA time zone; absent = the caller's default (the organisation's). */
  timezone?: string;
  /** Window: no run before `start` or after `end` (both inclusive). ISO with offset, or a local date-time in the zone. */
  start?: string;
  end?: string;
}

export interface OnDemandSchedule extends ScheduleCommon {
  type: 'onDemand';
}

/** Instant triggers: the scenario runs as data arrives, never from the clock. */
export interface ImmediatelySchedule extends ScheduleCommon {
  type: 'immediately';
}

/** Every `minutes` of elapsed time, on the grid anchor + k × minutes (anchor: `anchor`, else `start`, else the Unix epoch). */
export interface IntervalSchedule extends ScheduleCommon {
  type: 'interval';
  minutes: number;
  anchor?: string;
}

export interface OnceSchedule extends ScheduleCommon {
  type: 'once';
  /** "2026-03-29T02:30" (local in the zone) or ISO 8601 with an offset. */
  at: string;
}

export interface DailySchedule extends ScheduleCommon {
  type: 'daily';
  /** "HH:MM", local. */
  time: string;
}

export interface WeeklySchedule extends ScheduleCommon {
  type: 'weekly';
  /** 0 = Sunday … 6 = Saturday (Make's convention). */
  days: number[];
  time: string;
}

export interface MonthlySchedule extends ScheduleCommon {
  type: 'monthly';
  /** 1…31; a day a month lacks is skipped in that month. */
  days: number[];
  time: string;
}

export interface DatesSchedule extends ScheduleCommon {
  type: 'dates';
  /** "YYYY-MM-DD" local dates. */
  dates: string[];
  time: string;
}

export interface CronSchedule extends ScheduleCommon {
  type: 'cron';
  /** 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first). */
  expression: string;
}

export type Schedule =
  | OnDemandSchedule
  | ImmediatelySchedule
  | IntervalSchedule
  | OnceSchedule
  | DailySchedule
  | WeeklySchedule
  | MonthlySchedule
  | DatesSchedule
  | CronSchedule;

export type ScheduleType = Schedule['type'];

export const SCHEDULE_TYPES: readonly ScheduleType[] = [
  'onDemand',
  'immediately',
  'interval',
  'once',
  'daily',
  'weekly',
  'monthly',
  'dates',
  'cron',
];

/** One problem found by validateSchedule; `path` names the field ("days[2]"), '' means the schedule itself. */
export interface ScheduleIssue {
  path: string;
  message: string;
}
