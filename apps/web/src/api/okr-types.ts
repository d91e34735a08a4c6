// The OKR routes' shapes (docs/API.md "Objectives, key results and check-ins"), mirrored from
// libs/apps/okr's views: the web app imports no server-side package.

export type KeyResultType = 'increase' | 'decrease' | 'control';
export type ControlType = 'atLeast' | 'atMost' | 'between';
export type ProgressMethod = 'successRate' | 'distance' | 'average' | 'sum';
export type CheckInFrequency =
  { type: 'daily' } | { type: 'weekly' | 'biweekly'; weekday: number } | { type: 'monthly'; day: number };
export type CheckInStatus = 'pending' | 'confirmed' | 'discarded' | 'failed';

export interface KeyResult {
  id: number;
  objectiveId: number;
  name: string;
  ownerId: number;
  periodStart: string;
  periodEnd: string;
  type: KeyResultType;
  controlType: ControlType | null;
  progressMethod: ProgressMethod | null;
  checkInFrequency: CheckInFrequency;
  startValue: number | null;
  targetValue: number | null;
  lowerLimit: number | null;
  upperLimit: number | null;
  unit: string;
  currentValue: number | null;
  /** Percent, unclamped; null for a Control KPI before its first confirmed check-in. */
  progress: number | null;
  plannedCheckIns: number;
  connectorId: number | null;
  autoConfirm: boolean;
  createdAt: number;
  updatedAt: number;
}

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

export interface CheckIn {
  id: number;
  keyResultId: number;
  value: number | null;
  takenAt: number;
  source: 'manual' | 'automated' | 'scenario';
  status: CheckInStatus;
  /** Percent it produced (confirmed) or would produce (pending). */
  progress: number | null;
  createdBy: number | null;
  confirmedBy: number | null;
  confirmedAt: number | null;
  note: string | null;
  failureReason: string | null;
  scenarioId: number | null;
  createdAt: number;
}

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
