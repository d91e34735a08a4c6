import type { CheckInFrequency, KeyResult } from '../../api/okr-types';

// Key results in words: the type and target, the check-in frequency.

export const TYPE_LABELS: Record<KeyResult['type'], string> = {
  increase: 'Increase KPI',
  decrease: 'Decrease KPI',
  control: 'Control KPI',
};
export const CONTROL_LABELS = { atLeast: 'At least', atMost: 'At most', between: 'In between' } as const;
export const METHOD_LABELS = {
  successRate: 'Successful check-ins / planned check-ins',
  distance: 'Distance from target (latest check-in)',
  average: 'Average of check-ins / average of targets',
  sum: 'Sum of check-ins / sum of targets',
} as const;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function withUnit(value: number | null, unit: string): string {
  if (value === null) return '—';
  return unit ? `${value} ${unit}` : String(value);
}

export function describeTarget(kr: KeyResult): string {
  const u = (v: number | null) => withUnit(v, kr.unit);
  if (kr.type === 'control') {
    if (kr.controlType === 'between')
      return `${TYPE_LABELS.control}: between ${u(kr.lowerLimit)} and ${u(kr.upperLimit)}`;
    return `${TYPE_LABELS.control}: ${kr.controlType === 'atMost' ? 'at most' : 'at least'} ${u(kr.targetValue)}`;
  }
  return `${TYPE_LABELS[kr.type]}: ${u(kr.startValue)} → ${u(kr.targetValue)} (now ${u(kr.currentValue)})`;
}

export function describeFrequency(f: CheckInFrequency): string {
  switch (f.type) {
    case 'daily':
      return 'every day';
    case 'weekly':
      return `every ${WEEKDAYS[f.weekday] ?? f.weekday}`;
    case 'biweekly':
      return `every other ${WEEKDAYS[f.weekday] ?? f.weekday}`;
    case 'monthly':
      return `monthly on day ${f.day}`;
  }
}
