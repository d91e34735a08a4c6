import { In, type DataSource } from 'typeorm';
import { scenarioSettings, type Blueprint } from '@integrator/engine';
import { ExecutionEntity, IncompleteExecutionEntity, type ScenarioEntity } from '@integrator/persistence';
import { holdsRequests } from '../scheduler/time-schedule';

/**
 * Whether a hook's queued requests may start runs of this scenario now. Not when it is off, on a
 * time schedule or "On demand" (the scheduled runs or a run on demand take the queue:
 * ScheduledHooks), or paused by sequential processing (a run in progress, or an unresolved
 * incomplete execution).
 */
export async function takesRequestsNow(db: DataSource, scenario: ScenarioEntity): Promise<boolean> {
  if (!scenario.active || holdsRequests(scenario.schedule)) return false;
  if (!scenarioSettings(scenario.blueprint as unknown as Blueprint).sequential) return true;
  const busy = await db
    .getRepository(ExecutionEntity)
    .existsBy({ scenarioId: scenario.id, status: In(['queued', 'running']) });
  if (busy) return false;
  const blocked = await db
    .getRepository(IncompleteExecutionEntity)
    .existsBy({ scenarioId: scenario.id, status: In(['unresolved', 'pending', 'in_progress']) });
  return !blocked;
}
