import { ForbiddenException } from '@nestjs/common';
import {
  checkKeyResult,
  plannedCheckInCount,
  type CheckInFrequency,
  type CheckInSource,
  type CheckInStatus,
  type CheckInView,
  type ControlType,
  type KeyResultDefinition,
  type KeyResultType,
  type KeyResultView,
  type ProgressMethod,
} from '@integrator/apps/okr';
import type { CheckInEntity, KeyResultEntity, ObjectiveEntity } from '@integrator/persistence';
import { isTeamAdmin, type AuthUser } from '../auth/current-user';

// Rows to API views, and the rules every OKR route shares.

export interface ObjectiveView {
  id: number;
  name: string;
  description: string;
  ownerId: number;
  periodStart: string;
  periodEnd: string;
  /** The average progress of its key results that have one (percent, unclamped); null without any. */
  progress: number | null;
  keyResults: KeyResultView[];
  createdAt: number;
  updatedAt: number;
}

/** The stored measurable fields as progress needs them (stored rows were checked when written). */
export function definitionOf(row: KeyResultEntity): KeyResultDefinition {
  const { result, issues } = checkKeyResult(row);
  if (!result)
    throw new Error(
      `key result ${row.id} is stored inconsistently: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  return result.definition;
}

export function keyResultView(row: KeyResultEntity): KeyResultView {
  const frequency = row.checkInFrequency as unknown as CheckInFrequency;
  return {
    id: row.id,
    objectiveId: row.objectiveId,
    name: row.name,
    ownerId: row.ownerId,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    type: row.type as KeyResultType,
    controlType: row.controlType as ControlType | null,
    progressMethod: row.progressMethod as ProgressMethod | null,
    checkInFrequency: frequency,
    startValue: row.startValue,
    targetValue: row.targetValue,
    lowerLimit: row.lowerLimit,
    upperLimit: row.upperLimit,
    unit: row.unit,
    currentValue: row.currentValue,
    progress: row.progress,
    plannedCheckIns: plannedCheckInCount(frequency, row.periodStart, row.periodEnd),
    connectorId: row.connectorId,
    autoConfirm: row.autoConfirm,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function checkInView(row: CheckInEntity): CheckInView {
  return {
    id: row.id,
    keyResultId: row.keyResultId,
    value: row.value,
    takenAt: row.takenAt,
    source: row.source as CheckInSource,
    status: row.status as CheckInStatus,
    progress: row.progress,
    createdBy: row.createdBy,
    confirmedBy: row.confirmedBy,
    confirmedAt: row.confirmedAt,
    discardedBy: row.discardedBy,
    discardedAt: row.discardedAt,
    note: row.note,
    failureReason: row.failureReason,
    scenarioId: row.scenarioId,
    createdAt: row.createdAt,
  };
}

export function objectiveView(row: ObjectiveEntity, keyResults: KeyResultEntity[]): ObjectiveView {
  const views = keyResults.map(keyResultView);
  const measured = views.map((k) => k.progress).filter((p): p is number => p !== null);
  const progress = measured.length
    ? Math.round((measured.reduce((a, b) => a + b, 0) / measured.length) * 100) / 100
    : null;
  const { id, name, description, ownerId, periodStart, periodEnd, createdAt, updatedAt } = row;
  return {
    id,
    name,
    description,
    ownerId,
    periodStart,
    periodEnd,
    progress,
    keyResults: views,
    createdAt,
    updatedAt,
  };
}

/** Only the owner (or a super user) reviews check-ins and runs the automated check-in. */
export function assertOwner(user: AuthUser, ownerId: number, what: string): void {
  if (!isTeamAdmin(user) && user.id !== ownerId)
    throw new ForbiddenException(`only the owner of the key result or a super user may ${what}`);
}
