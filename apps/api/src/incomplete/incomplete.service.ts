import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, LessThanOrEqual, type DataSource } from 'typeorm';
import { IncompleteExecutionEntity, ScenarioEntity, type IncompleteStatus } from '@integrator/persistence';
import { CLOCK, type ServerClock } from '../common/clock';
import type { AuthUser } from '../auth/current-user';
import { FieldsException, type FieldError } from '../common/errors.filter';
import { Dispatcher } from '../executions/dispatcher';
import { AuditLog } from '../teams/audit.service';
import { ExecutionsService } from '../executions/executions.service';

/**
 * Incomplete executions (make-semantics §3): listed, retried (from the failed module, with the
 * scenario's current blueprint so a fix applies), resolved or deleted by hand, and retried
 * automatically on Break's plan or the backoff table.
 */
@Injectable()
export class IncompleteService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly executions: ExecutionsService,
    private readonly dispatcher: Dispatcher,
    private readonly audit: AuditLog,
  ) {}

  private get repo() {
    return this.db.getRepository(IncompleteExecutionEntity);
  }

  async list(q: { scenarioId?: number; status?: IncompleteStatus }, teamId: number) {
    const qb = this.repo
      .createQueryBuilder('i')
      .where('i.scenarioId IN (SELECT s.id FROM scenarios s WHERE s."teamId" = :teamId)', { teamId });
    if (q.scenarioId !== undefined) qb.andWhere('i.scenarioId = :scenarioId', { scenarioId: q.scenarioId });
    if (q.status) qb.andWhere('i.status = :status', { status: q.status });
    const rows = await qb.orderBy('i.createdAt', 'DESC').take(500).getMany();
    return rows.map(summary);
  }

  /** The ids, if all belong to the team's scenarios; another team's are reported as not found. */
  async ofTeam(ids: number[], teamId: number): Promise<number[]> {
    const rows = await this.repo
      .createQueryBuilder('i')
      .select('i.id')
      .where('i.id IN (:...ids)', { ids })
      .andWhere('i.scenarioId IN (SELECT s.id FROM scenarios s WHERE s."teamId" = :teamId)', { teamId })
      .getMany();
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw new NotFoundException(`incomplete execution ${missing.join(', ')} not found`);
    return ids;
  }

  async get(id: number) {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new NotFoundException(`incomplete execution ${id} not found`);
    return { ...summary(row), record: row.record };
  }

  /**
   * Replaces the stored outputs and/or variables a retry starts from. Only the modules the failed
   * one could read are accepted (an output for any other module would be silently unused).
   */
  async edit(
    id: number,
    body: { outputs?: Record<string, unknown>; variables?: Record<string, unknown> },
    user: AuthUser,
  ) {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new NotFoundException(`incomplete execution ${id} not found`);
    if (body.outputs === undefined && body.variables === undefined)
      throw new FieldsException([{ path: 'outputs', message: 'give outputs or variables to change' }]);
    if (row.status === 'resolved' || row.status === 'in_progress')
      throw new ConflictException(
        `incomplete execution ${id} is ${row.status === 'resolved' ? 'already resolved' : 'being retried right now'}`,
      );
    const record = row.record as { outputs?: Record<string, unknown>; variables?: Record<string, unknown> };
    const readable = Object.keys(record.outputs ?? {});
    const wrong: FieldError[] = Object.keys(body.outputs ?? {})
      .filter((key) => !readable.includes(key))
      .map((key) => ({
        path: `outputs.${key}`,
        message: readable.length
          ? `module ${key} is not one the failed module ${row.moduleId} reads (these are: ${readable.join(', ')})`
          : `the failed module ${row.moduleId} reads no earlier module`,
      }));
    if (wrong.length) throw new FieldsException(wrong);
    const next = {
      ...record,
      ...(body.outputs !== undefined ? { outputs: body.outputs } : {}),
      ...(body.variables !== undefined ? { variables: body.variables } : {}),
    };
    const now = this.clock.now();
    await this.repo.update(id, { record: next, size: JSON.stringify(next).length, updatedAt: now });
    const scenario = await this.db.getRepository(ScenarioEntity).findOneBy({ id: row.scenarioId });
    await this.audit.record({
      action: 'incomplete.edited',
      actor: user,
      teamId: scenario?.teamId ?? null,
      targetType: 'incomplete_execution',
      targetId: id,
      details: {
        scenarioId: row.scenarioId,
        changed: [
          body.outputs !== undefined && 'outputs',
          body.variables !== undefined && 'variables',
        ].filter(Boolean),
      },
    });
    return this.get(id);
  }

  /** Retries now; the scenario must be active (Make's rule). Returns the executions started. */
  async retry(ids: number[]): Promise<Array<{ id: number; executionId: string }>> {
    const rows = await this.repo.findBy({ id: In(ids) });
    const missing = ids.filter((id) => !rows.some((r) => r.id === id));
    if (missing.length) throw new NotFoundException(`incomplete execution ${missing.join(', ')} not found`);
    for (const row of rows) {
      if (row.status === 'resolved')
        throw new ConflictException(`incomplete execution ${row.id} is already resolved`);
      if (row.status === 'in_progress')
        throw new ConflictException(`incomplete execution ${row.id} is being retried right now`);
    }
    const scenarios = await this.db
      .getRepository(ScenarioEntity)
      .findBy({ id: In([...new Set(rows.map((r) => r.scenarioId))]) });
    const inactive = scenarios.filter((s) => !s.active);
    if (inactive.length)
      throw new ConflictException(
        `switch the scenario on to retry (${inactive.map((s) => `"${s.name}"`).join(', ')} is off)`,
      );
    const started: Array<{ id: number; executionId: string }> = [];
    for (const row of rows) {
      const executionId = await this.start(
        row,
        scenarios.find((s) => s.id === row.scenarioId)!,
      );
      if (executionId) started.push({ id: row.id, executionId });
    }
    return started;
  }

  async resolve(ids: number[]) {
    await this.repo.update(
      { id: In(ids) },
      { status: 'resolved', nextAttemptAt: null, updatedAt: this.clock.now() },
    );
    await this.release(ids);
  }

  async remove(ids: number[]) {
    const rows = await this.repo.findBy({ id: In(ids) });
    await this.repo.delete({ id: In(ids) });
    for (const scenarioId of new Set(rows.map((r) => r.scenarioId))) await this.dispatcher.kick(scenarioId);
  }

  /** Automatic retries that are due (called by the scheduler's tick). */
  async retryDue(now: number): Promise<number> {
    const due = await this.repo.find({
      where: { status: 'pending', nextAttemptAt: LessThanOrEqual(now) },
      order: { nextAttemptAt: 'ASC' },
      take: 100,
    });
    let started = 0;
    for (const row of due) {
      const scenario = await this.db.getRepository(ScenarioEntity).findOneBy({ id: row.scenarioId });
      if (!scenario?.active) continue; // retried once the scenario is switched on again
      if (await this.start(row, scenario)) started++;
    }
    return started;
  }

  // pending/unresolved -> in_progress is claimed in the database: two processes never retry one record twice.
  private async start(row: IncompleteExecutionEntity, scenario: ScenarioEntity): Promise<string | null> {
    const run = {
      scenarioId: scenario.id,
      version: scenario.version,
      trigger: 'retry',
      incompleteId: row.id,
      input: (row.record as { runInput?: unknown }).runInput,
    };
    const id = await this.db.transaction(async (tx) => {
      const claimed = await tx
        .getRepository(IncompleteExecutionEntity)
        .update(
          { id: row.id, status: In(['pending', 'unresolved']) },
          { status: 'in_progress', updatedAt: this.clock.now() },
        );
      return claimed.affected ? this.executions.createQueued(tx, run) : null;
    });
    if (id) await this.executions.enqueue(id, run);
    return id;
  }

  private async release(ids: number[]) {
    const rows = await this.repo.findBy({ id: In(ids) });
    for (const scenarioId of new Set(rows.map((r) => r.scenarioId))) await this.dispatcher.kick(scenarioId);
  }
}

function summary(r: IncompleteExecutionEntity) {
  return {
    id: r.id,
    scenarioId: r.scenarioId,
    scenarioVersion: r.scenarioVersion,
    executionId: r.executionId,
    moduleId: r.moduleId,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    lastError: r.lastError,
    size: r.size,
    retry: (r.record as { retry?: unknown }).retry,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
