import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ExecutionEntity } from '@integrator/persistence';
import { AuthService } from './auth/auth.service';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { EXECUTION_QUEUE, type ExecutionQueue } from './executions/queue';
import { ExecutionRunner } from './executions/runner.service';

/**
 * Start and stop: the super user on first start, workers in embedded mode, and recovery of
 * runs that were queued or running when the process last stopped (none is ever lost).
 */
@Injectable()
export class Lifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Lifecycle');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EXECUTION_QUEUE) private readonly queue: ExecutionQueue,
    private readonly auth: AuthService,
    private readonly runner: ExecutionRunner,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.auth.ensureSuperUser();
    if (!this.config.runWorkers) return;
    await this.recover();
    this.queue.consume((job) => this.runner.handle(job), this.config.concurrency);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.queue.close(10_000);
  }

  // Embedded mode has one process: whatever it left running died with it, so it runs again.
  private async recover(): Promise<void> {
    const repo = this.db.getRepository(ExecutionEntity);
    const stalled = await repo.update({ status: 'running' }, { status: 'queued', worker: null });
    const queued = await repo.find({ where: { status: 'queued' }, select: { id: true, scenarioId: true, createdAt: true, incompleteId: true }, order: { createdAt: 'ASC' } });
    if (stalled.affected) this.log.warn(`${stalled.affected} execution(s) were running when the server stopped; they run again`);
    for (const e of queued) {
      await this.queue.enqueue({ executionId: e.id, scenarioId: e.scenarioId, kind: e.incompleteId ? 'retry' : 'run', incompleteId: e.incompleteId ?? undefined });
    }
  }
}
