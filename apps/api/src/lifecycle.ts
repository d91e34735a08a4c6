import {
  Inject,
  Injectable,
  Logger,
  type INestApplicationContext,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource } from 'typeorm';
import { ExecutionEntity } from '@integrator/persistence';
import { AuthService } from './auth/auth.service';
import { CLOCK, type ServerClock } from './common/clock';
import { APP_CONFIG, type AppConfig } from './config/app-config';
import { Dispatcher } from './executions/dispatcher';
import { EXECUTION_QUEUE, type ExecutionQueue } from './executions/queue';
import { Recovery } from './executions/recovery';
import { ExecutionRunner } from './executions/runner.service';
import { RunThreads } from './executions/threads/run-threads';

/**
 * Start and stop. Embedded mode: the super user on first start, recovery of what the last run
 * of the process left behind, then in-process workers. Distributed mode: workers send
 * heartbeats, every process sweeps for executions of dead workers. On SIGTERM a worker stops
 * taking jobs and lets running ones finish within the shutdown timeout, then stops them cleanly.
 */
@Injectable()
export class Lifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Lifecycle');
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: ServerClock,
    @Inject(EXECUTION_QUEUE) private readonly queue: ExecutionQueue,
    private readonly auth: AuthService,
    private readonly runner: ExecutionRunner,
    private readonly recovery: Recovery,
    private readonly dispatcher: Dispatcher,
    private readonly threads: RunThreads,
  ) {}

  private get distributed(): boolean {
    return Boolean(this.config.databaseUrl && this.config.redisUrl);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.auth.ensureSuperUser();
    if (this.distributed) {
      this.every(this.config.recovery.sweepMs, async () => {
        await this.recovery.recoverStalled();
        await this.dispatcher.sweep(this.clock.now());
      });
    }
    if (!this.config.runWorkers) return;
    if (this.distributed) {
      await this.recovery.heartbeat();
      this.every(this.config.recovery.heartbeatMs, () => this.recovery.heartbeat());
    } else {
      // One process: whatever it left running died with it.
      const recovered = await this.recovery.recoverStalled({ everyWorker: true });
      if (recovered)
        this.log.warn(`${recovered} execution(s) were running when the server stopped; recovered`);
      await this.requeue();
    }
    this.queue.consume((job, release) => this.runner.handle(job, release), this.config.concurrency);
  }

  async onApplicationShutdown(signal?: string): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    if (signal)
      this.log.log(`${signal}: finishing running executions (at most ${this.config.shutdownTimeoutMs} ms)`);
    await this.queue.close(this.config.shutdownTimeoutMs, () => this.runner.abortAll());
    await this.threads.close(); // after the queue: the runs it waited for may be on them
    if (this.config.runWorkers && this.distributed) await this.recovery.forget().catch(() => undefined);
  }

  private async requeue(): Promise<void> {
    const queued = await this.db.getRepository(ExecutionEntity).find({
      where: { status: 'queued', finishedAt: IsNull() },
      select: { id: true, scenarioId: true, incompleteId: true },
      order: { createdAt: 'ASC' },
    });
    for (const e of queued) {
      await this.queue.enqueue({
        executionId: e.id,
        scenarioId: e.scenarioId,
        kind: e.incompleteId ? 'retry' : 'run',
        incompleteId: e.incompleteId ?? undefined,
      });
    }
  }

  private every(ms: number, fn: () => Promise<unknown>): void {
    const timer = setInterval(() => void fn().catch((err: Error) => this.log.warn(err.message)), ms);
    timer.unref();
    this.timers.push(timer);
  }
}

/**
 * SIGTERM, SIGINT and SIGHUP stop the process gracefully (the shutdown hooks above), and it then
 * exits with 0 itself. By default Nest re-raises the signal after its hooks, so the exit code
 * depended on whether anything still held the event loop at that moment: 0 when nothing did,
 * the signal when something did.
 */
export function stopGracefullyOnSignals(app: INestApplicationContext): void {
  app.enableShutdownHooks([], { useProcessExit: true });
}
