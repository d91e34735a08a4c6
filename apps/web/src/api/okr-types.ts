// The OKR routes' shapes (docs/API.md "Objectives, key results and check-ins"). Key results and
// check-ins are the lib's own view types (types only: nothing server-side reaches the bundle).
import type { CheckInStatus, CheckInView, KeyResultView } from '@integrator/apps/okr';

export type KeyResultType = KeyResultView['type'];
export type ControlType = NonNullable<KeyResultView['controlType']>;
export type ProgressMethod = NonNullable<KeyResultView['progressMethod']>;
export type CheckInFrequency = KeyResultView['checkInFrequency'];
export type { CheckInStatus };
export type KeyResult = KeyResultView;

export interface Objective {
  id: number;
  name: string;
  description: string;
  ownerId: number;
  periodStart: string;
  periodEnd: string;
  progress: number | null;
  keyResults: KeyResult[];
}

export type CheckIn = CheckInView;

export interface CheckInResult {
  checkIn: CheckIn;
  keyResult: KeyResult;
}

export interface KeyResultInput {
  objectiveId?: number;
  name?: string;
  type?: KeyResultType;
  ownerId?: number;
  periodStart?: string;
  periodEnd?: string;
  controlType?: ControlType | null;
  progressMethod?: ProgressMethod | null;
  checkInFrequency?: CheckInFrequency;
  startValue?: number | null;
  targetValue?: number | null;
  lowerLimit?: number | null;
  upperLimit?: number | null;
  unit?: string;
  connectorId?: number | null;
  autoConfirm?: boolean;
  setStartFromConnector?: boolean;
}

export interface ObjectiveInput {
  name: string;
  description?: string;
  ownerId?: number;
  periodStart: string;
  periodEnd: string;
}

export interface ConnectorValue {
  connectorId: number;
  status: number | null;
  fieldPath: string;
  value: number | null;
  valueError?: string;
}
