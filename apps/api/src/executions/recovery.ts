import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, LessThan, type DataSource, type EntityManager } from 'typeorm';
import { scenarioSettings, type Blueprint, type IncompleteRecord } from '@integrator/engine';
import {
  changes,
  ExecutionEntity,
  readExecutionLog,
  IncompleteExecutionEntity,
  ScenarioEntity,
  WorkerEntity,
} from '@integrator/persistence';
import { CLOCK, type ServerClock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { RunEventBus } from './events';
import { EXECUTION_QUEUE, type ExecutionQueue } from './queue';
import { ExecutionRunner } from './runner.service';

/** A run whose worker died this often ends in error instead of starting again. */
const MAX_RECOVERIES = 3;

/**
 * Workers announce themselves; executions left "running" by a worker that stopped (SIGKILL, a
 * crash, a lost machine) are found and either run again or, when the scenario stores incomplete
 * executions, turned into one (make-semantics §3). None stays running forever, none is lost.
 */
@Injectable()
export class Recovery {
  private readonly log = new Logger('Recovery');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EXECUTION_QUEUE) private readonly queue: ExecutionQueue,
    private readonly runner: ExecutionRunner,
    private readonly bus: RunEventBus,
  ) {}

  async heartbeat(): Promise<void> {
    const now = this.clock.now();
    const repo = this.db.getRepository(WorkerEntity);
    const updated = await repo.update({ id: this.runner.workerId }, { lastSeenAt: now });
    if (!updated.affected) await repo.save({ id: this.runner.workerId, startedAt: now, lastSeenAt: now });
  }

  async forget(): Promise<void> {
    await this.db.getRepository(WorkerEntity).delete({ id: this.runner.workerId });
  }

  /** Running executions whose worker is gone (or silent): each is recovered once, by one process. */
  async recoverStalled(options: { everyWorker?: boolean } = {}): Promise<number> {
    const now = this.clock.now();
    const alive = new Set(
      (await this.db.getRepository(WorkerEntity).find({ select: { id: true, lastSeenAt: true } }))
        .filter((w) => w.lastSeenAt >= now - this.config.recovery.staleAfterMs)
        .map((w) => w.id),
    );
    // "finishedAt" IS NULL: the partial index of unfinished runs (there is none on status).
    const running = await this.db
      .getRepository(ExecutionEntity)
      .find({ where: { status: 'running', finishedAt: IsNull() } });
    let recovered = 0;
    for (const e of running) {
      const mine = e.worker === this.runner.workerId && this.runner.activeIds.includes(e.id);
      if (mine || (!options.everyWorker && e.worker && alive.has(e.worker))) continue;
      if (await this.recover(e)) recovered++;
    }
    await this.db.getRepository(WorkerEntity).delete({ lastSeenAt: LessThan(now - 24 * 3600_000) });
    return recovered;
  }

  private async recover(e: ExecutionEntity): Promise<boolean> {
    const scenario = await this.db.getRepository(ScenarioEntity).findOneBy({ id: e.scenarioId });
    const dlq = scenario ? scenarioSettings(scenario.blueprint as unknown as Blueprint).dlq : false;
    const now = this.clock.now();
    const message = 'the worker running this execution stopped before it finished';
    const outcome = await this.db.transaction(async (tx) => {
      const executions = tx.getRepository(ExecutionEntity);
      // Only the process whose update wins recovers it (others see nothing changed).
      if (dlq || e.recoveries + 1 > MAX_RECOVERIES) {
        const ended = await executions.update(
          { id: e.id, status: 'running', worker: e.worker ?? undefined },
          changes<ExecutionEntity>({
            status: dlq ? 'warning' : 'error',
            finishedAt: now,
            error: { message, kind: 'transient', type: 'ConnectionError' },
          }),
        );
        if (!ended.affected) return 'none';
        if (dlq && scenario) await this.storeIncomplete(tx, e, scenario, message, now);
        return 'ended';
      }
      const requeued = await executions.update(
        { id: e.id, status: 'running', worker: e.worker ?? undefined },
        { status: 'queued', worker: null, recoveries: e.recoveries + 1 },
      );
      return requeued.affected ? 'requeued' : 'none';
    });
    if (outcome === 'none') return false;
    this.log.warn(
      `execution ${e.id} of scenario ${e.scenarioId}: ${message}; ${outcome === 'requeued' ? 'it runs again' : dlq ? 'stored as an incomplete execution' : 'it ended in error'}`,
    );
    if (outcome === 'requeued')
      await this.queue.enqueue({
        executionId: e.id,
        scenarioId: e.scenarioId,
        kind: e.incompleteId ? 'retry' : 'run',
        incompleteId: e.incompleteId ?? undefined,
      });
    else
      this.bus.publish({
        type: 'execution.finished',
        executionId: e.id,
        status: dlq ? 'warning' : 'error',
        operations: e.operations,
        durationMs: 0,
      });
    return true;
  }

  // The whole run is retried from its first module with its original input.
  private async storeIncomplete(
    tx: EntityManager,
    e: ExecutionEntity,
    scenario: ScenarioEntity,
    message: string,
    now: number,
  ): Promise<void> {
    const first = (scenario.blueprint as { flow?: Array<{ id: number }> }).flow?.[0];
    if (!first) return;
    const log = await readExecutionLog(tx, e.id);
    const record: IncompleteRecord = {
      moduleId: first.id,
      path: 'flow[0]',
      error: { message, kind: 'transient', type: 'ConnectionError' },
      cycle: 1,
      outputs: {},
      variables: {},
      input: undefined,
      runInput: log?.input ?? undefined,
      retry: { mode: 'backoff' },
    };
    await tx.getRepository(IncompleteExecutionEntity).insert(
      changes<IncompleteExecutionEntity>({
        scenarioId: scenario.id,
        scenarioVersion: e.scenarioVersion,
        executionId: e.id,
        moduleId: first.id,
        record: record as unknown as Record<string, unknown>,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now + 60_000,
        lastError: message,
        size: JSON.stringify(record).length,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }
}
