import type { CheckInFrequency } from './frequency';
import type { ControlType, KeyResultType, ProgressMethod } from './progress';

// What the OKR modules (and the REST API) see of key results and check-ins; the server's key
// results feature implements KeyResultService and offers it to modules as services.keyResults.

export type CheckInSource = 'manual' | 'automated' | 'scenario';
export type CheckInStatus = 'pending' | 'confirmed' | 'discarded' | 'failed';

export interface KeyResultView {
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
  /** Percent, unclamped (may be below 0 or above 100); null before a Control KPI's first check-in. */
  progress: number | null;
  /** Planned check-ins of the period for its frequency. */
  plannedCheckIns: number;
  connectorId: number | null;
  autoConfirm: boolean;
  /** When the next automated check-in runs (epoch ms); null without a connector or after the period. */
  nextAutomatedCheckIn?: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface CheckInView {
  id: number;
  keyResultId: number;
  value: number | null;
  takenAt: number;
  source: CheckInSource;
  status: CheckInStatus;
  /** Percent the check-in produced (confirmed) or would produce (pending). */
  progress: number | null;
  createdBy: number | null;
  confirmedBy: number | null;
  confirmedAt: number | null;
  discardedBy: number | null;
  discardedAt: number | null;
  note: string | null;
  failureReason: string | null;
  scenarioId: number | null;
  createdAt: number;
}

export interface ScenarioCheckIn {
  keyResultId: number | string;
  value: number;
  note?: string;
  /** Confirm directly instead of leaving it pending review. */
  confirm: boolean;
  scenarioId?: number | string;
}

export interface KeyResultService {
  /** Records a check-in from a scenario; throws a user ModuleError naming keyResult when it does not exist. */
  checkIn(input: ScenarioCheckIn): Promise<{ checkIn: CheckInView; keyResult: KeyResultView }>;
  get(keyResultId: number | string): Promise<KeyResultView>;
}

declare module '@integrator/sdk' {
  interface Services {
    keyResults: KeyResultService;
  }
}
