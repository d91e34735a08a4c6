import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, LessThan, type DataSource } from 'typeorm';
import { ExecutionEntity } from '@integrator/persistence';
import { nextQueued } from './claim';
import { EXECUTION_QUEUE, type ExecutionQueue } from './queue';
import { ExecutionRunner } from './runner.service';

type IdleListener = (scenarioId: number) => void | Promise<void>;

/**
 * Moves waiting work forward when a scenario becomes free: the next queued run of a sequential
 * scenario, and whatever features wait on it (a webhook queue draining in order). A periodic
 * sweep catches anything a crash or a lost message left queued.
 */
@Injectable()
export class Dispatcher {
  private readonly log = new Logger('Dispatcher');
  private readonly listeners: IdleListener[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(EXECUTION_QUEUE) private readonly queue: ExecutionQueue,
    runner: ExecutionRunner,
  ) {
    runner.onIdle = (scenarioId) => void this.kick(scenarioId);
  }

  onIdle(listener: IdleListener): void {
    this.listeners.push(listener);
  }

  async kick(scenarioId: number): Promise<void> {
    try {
      const next = await nextQueued(this.db, scenarioId);
      if (next)
        await this.queue.enqueue({
          executionId: next.id,
          scenarioId,
          kind: next.incompleteId ? 'retry' : 'run',
          incompleteId: next.incompleteId ?? undefined,
        });
      for (const listener of this.listeners) await listener(scenarioId);
    } catch (err) {
      this.log.warn(`could not move scenario ${scenarioId} forward: ${(err as Error).message}`);
    }
  }

  /**
   * Runs queued for a while (a process died between storing and queueing, a message was lost)
   * are queued again; a run can be queued twice, the claim makes sure it runs once.
   */
  async sweep(now: number, olderThanMs = 30_000): Promise<void> {
    const stuck = await this.db.getRepository(ExecutionEntity).find({
      where: { status: 'queued', finishedAt: IsNull(), createdAt: LessThan(now - olderThanMs) },
      select: { id: true, scenarioId: true, incompleteId: true },
      order: { createdAt: 'ASC' },
      take: 500,
    });
    for (const e of stuck) {
      await this.queue.enqueue({
        executionId: e.id,
        scenarioId: e.scenarioId,
        kind: e.incompleteId ? 'retry' : 'run',
        incompleteId: e.incompleteId ?? undefined,
      });
    }
  }
}
