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

/**
 * The execution queue on Redis (distributed mode). The job id is the execution id, so an
 * execution is queued at most once at a time. A worker that dies leaves its job stalled; BullMQ
 * hands it out again and the runner's stall recovery decides what happens to the execution.
 */
export class BullMqQueue implements ExecutionQueue {
  private readonly queue: Queue;
  private worker?: Worker;

  constructor(
    private readonly connection: ConnectionOptions,
    private readonly prefix = 'integrator',
    private readonly lockMs = 30_000,
  ) {
    this.queue = new Queue(QUEUE_NAME, { connection, prefix });
  }

  async enqueue(job: ExecutionJob): Promise<void> {
    await this.queue.add('run', job, { jobId: job.executionId, removeOnComplete: true, removeOnFail: 1000 });
  }

  consume(handler: JobHandler, concurrency: number): void {
    this.worker = new Worker(QUEUE_NAME, (job) => handler(job.data as ExecutionJob), {
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
