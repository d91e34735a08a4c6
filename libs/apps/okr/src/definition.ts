import {
  DEFAULT_FREQUENCY,
  frequencyIssues,
  parseDate,
  plannedCheckInCount,
  type CheckInFrequency,
} from './frequency';
import {
  CONTROL_TYPES,
  KEY_RESULT_TYPES,
  PROGRESS_METHODS,
  type ControlType,
  type KeyResultDefinition,
  type ProgressMethod,
} from './progress';

// Checks the measurable part of a key result (type, values, limits, method, frequency, period)
// and turns it into the definition progress is computed from. Every problem names its field.

/** The fields as the API takes them (numbers may be null = not set). */
export interface KeyResultFields {
  type?: unknown;
  controlType?: unknown;
  progressMethod?: unknown;
  checkInFrequency?: unknown;
  startValue?: unknown;
  targetValue?: unknown;
  lowerLimit?: unknown;
  upperLimit?: unknown;
  periodStart?: unknown;
  periodEnd?: unknown;
}

export interface FieldIssue {
  path: string;
  message: string;
}

/** The normalised fields to store, with the defaults filled in. */
export interface CheckedKeyResult {
  type: KeyResultDefinition['type'];
  controlType: ControlType | null;
  progressMethod: ProgressMethod | null;
  checkInFrequency: CheckInFrequency;
  startValue: number | null;
  targetValue: number | null;
  lowerLimit: number | null;
  upperLimit: number | null;
  periodStart: string;
  periodEnd: string;
  definition: KeyResultDefinition;
}

/** Ten years: a longer period is a typo, and daily planning walks every day of it. */
const MAX_PERIOD_DAYS = 3660;
const RATIO_METHODS: readonly ProgressMethod[] = ['distance', 'average', 'sum'];

export function checkKeyResult(input: KeyResultFields): { result?: CheckedKeyResult; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const type = oneOf(input.type, KEY_RESULT_TYPES, 'type', add);
  const period = checkPeriod(input, add);
  const frequency = input.checkInFrequency ?? DEFAULT_FREQUENCY;
  for (const i of frequencyIssues(frequency))
    add(i.path ? `checkInFrequency.${i.path}` : 'checkInFrequency', i.message);
  const startValue = numberOrNull(input.startValue, 'startValue', add);
  const targetValue = numberOrNull(input.targetValue, 'targetValue', add);
  const lowerLimit = numberOrNull(input.lowerLimit, 'lowerLimit', add);
  const upperLimit = numberOrNull(input.upperLimit, 'upperLimit', add);
  if (!type) return { issues };
  if (type !== 'control') {
    for (const f of ['controlType', 'progressMethod', 'lowerLimit', 'upperLimit'] as const) {
      if (input[f] !== undefined && input[f] !== null) add(f, 'is only for a Control KPI');
    }
    checkDirection(type, startValue, targetValue, add);
    if (issues.length || !period) return { issues };
    const definition = { type, startValue: startValue!, targetValue: targetValue! };
    const fields = { controlType: null, progressMethod: null, lowerLimit: null, upperLimit: null };
    return {
      result: {
        type,
        ...fields,
        checkInFrequency: frequency as CheckInFrequency,
        startValue,
        targetValue,
        ...period,
        definition,
      },
      issues,
    };
  }
  const controlType = oneOf(input.controlType, CONTROL_TYPES, 'controlType', add);
  const method =
    input.progressMethod === undefined || input.progressMethod === null
      ? 'successRate'
      : oneOf(input.progressMethod, PROGRESS_METHODS, 'progressMethod', add);
  const limits = controlType
    ? checkLimits(controlType, { targetValue, lowerLimit, upperLimit }, method, add)
    : undefined;
  if (issues.length || !period || !limits || !method) return { issues };
  const checkInFrequency = frequency as CheckInFrequency;
  if (
    (method === 'successRate' || method === 'sum') &&
    plannedCheckInCount(checkInFrequency, period.periodStart, period.periodEnd) === 0
  ) {
    add('checkInFrequency', `plans no check-in between ${period.periodStart} and ${period.periodEnd}`);
    return { issues };
  }
  const definition = { type, limits, method, frequency: checkInFrequency, ...period };
  const stored = {
    lowerLimit: limits.type === 'between' ? limits.lower : null,
    upperLimit: limits.type === 'between' ? limits.upper : null,
  };
  const target = limits.type === 'between' ? null : limits.target;
  return {
    result: {
      type,
      controlType: controlType!,
      progressMethod: method,
      checkInFrequency,
      startValue,
      targetValue: target,
      ...stored,
      ...period,
      definition,
    },
    issues,
  };
}

function checkPeriod(
  input: KeyResultFields,
  add: (path: string, message: string) => void,
): { periodStart: string; periodEnd: string } | undefined {
  const start = typeof input.periodStart === 'string' ? parseDate(input.periodStart) : null;
  const end = typeof input.periodEnd === 'string' ? parseDate(input.periodEnd) : null;
  if (start === null) add('periodStart', 'must be a date YYYY-MM-DD');
  if (end === null) add('periodEnd', 'must be a date YYYY-MM-DD');
  if (start === null || end === null) return undefined;
  if (end < start) add('periodEnd', 'must not be before periodStart');
  else if ((end - start) / 86_400_000 > MAX_PERIOD_DAYS)
    add('periodEnd', `must be within ${MAX_PERIOD_DAYS} days of periodStart`);
  else return { periodStart: input.periodStart as string, periodEnd: input.periodEnd as string };
  return undefined;
}

function checkDirection(
  type: 'increase' | 'decrease',
  start: number | null,
  target: number | null,
  add: (path: string, message: string) => void,
): void {
  if (start === null)
    add('startValue', `is required for ${type === 'increase' ? 'an Increase' : 'a Decrease'} KPI`);
  if (target === null)
    add('targetValue', `is required for ${type === 'increase' ? 'an Increase' : 'a Decrease'} KPI`);
  if (start === null || target === null) return;
  if (target === start) add('targetValue', 'must differ from startValue (progress is measured between them)');
  else if (type === 'increase' && target < start)
    add('targetValue', 'must be greater than startValue for an Increase KPI (use a Decrease KPI to go down)');
  else if (type === 'decrease' && target > start)
    add('targetValue', 'must be less than startValue for a Decrease KPI (use an Increase KPI to go up)');
}

type Limits = { targetValue: number | null; lowerLimit: number | null; upperLimit: number | null };

function checkLimits(
  controlType: ControlType,
  v: Limits,
  method: ProgressMethod | undefined,
  add: (path: string, message: string) => void,
) {
  // The ratio methods divide by the limits, and a ratio to a negative limit points the wrong way.
  const ratio = method !== undefined && RATIO_METHODS.includes(method);
  const positive = (path: string, value: number) => {
    if (ratio && value <= 0)
      add(path, `must be greater than 0 for the ${method} progress method (progress is a ratio to it)`);
  };
  if (controlType === 'between') {
    if (v.targetValue !== null)
      add('targetValue', 'is not used by an in-between Control KPI (set lowerLimit and upperLimit)');
    if (v.lowerLimit === null) add('lowerLimit', 'is required for an in-between Control KPI');
    if (v.upperLimit === null) add('upperLimit', 'is required for an in-between Control KPI');
    if (v.lowerLimit === null || v.upperLimit === null) return undefined;
    if (v.lowerLimit > v.upperLimit) add('upperLimit', 'must not be less than lowerLimit');
    positive('lowerLimit', v.lowerLimit);
    positive('upperLimit', v.upperLimit);
    return { type: 'between' as const, lower: v.lowerLimit, upper: v.upperLimit };
  }
  const label = controlType === 'atLeast' ? 'an at-least' : 'an at-most';
  for (const f of ['lowerLimit', 'upperLimit'] as const)
    if (v[f] !== null) add(f, `is not used by ${label} Control KPI (set targetValue)`);
  if (v.targetValue === null) {
    add('targetValue', `is required for ${label} Control KPI`);
    return undefined;
  }
  positive('targetValue', v.targetValue);
  return { type: controlType, target: v.targetValue };
}

function oneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  path: string,
  add: (path: string, message: string) => void,
): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  add(
    path,
    value === undefined || value === null
      ? `is required (one of ${allowed.join(', ')})`
      : `must be one of ${allowed.join(', ')}`,
  );
  return undefined;
}

function numberOrNull(
  value: unknown,
  path: string,
  add: (path: string, message: string) => void,
): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  add(path, 'must be a finite number');
  return null;
}
