import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { EXECUTION_QUEUE, type ExecutionQueue } from '../executions/queue';
import { RunThreads } from '../executions/threads/run-threads';

/**
 * Prometheus metrics of this process: executions by status, operations, queue depth and wait,
 * run durations, webhook requests. One registry per app instance (tests start several).
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();
  readonly executions = new Counter({
    name: 'integrator_executions_total',
    help: 'Finished executions',
    labelNames: ['status', 'trigger'] as const,
    registers: [this.registry],
  });
  readonly operations = new Counter({
    name: 'integrator_operations_total',
    help: 'Operations run by executions',
    registers: [this.registry],
  });
  readonly duration = new Histogram({
    name: 'integrator_execution_duration_seconds',
    help: 'Run duration of executions',
    buckets: [0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600, 2400],
    registers: [this.registry],
  });
  readonly queueWait = new Histogram({
    name: 'integrator_queue_wait_seconds',
    help: 'Time from enqueueing an execution to its start',
    buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [this.registry],
  });
  readonly webhookRequests = new Counter({
    name: 'integrator_webhook_requests_total',
    help: 'Webhook requests by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  constructor(@Inject(EXECUTION_QUEUE) queue: ExecutionQueue, threads: RunThreads) {
    new Gauge({
      name: 'integrator_queue_depth',
      help: 'Jobs waiting in the queue (embedded: one per execution; BullMQ: one or several executions each)',
      registers: [this.registry],
      async collect() {
        this.set(await queue.depth().catch(() => 0));
      },
    });
    let counted = 0;
    new Counter({
      name: 'integrator_thread_runs_total',
      help: 'Executions made on run threads (INTEGRATOR_WORKERS) rather than the main thread',
      registers: [this.registry],
      collect() {
        this.inc(threads.finishedOnThreads - counted);
        counted = threads.finishedOnThreads;
      },
    });
    new Gauge({
      name: 'integrator_run_threads',
      help: 'Run threads started (they start with the first run heavy enough to go to one)',
      registers: [this.registry],
      collect() {
        this.set(threads.started);
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'integrator_process_' });
  }

  observeRun(r: {
    status: string;
    trigger: string;
    operations: number;
    durationMs: number;
    waitMs?: number;
  }): void {
    this.executions.inc({ status: r.status, trigger: r.trigger });
    this.operations.inc(r.operations);
    this.duration.observe(r.durationMs / 1000);
    if (r.waitMs !== undefined && r.waitMs >= 0) this.queueWait.observe(r.waitMs / 1000);
  }
}
