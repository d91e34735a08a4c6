import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { ExecutionJob, ExecutionQueue, JobHandler } from './queue';

const QUEUE_NAME = 'integrator-executions';

/** ioredis connection options from a redis:// URL (BullMQ wants options, not a client it shares). */
export function redisConnection(url: string): ConnectionOptions {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null, // required by BullMQ workers
  };
}

interface PendingAdd {
  job: ExecutionJob;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** Jobs added in one call at most (one Redis transaction each). */
const MAX_BULK = 500;

/**
 * The execution queue on Redis (distributed mode). The job id is the execution id, so an
 * execution is queued at most once at a time. A worker that dies leaves its job stalled; BullMQ
 * hands it out again and the runner's stall recovery decides what happens to the execution.
 * Jobs enqueued in the same tick (webhook calls under load, a drained hook queue, a recovery)
 * go to Redis in one bulk add: one round trip for all of them instead of one each.
 */
export class BullMqQueue implements ExecutionQueue {
  private readonly queue: Queue;
  private worker?: Worker;
  private adding: PendingAdd[] = [];
  /** Bulk adds sent to Redis (the tests read it: several jobs, one round trip). */
  bulkAdds = 0;

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix = 'integrator',
    private readonly lockMs = 30_000,
  ) {
    // Nobody listens to BullMQ's event stream (the runner publishes its own events): keep it short.
    this.queue = new Queue(QUEUE_NAME, { connection, prefix, streams: { events: { maxLen: 100 } } });
  }

  enqueue(job: ExecutionJob): Promise<void> {
    return new Promise((resolve, reject) => {
      this.adding.push({ job, resolve, reject });
      if (this.adding.length === 1) setImmediate(() => void this.addPending());
    });
  }

  private async addPending(): Promise<void> {
    while (this.adding.length) {
      const batch = this.adding.splice(0, MAX_BULK);
      try {
        this.bulkAdds++;
        await this.queue.addBulk(
          batch.map(({ job }) => ({
            name: 'run',
            data: job,
            opts: { jobId: job.executionId, removeOnComplete: true, removeOnFail: 1000 },
          })),
        );
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
  }

  consume(handler: JobHandler, concurrency: number): void {
    this.worker = new Worker(QUEUE_NAME, (job) => handler(job.data as ExecutionJob, () => undefined), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency,
      // A dead worker's job is noticed within about one lock duration and handed to another worker.
      lockDuration: this.lockMs,
      stalledInterval: Math.max(1000, Math.round(this.lockMs / 2)),
      maxStalledCount: 3,
    });
    this.worker.on('error', () => undefined); // reconnects on its own; errors are logged by the runner
  }

  /** Stops taking jobs and waits for running ones; after the timeout, `onTimeout` (abort) is called. */
  async close(timeoutMs = 30_000, onTimeout?: () => void): Promise<void> {
    if (this.worker) {
      const closing = this.worker.close();
      const timer = setTimeout(() => onTimeout?.(), timeoutMs);
      await closing;
      clearTimeout(timer);
    }
    await this.queue.close();
  }

  async depth(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }
}
