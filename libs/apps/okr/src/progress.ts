import { plannedCheckIns, type CheckInFrequency } from './frequency';

// Progress of a key result, exactly as reference/okr-semantics.md states it. Results are
// percentages rounded to two decimals and never clamped: they may exceed 100 or fall below 0
// (the stored and returned value is raw; only a display may clamp, e.g. a progress bar at 0–100%).

export type KeyResultType = 'increase' | 'decrease' | 'control';
export type ControlType = 'atLeast' | 'atMost' | 'between';
export type ProgressMethod = 'successRate' | 'distance' | 'average' | 'sum';

export const KEY_RESULT_TYPES: readonly KeyResultType[] = ['increase', 'decrease', 'control'];
export const CONTROL_TYPES: readonly ControlType[] = ['atLeast', 'atMost', 'between'];
export const PROGRESS_METHODS: readonly ProgressMethod[] = ['successRate', 'distance', 'average', 'sum'];

/** The limits of a Control KPI: one target for at least / at most, two for in between. */
export type ControlLimits =
  | { type: 'atLeast'; target: number }
  | { type: 'atMost'; target: number }
  | { type: 'between'; lower: number; upper: number };

/** A confirmed check-in as progress needs it: its value, local date and time taken (for order). */
export interface CheckInPoint {
  value: number;
  /** Local calendar date "YYYY-MM-DD" (the owner's time zone). */
  date: string;
  takenAt: number;
}

export type KeyResultDefinition =
  | { type: 'increase' | 'decrease'; startValue: number; targetValue: number }
  | {
      type: 'control';
      limits: ControlLimits;
      method: ProgressMethod;
      frequency: CheckInFrequency;
      periodStart: string;
      periodEnd: string;
    };

/** Percent with two decimals: 9/13 → 69.23. */
export function percent(ratio: number): number {
  return Math.round(ratio * 10_000) / 100;
}

/** Increase KPI: (c − s) / (t − s). */
export function increaseProgress(start: number, target: number, current: number): number {
  if (target === start) throw new RangeError('targetValue: must differ from startValue');
  return percent((current - start) / (target - start));
}

/** Decrease KPI: (s − c) / (s − t). */
export function decreaseProgress(start: number, target: number, current: number): number {
  if (target === start) throw new RangeError('targetValue: must differ from startValue');
  return percent((start - current) / (start - target));
}

/** Whether a check-in value meets a Control KPI's target (at least: c ≥ t; at most: c ≤ t; in between: l ≤ c ≤ u). */
export function meetsTarget(limits: ControlLimits, value: number): boolean {
  switch (limits.type) {
    case 'atLeast':
      return value >= limits.target;
    case 'atMost':
      return value <= limits.target;
    case 'between':
      return value >= limits.lower && value <= limits.upper;
  }
}

/**
 * Progress as the distance of a value from the target. At least: c / t; at most: 2 − c / t
 * (the published table: t = 1, c 0.8 → 120%, 1.5 → 50%). The reference gives no rule for
 * in between; we use 100% inside the limits, the at-least rule against the lower limit below
 * them and the at-most rule against the upper limit above them.
 */
export function distanceRatio(limits: ControlLimits, value: number): number {
  switch (limits.type) {
    case 'atLeast':
      return value / limits.target;
    case 'atMost':
      return 2 - value / limits.target;
    case 'between':
      if (value < limits.lower) return value / limits.lower;
      if (value > limits.upper) return 2 - value / limits.upper;
      return 1;
  }
}

/** Method 1: successful check-ins / total check-ins planned for the period (9 of 13 → 69.23%). */
export function successRateProgress(successful: number, planned: number): number {
  if (planned <= 0) throw new RangeError('checkInFrequency: plans no check-in in the period');
  return percent(successful / planned);
}

/** Method 2: distance from target as of the latest check-in. */
export function distanceProgress(limits: ControlLimits, latest: number): number {
  return percent(distanceRatio(limits, latest));
}

/** Method 3: average of check-ins / average of targets (every planned check-in has the same target). */
export function averageProgress(limits: ControlLimits, values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return percent(distanceRatio(limits, values.reduce((a, b) => a + b, 0) / values.length));
}

/**
 * Method 4: sum of check-ins / sum of targets, the targets being those of every check-in
 * planned for the period (a target of 10 per week over 13 weeks sums to 130). That makes it
 * cumulative, unlike the average; for at most and in between the same mirrored ratio as
 * distanceRatio applies to the sums.
 */
export function sumProgress(
  limits: ControlLimits,
  values: readonly number[],
  planned: number,
): number | null {
  if (planned <= 0) throw new RangeError('checkInFrequency: plans no check-in in the period');
  if (values.length === 0) return null;
  return percent(distanceRatio(limits, values.reduce((a, b) => a + b, 0) / planned));
}

/**
 * The check-ins methods 1, 3 and 4 count: one per planned check-in. A check-in belongs to the
 * first planned date on or after its own date (later ones to the last planned date) and the
 * latest of each planned date counts, so daily automated check-ins on a weekly key result do
 * not count seven times. Check-ins dated outside the period are not counted.
 */
export function countedCheckIns(
  planned: readonly string[],
  periodStart: string,
  periodEnd: string,
  checkIns: readonly CheckInPoint[],
): number[] {
  const latest = new Map<number, CheckInPoint>();
  for (const c of checkIns) {
    if (c.date < periodStart || c.date > periodEnd || planned.length === 0) continue;
    let slot = planned.findIndex((d) => d >= c.date);
    if (slot < 0) slot = planned.length - 1;
    const seen = latest.get(slot);
    if (!seen || c.takenAt >= seen.takenAt) latest.set(slot, c);
  }
  return [...latest.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c.value);
}

/** The latest check-in by time taken (the later one on a tie, as given). */
export function latestCheckIn(checkIns: readonly CheckInPoint[]): CheckInPoint | undefined {
  let latest: CheckInPoint | undefined;
  for (const c of checkIns) if (!latest || c.takenAt >= latest.takenAt) latest = c;
  return latest;
}

/** A Control KPI's progress over its confirmed check-ins; null before any (nothing to measure yet). */
export function controlProgress(
  definition: Extract<KeyResultDefinition, { type: 'control' }>,
  checkIns: readonly CheckInPoint[],
): number | null {
  const { limits, method, frequency, periodStart, periodEnd } = definition;
  if (checkIns.length === 0) return null;
  if (method === 'distance') return distanceProgress(limits, latestCheckIn(checkIns)!.value);
  const planned = plannedCheckIns(frequency, periodStart, periodEnd);
  const counted = countedCheckIns(planned, periodStart, periodEnd, checkIns);
  switch (method) {
    case 'successRate':
      return successRateProgress(counted.filter((v) => meetsTarget(limits, v)).length, planned.length);
    case 'average':
      return averageProgress(limits, counted);
    case 'sum':
      return sumProgress(limits, counted, planned.length);
  }
}

/**
 * A key result's progress over its confirmed check-ins. Increase and Decrease use the latest
 * value (the start value before any check-in, i.e. 0%).
 */
export function keyResultProgress(
  definition: KeyResultDefinition,
  checkIns: readonly CheckInPoint[],
): number | null {
  if (definition.type === 'control') return controlProgress(definition, checkIns);
  const current = latestCheckIn(checkIns)?.value ?? definition.startValue;
  return definition.type === 'increase'
    ? increaseProgress(definition.startValue, definition.targetValue, current)
    : decreaseProgress(definition.startValue, definition.targetValue, current);
}
