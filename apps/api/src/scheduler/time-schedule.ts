/**
 * A schedule that runs at set times (an interval, a daily time…), as opposed to none, "on
 * demand" or "immediately as data arrives". A scenario with an instant trigger and such a
 * schedule keeps its webhook requests in the queue until its next scheduled run, as in Make.
 */
export function isTimeSchedule(schedule: Record<string, unknown> | null | undefined): boolean {
  const type = schedule?.type;
  return typeof type === 'string' && type !== 'onDemand' && type !== 'immediately';
}

/** Explicitly "On demand" (no schedule at all is not: an instant trigger then runs at once). */
export function isOnDemand(schedule: Record<string, unknown> | null | undefined): boolean {
  return schedule?.type === 'onDemand';
}

/**
 * Whether an instant trigger's requests wait in the hook's queue instead of running as they
 * arrive: on a time schedule (the scheduled runs take them) and "On demand" (a run on demand
 * takes them), as in Make.
 */
export function holdsRequests(schedule: Record<string, unknown> | null | undefined): boolean {
  return isTimeSchedule(schedule) || isOnDemand(schedule);
}

/** Make's default "Maximum number of results" of a scheduled webhook; a mailhook's is 1. */
const DEFAULT_RESULTS: Record<string, number> = { 'gateway:CustomMailHook': 1 };
const WEBHOOK_RESULTS = 2;

/** How many waiting requests a scheduled run takes: the trigger's `maxResults`, or its default. */
export function maxResultsOf(blueprint: Record<string, unknown>): number {
  const first = (blueprint.flow as Array<{ module?: string; parameters?: Record<string, unknown> }>)?.[0];
  const n = Number(first?.parameters?.maxResults);
  if (Number.isInteger(n) && n >= 1) return n;
  return DEFAULT_RESULTS[first?.module ?? ''] ?? WEBHOOK_RESULTS;
}
