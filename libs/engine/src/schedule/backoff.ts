/**
 * Delays of Make's automatic reruns after a ConnectionError, RateLimitError or ModuleTimeoutError
 * (make-semantics §3 "Automatic reruns"): one table with incomplete executions enabled, one without.
 */
const WITH_INCOMPLETE_EXECUTIONS = [1, 10, 10, 30, 30, 30, 180, 180];
const WITHOUT_INCOMPLETE_EXECUTIONS = [1, 2, 5, 10, 60, 180, 720, 1440];

/** Reruns before scheduling is disabled (the 8th failed rerun disables it). */
export const MAX_BACKOFF_ATTEMPTS = WITH_INCOMPLETE_EXECUTIONS.length;

/** A scheduled scenario hit by ConnectionError / IncompleteDataError pauses its schedule this long (§3 error types). */
export const CONNECTION_ERROR_PAUSE_MINUTES = 20;

/** Break directive defaults (§3): 3 attempts, 15 minutes apart. */
export const BREAK_DEFAULT_ATTEMPTS = 3;
export const BREAK_DEFAULT_INTERVAL_MINUTES = 15;
/** Make's minimum Break interval is 1 minute; its UI caps at 44,640 (31 days, per the community; the official range is undocumented). */
export const BREAK_MIN_INTERVAL_MINUTES = 1;
export const BREAK_MAX_INTERVAL_MINUTES = 44_640;

/**
 * Minutes to wait before rerun number `attempt` (1-based), or null once the 8 reruns are used up
 * and scheduling should be disabled.
 */
export function backoffDelayMinutes(attempt: number, incompleteExecutionsEnabled: boolean): number | null {
  if (!Number.isInteger(attempt) || attempt < 1)
    throw new RangeError(`attempt: must be a whole number of at least 1, got ${attempt}`);
  const table = incompleteExecutionsEnabled ? WITH_INCOMPLETE_EXECUTIONS : WITHOUT_INCOMPLETE_EXECUTIONS;
  return table[attempt - 1] ?? null;
}

/**
 * The delay between automatic completions of a Break directive. Blueprints carry the interval as
 * text ("15"); missing or empty means Make's default of 15, and values are held to 1…44,640.
 */
export function breakRetryDelayMinutes(intervalMinutes?: number | string | null): number {
  if (intervalMinutes === undefined || intervalMinutes === null || intervalMinutes === '')
    return BREAK_DEFAULT_INTERVAL_MINUTES;
  const value = typeof intervalMinutes === 'number' ? intervalMinutes : Number(intervalMinutes.trim());
  if (!Number.isFinite(value))
    throw new RangeError(`interval: must be a number of minutes, got ${JSON.stringify(intervalMinutes)}`);
  return Math.min(BREAK_MAX_INTERVAL_MINUTES, Math.max(BREAK_MIN_INTERVAL_MINUTES, Math.round(value)));
}
