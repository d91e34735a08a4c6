import type { EntityManager } from 'typeorm';
import type { RunResult } from '@integrator/engine';
import { breakRetryDelayMinutes, backoffDelayMinutes } from '@integrator/engine';
import {
  changes,
  ExecutionEntity,
  IncompleteExecutionEntity,
  ScenarioEntity,
  type HotSql,
} from '@integrator/persistence';
import type { CachedScenario } from '../scenarios/scenario-cache';
import { storedLog } from './log-codec';

export interface ResultToRecord {
  execution: ExecutionEntity;
  scenario: CachedScenario;
  result: RunResult;
  /** Set when the run was a retry of this incomplete execution. */
  incomplete: IncompleteExecutionEntity | null;
  now: number;
  /** The run's stored input: the log refers to it instead of repeating it (see log-codec). */
  input?: unknown;
}

/**
 * Everything a finished run changes, written in the caller's (batched) transaction. The usual
 * run costs one plain update; incomplete executions and error counting take the longer path
 * only when they apply. The scenario's last run is set once per batch by the writer.
 */
export async function recordResult(tx: EntityManager, sql: HotSql, r: ResultToRecord): Promise<void> {
  const { execution, result } = r;
  // Confidential scenarios keep no bundle data: the engine already left it out of the module
  // logs; the stored input (a webhook payload, say) and the response go once processed (a
  // synchronous caller gets the response from the live event). The run's own setting counts
  // (a draft run may differ from the saved scenario). The log is in the run's row: one update.
  const log = storedLog(result, r.input);
  const confidential = Boolean(result.confidential);
  await sql.run(
    tx,
    `UPDATE executions SET "status" = ?, "finishedAt" = ?, "durationMs" = ?, "operations" = ?, "cycles" = ?, "dataSize" = ?, "error" = ?, "warnings" = ?, "modules" = ?, "response" = ?${
      confidential ? ', "input" = NULL, "confidential" = TRUE' : ''
    } WHERE "id" = ?`,
    [
      result.status,
      result.finishedAt,
      result.durationMs,
      result.operations,
      result.cycles,
      result.dataSize,
      result.error ? JSON.stringify(result.error) : null,
      result.warnings.length ? JSON.stringify(result.warnings) : null,
      log.modules,
      confidential ? null : log.response,
      execution.id,
    ],
  );
  await recordFollowUps(tx, r);
}

/** What only some runs change: their incomplete executions and the scenario's error count. */
export async function recordFollowUps(tx: EntityManager, r: ResultToRecord): Promise<void> {
  const { scenario, result } = r;
  const settings = scenario.settings;
  if (result.incomplete.length || r.incomplete) await recordIncomplete(tx, r, settings.dlq);
  if (countsErrors(r)) await recordHealth(tx, r, settings.maxErrors);
}

function countsErrors({ execution, scenario, result }: ResultToRecord): boolean {
  return (
    execution.trigger !== 'manual' &&
    !(result.status === 'success' && scenario.consecutiveErrors === 0) &&
    result.status !== 'warning'
  );
}

/** The result touches more than the execution's own rows (incomplete executions, error counts). */
export function takesLongPath(r: ResultToRecord): boolean {
  return r.result.incomplete.length > 0 || r.incomplete !== null || countsErrors(r);
}

async function recordIncomplete(tx: EntityManager, r: ResultToRecord, dlq: boolean): Promise<void> {
  const repo = tx.getRepository(IncompleteExecutionEntity);
  const previous = r.incomplete;
  const failedAgainHere = previous && r.result.incomplete.some((i) => i.moduleId === previous.moduleId);
  for (const record of r.result.incomplete) {
    if (previous && record.moduleId === previous.moduleId) continue; // the same failure: it stays one record
    const attempts = 0;
    await repo.insert(
      changes<IncompleteExecutionEntity>({
        scenarioId: r.scenario.id,
        scenarioVersion: r.execution.scenarioVersion,
        executionId: r.execution.id,
        moduleId: record.moduleId,
        record: record as unknown as Record<string, unknown>,
        status: record.retry.mode === 'manual' ? 'unresolved' : 'pending',
        attempts,
        nextAttemptAt: nextAttempt(record.retry, attempts + 1, dlq, r.now),
        lastError: record.error.message,
        size: JSON.stringify(record).length,
        createdAt: r.now,
        updatedAt: r.now,
      }),
    );
  }
  if (!previous) return;
  const attempts = previous.attempts + 1;
  if (r.result.status === 'success' || (r.result.status === 'warning' && !failedAgainHere)) {
    await repo.update(previous.id, { status: 'resolved', attempts, nextAttemptAt: null, updatedAt: r.now });
    return;
  }
  // Failed again on the same module: still unresolved, retried again while its plan allows.
  const record = r.result.incomplete.find((i) => i.moduleId === previous.moduleId);
  const plan = (record?.retry ??
    (previous.record as { retry?: unknown }).retry) as RunResult['incomplete'][number]['retry'];
  const next = nextAttempt(plan, attempts + 1, dlq, r.now);
  await repo.update(
    previous.id,
    changes<IncompleteExecutionEntity>({
      status: next === null ? 'unresolved' : 'pending',
      attempts,
      nextAttemptAt: next,
      lastError: r.result.error?.message ?? record?.error.message ?? 'failed again',
      ...(record ? { record: record as unknown as Record<string, unknown> } : {}),
      updatedAt: r.now,
    }),
  );
}

/** When the next automatic attempt is due (Break's plan, or the backoff table); null = a person decides. */
export function nextAttempt(
  plan: RunResult['incomplete'][number]['retry'] | undefined,
  attempt: number,
  dlq: boolean,
  now: number,
): number | null {
  if (!plan || plan.mode === 'manual') return null;
  if (plan.mode === 'break')
    return attempt <= plan.attempts ? now + breakRetryDelayMinutes(plan.intervalMinutes) * 60_000 : null;
  const minutes = backoffDelayMinutes(attempt, dlq);
  return minutes === null ? null : now + minutes * 60_000;
}

// Make deactivates a scenario after N consecutive errors (make-semantics §2). We do the same,
// visibly: the reason is stored and shown. Warnings never count; editor runs never count.
async function recordHealth(tx: EntityManager, r: ResultToRecord, maxErrors: number): Promise<void> {
  const { scenario, result, now } = r;
  const patch: Partial<ScenarioEntity> = {};
  const fresh = await tx.getRepository(ScenarioEntity).findOneBy({ id: scenario.id });
  const errors = fresh?.consecutiveErrors ?? 0;
  if (result.status === 'error') {
    patch.consecutiveErrors = errors + 1;
    if (fresh?.active && maxErrors > 0 && errors + 1 >= maxErrors) {
      patch.active = false;
      patch.deactivatedAt = now;
      patch.deactivationReason = `Deactivated after ${errors + 1} consecutive errors. Last error: ${result.error?.message ?? 'unknown'}`;
    }
  } else if (result.status === 'success') patch.consecutiveErrors = 0;
  if (Object.keys(patch).length) await tx.getRepository(ScenarioEntity).update(scenario.id, changes(patch));
}
