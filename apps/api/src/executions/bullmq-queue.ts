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

/** What a Redis job carries: one run, or the runs enqueued in the same tick. */
type JobData = ExecutionJob | { runs: ExecutionJob[] };

/** Jobs added in one call at most (one Redis transaction each). */
const MAX_BULK = 500;
/** Runs in one job at most. */
const MAX_RUNS_PER_JOB = 16;

/**
 * The execution queue on Redis (distributed mode). A worker that dies leaves its job stalled;
 * BullMQ hands it out again and the runner's stall recovery decides what happens to the
 * execution. Runs enqueued in the same tick (webhook calls under load, a drained hook queue, a
 * recovery) travel together: up to 16 in one job, all the jobs of the tick in one bulk add.
 * BullMQ's work (about 30 Redis commands, its scripts and their round trips from the API and the
 * worker) is per job, so a job of several runs costs each run a fraction of it (issue 14).
 * A job of one run has the execution id as its job id, so it is queued at most once at a time;
 * a run may still be in a job twice (a sweep queues it again while a job of several holds it):
 * the claim in the database makes sure it runs once, as for a job handed out again after a stall.
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
      const batch = this.adding.splice(0, MAX_BULK * MAX_RUNS_PER_JOB);
      const jobs = [];
      for (let i = 0; i < batch.length; i += MAX_RUNS_PER_JOB) {
        const runs = batch.slice(i, i + MAX_RUNS_PER_JOB).map((p) => p.job);
        const opts = { removeOnComplete: true, removeOnFail: 1000 };
        jobs.push(
          runs.length === 1
            ? {
                name: 'run',
                data: runs[0] as JobData,
                opts: Object.assign({}, opts, { jobId: runs[0].executionId }),
              }
            : { name: 'runs', data: { runs } as JobData, opts },
        );
      }
      try {
        this.bulkAdds++;
        await this.queue.addBulk(jobs);
        for (const p of batch) p.resolve();
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
  }

  consume(handler: JobHandler, concurrency: number): void {
    // `concurrency` runs at once, however they are grouped in jobs.
    const slots = new RunSlots(concurrency);
    const runAll = async (data: JobData) => {
      const runs = 'runs' in data ? data.runs : [data];
      const settled = await Promise.allSettled(
        runs.map((run) => slots.run((release) => handler(run, release))),
      );
      const failed = settled.find((s) => s.status === 'rejected');
      if (failed) throw failed.reason; // the job fails, as a job of that run alone would
    };
    this.worker = new Worker(QUEUE_NAME, (job) => runAll(job.data as JobData), {
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

  /** Jobs waiting (not runs: a job carries one run, or up to 16 enqueued together). */
  async depth(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'prioritized');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }
}

/** At most `size` runs at once; a run's slot is freed when it settles or calls `release`. */
class RunSlots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = Math.max(1, size);
  }

  async run(task: (release: () => void) => Promise<void>): Promise<void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      const next = this.waiting.shift();
      if (next)
        next(); // the slot goes straight to the next run
      else this.free++;
    };
    try {
      await task(release);
    } finally {
      release();
    }
  }
}
