import type {
  CheckInFrequency,
  ControlType,
  KeyResult,
  KeyResultInput,
  KeyResultType,
  ProgressMethod,
} from '../../api/okr-types';

// The key result form's draft (numbers as typed text) and the body it sends. On an update an
// emptied number is sent as null (clears it); on create it is left out.

export interface KeyResultDraft {
  name: string;
  type: KeyResultType;
  controlType: ControlType;
  progressMethod: ProgressMethod;
  startValue: string;
  targetValue: string;
  lowerLimit: string;
  upperLimit: string;
  unit: string;
  frequency: CheckInFrequency['type'];
  weekday: number;
  day: number;
  connectorId: string;
  autoConfirm: boolean;
  setStartFromConnector: boolean;
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function keyResultDraft(kr?: KeyResult): KeyResultDraft {
  const f = kr?.checkInFrequency ?? { type: 'weekly', weekday: 5 };
  return {
    name: kr?.name ?? '',
    type: kr?.type ?? 'increase',
    controlType: kr?.controlType ?? 'atLeast',
    progressMethod: kr?.progressMethod ?? 'successRate',
    startValue: text(kr?.startValue ?? (kr ? null : 0)),
    targetValue: text(kr?.targetValue),
    lowerLimit: text(kr?.lowerLimit),
    upperLimit: text(kr?.upperLimit),
    unit: kr?.unit ?? '',
    frequency: f.type,
    weekday: 'weekday' in f ? f.weekday : 5,
    day: 'day' in f ? f.day : 1,
    connectorId: text(kr?.connectorId),
    autoConfirm: kr?.autoConfirm ?? false,
    setStartFromConnector: false,
  };
}

export function keyResultBody(d: KeyResultDraft, editing: boolean): KeyResultInput {
  const num = (t: string): number | null | undefined =>
    t.trim() === '' ? (editing ? null : undefined) : Number(t);
  const body: KeyResultInput = {
    name: d.name.trim(),
    type: d.type,
    unit: d.unit.trim(),
    checkInFrequency: frequencyOf(d),
    autoConfirm: d.autoConfirm,
  };
  const connector = num(d.connectorId);
  if (connector !== undefined) body.connectorId = connector;
  if (d.type === 'control') {
    body.controlType = d.controlType;
    body.progressMethod = d.progressMethod;
    if (d.controlType === 'between')
      Object.assign(
        body,
        defined({ lowerLimit: num(d.lowerLimit), upperLimit: num(d.upperLimit) }),
        editing ? { targetValue: null } : {},
      );
    else
      Object.assign(
        body,
        defined({ targetValue: num(d.targetValue) }),
        editing ? { lowerLimit: null, upperLimit: null } : {},
      );
  } else {
    Object.assign(body, defined({ targetValue: num(d.targetValue) }));
    if (d.setStartFromConnector && d.connectorId) body.setStartFromConnector = true;
    else Object.assign(body, defined({ startValue: num(d.startValue) }));
    if (editing)
      Object.assign(body, { controlType: null, progressMethod: null, lowerLimit: null, upperLimit: null });
  }
  return body;
}

function frequencyOf(d: KeyResultDraft): CheckInFrequency {
  if (d.frequency === 'daily') return { type: 'daily' };
  if (d.frequency === 'monthly') return { type: 'monthly', day: d.day };
  return { type: d.frequency, weekday: d.weekday };
}

function defined<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}
