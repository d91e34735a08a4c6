import { In, IsNull, type DataSource } from 'typeorm';
import { scenarioSettings, type Blueprint } from '@integrator/engine';
import { ExecutionEntity, IncompleteExecutionEntity, ScenarioEntity } from '@integrator/persistence';

export type ClaimOutcome = { claimed: ExecutionEntity } | { waiting: true } | { gone: true };

/**
 * Takes a queued execution for this worker (queued -> running). For a sequential scenario it
 * also makes sure no other run of it is in progress, that older runs go first, and that new
 * runs wait while an incomplete execution is unresolved (make-semantics §2). The scenario row
 * is locked for the check, so two workers cannot both start a run of the same scenario.
 * The start time is read once the lock is held: waiting for it may last until the previous run's
 * result is committed, and a time read before would put this start before that run's end.
 */
export async function claimExecution(
  db: DataSource,
  id: string,
  workerId: string,
  clock: () => number,
  kind: 'run' | 'retry',
): Promise<ClaimOutcome> {
  return db.transaction(async (tx) => {
    const execution = await tx.getRepository(ExecutionEntity).findOneBy({ id });
    if (!execution || execution.status !== 'queued') return { gone: true };
    const query = tx
      .getRepository(ScenarioEntity)
      .createQueryBuilder('s')
      .where('s.id = :id', { id: execution.scenarioId });
    if (db.options.type === 'postgres') query.setLock('pessimistic_write');
    const scenario = await query.getOne();
    if (scenario && scenarioSettings(scenario.blueprint as unknown as Blueprint).sequential) {
      const executions = tx.getRepository(ExecutionEntity);
      // "finishedAt" IS NULL in each: the partial index of unfinished runs (none on status).
      if (await executions.existsBy({ scenarioId: scenario.id, status: 'running', finishedAt: IsNull() }))
        return { waiting: true };
      const older = await executions
        .createQueryBuilder('e')
        .where(
          'e.scenarioId = :sid AND e.finishedAt IS NULL AND e.status = :queued AND (e.createdAt < :at OR (e.createdAt = :at AND e.id < :id))',
          {
            sid: scenario.id,
            queued: 'queued',
            at: execution.createdAt,
            id,
          },
        )
        .getExists();
      if (older) return { waiting: true };
      if (
        kind === 'run' &&
        (await tx
          .getRepository(IncompleteExecutionEntity)
          .existsBy({ scenarioId: scenario.id, status: In(['unresolved', 'pending', 'in_progress']) }))
      ) {
        return { waiting: true };
      }
    }
    const now = clock();
    const result = await tx
      .createQueryBuilder()
      .update(ExecutionEntity)
      .set({ status: 'running', startedAt: now, worker: workerId })
      .where('id = :id AND status = :queued', { id, queued: 'queued' })
      .execute();
    if (!result.affected) return { gone: true };
    return {
      claimed: Object.assign({}, execution, { status: 'running' as const, startedAt: now, worker: workerId }),
    };
  });
}

/** The oldest queued run of a sequential scenario, to start when the previous one ends. */
export async function nextQueued(db: DataSource, scenarioId: number): Promise<ExecutionEntity | null> {
  return db.getRepository(ExecutionEntity).findOne({
    where: { scenarioId, status: 'queued', finishedAt: IsNull() },
    order: { createdAt: 'ASC', id: 'ASC' },
  });
}
