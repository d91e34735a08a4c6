/** A job for the workers: run a new execution, or retry an incomplete one. */
export interface ExecutionJob {
  executionId: string;
  scenarioId: number;
  kind: 'run' | 'retry';
  incompleteId?: number;
  /** Enqueue time, for the wait-time metric. */
  enqueuedAt?: number;
  /**
   * What the runner would otherwise read back from the database: set when the job is made
   * right after its row (the usual case), absent when a sweep or a recovery queues it again.
   */
  row?: {
    version: number;
    trigger: string;
    createdAt: number;
    input: unknown;
    /** The run uses the unsaved blueprint stored in its execution log (not carried in the job). */
    draft?: boolean;
  };
}

/**
 * Runs one job. `release` (optional to call) frees the job's concurrency slot before the
 * returned promise settles: a run whose result only waits for its commit holds no slot.
 */
export type JobHandler = (job: ExecutionJob, release: () => void) => Promise<void>;

/**
 * One queue interface, two implementations: in-process (embedded mode, the default) and
 * BullMQ on Redis (distributed mode). The database row is the durable record of every job:
 * a queued execution survives a restart and is enqueued again on start.
 */
export interface ExecutionQueue {
  enqueue(job: ExecutionJob): Promise<void>;
  /** Starts consuming with at most `concurrency` jobs at once. */
  consume(handler: JobHandler, concurrency: number): void;
  /** Stops taking jobs and waits for running ones; past the timeout `onTimeout` asks them to stop. */
  close(timeoutMs?: number, onTimeout?: () => void): Promise<void>;
  depth(): Promise<number>;
}

export const EXECUTION_QUEUE = Symbol('EXECUTION_QUEUE');

export class InProcessQueue implements ExecutionQueue {
  private readonly waiting: ExecutionJob[] = [];
  private handler?: JobHandler;
  private concurrency = 1;
  /** Jobs holding a slot (running). */
  private running = 0;
  /** Jobs not settled yet, slot or not: close() and whenIdle() wait for these. */
  private unsettled = 0;
  private closed = false;
  private readonly idle = new Set<() => void>();

  async enqueue(job: ExecutionJob): Promise<void> {
    if (this.closed) throw new Error('the queue is closed');
    this.waiting.push(job);
    this.pump();
  }

  consume(handler: JobHandler, concurrency: number): void {
    this.handler = handler;
    this.concurrency = Math.max(1, concurrency);
    this.pump();
  }

  async close(timeoutMs = 30_000, onTimeout?: () => void): Promise<void> {
    this.closed = true;
    if (this.unsettled === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => onTimeout?.(), timeoutMs);
      this.idle.add(() => {
        if (this.unsettled > 0) return;
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async depth(): Promise<number> {
    return this.waiting.length;
  }

  /** Resolves once nothing waits or runs (tests use it instead of sleeping). */
  whenIdle(): Promise<void> {
    if (this.unsettled === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => {
        if (this.unsettled === 0 && this.waiting.length === 0) {
          this.idle.delete(check);
          resolve();
        }
      };
      this.idle.add(check);
    });
  }

  private pump(): void {
    while (this.handler && !this.closed && this.running < this.concurrency && this.waiting.length) {
      const job = this.waiting.shift()!;
      this.running++;
      this.unsettled++;
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        this.running--;
        this.pump();
      };
      this.handler(job, release)
        .catch(() => undefined) // the handler records its own failures on the execution
        .finally(() => {
          this.unsettled--;
          release();
          if (this.unsettled === 0) for (const done of this.idle) done();
        });
    }
  }
}
