import { Inject, Injectable, Logger } from '@nestjs/common';
import { extname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { CompiledScenario, RunEvent, RunResult, RunStop } from '@integrator/engine';
import type { Logger as Pino } from 'pino';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { engineLogger, PINO } from '../../observability/logger';
import { useStoredLog } from '../log-codec';
import { RUNTIME_SERVICES, type RuntimeServices } from '../runtime-services';
import { errorOut, revive, type FromThread, type ThreadRunOptions, type ToThread } from './messages';
import { threadApps } from './thread-apps';

/** Module keys a run thread knows (thread-apps.ts). */
const THREAD_KEYS = new Set(threadApps.flatMap((app) => app.modules.map((m) => m.key)));
/** Compiled versions a thread keeps; past it the main thread tells it to drop the oldest. */
const KEPT_VERSIONS = 200;

interface InFlight {
  resolve: (out: { result: RunResult; finished?: RunEvent }) => void;
  reject: (err: Error) => void;
  onEvent: (event: RunEvent) => void;
}

/** One run thread as the main thread sees it. */
class RunThread {
  ready = false;
  readonly runs = new Map<string, InFlight>();
  /** Scenario versions whose blueprint this thread has, oldest first. */
  readonly versions = new Set<string>();
  /** Messages to send at the end of this turn of the event loop, in one postMessage. */
  outbox: ToThread[] = [];
  constructor(readonly worker: Worker) {}

  post(message: ToThread): void {
    if (this.outbox.push(message) === 1) setImmediate(this.flush);
  }

  // One message per turn carries every run handed over in it: a postMessage has a fixed cost
  // (a copy and a wake-up of the thread) that a message per run paid for each.
  private readonly flush = () => {
    const out = this.outbox;
    this.outbox = [];
    try {
      this.worker.postMessage(out);
    } catch {
      for (const message of out) this.sendAlone(message);
    }
  };

  // A run or a service's answer that cannot be copied to the thread fails alone.
  private sendAlone(message: ToThread): void {
    try {
      this.worker.postMessage([message]);
    } catch (err) {
      const why = `cannot be passed to the run thread: ${(err as Error).message}`;
      if (message.t === 'reply')
        this.worker.postMessage([
          { t: 'reply', n: message.n, ok: false, error: { name: 'Error', message: `the answer ${why}` } },
        ]);
      else if (message.t === 'run') {
        const id = message.options.executionId;
        this.runs.get(id)?.reject(new Error(`the run's input ${why}`));
        this.runs.delete(id);
      }
    }
  }
}

/**
 * The pool of run threads (embedded mode, `INTEGRATOR_WORKERS`, by default one per core beyond
 * the first two). The main thread keeps HTTP, SQLite (the one writer) and everything stateful; a run
 * whose modules all come from thread-apps.ts and use no connection is made on a thread, and only
 * its input, its result with the stored log already encoded, and the events others follow cross.
 * Threads start with the first such run; until one is ready runs stay on the main thread.
 */
@Injectable()
export class RunThreads {
  private readonly log = new Logger('RunThreads');
  private readonly threads: RunThread[] = [];
  private readonly size: number;
  private closed = false;
  private readonly fits = new WeakMap<CompiledScenario, boolean>();
  /** Each scenario version's recent run time (ms, moving average), wherever it ran. */
  private readonly weights = new WeakMap<CompiledScenario, number>();
  private readonly minMs: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(RUNTIME_SERVICES) private readonly services: RuntimeServices,
    @Inject(PINO) private readonly pino: Pino,
  ) {
    // A pinned clock (tests) cannot cross to a thread: those runs stay on the main thread.
    this.size = config.now ? 0 : config.runThreads;
    this.minMs = config.runThreadMinMs ?? 1;
  }

  /** Heavy runs the main thread is making now (it takes some when the threads have a backlog). */
  private heavyOnMain = 0;

  /**
   * Where this run is made. Handing a run over costs the main thread about what a short run
   * costs (copies, a wake-up, the result coming back: docs/BENCHMARKS.md), so only scenarios
   * whose runs take at least `minMs` on average go: heavy mappings, long iterations, runs that
   * wait on requests. A scenario's first runs are made on the main thread, which measures them.
   * When every thread already has a backlog, the main thread takes a heavy run too, so that
   * heavy work uses every core ('main-heavy': call leftMain() when it ends). Threads start with
   * the first run that could go; until one is ready runs stay on the main thread.
   */
  place(compiled: CompiledScenario): 'thread' | 'main' | 'main-heavy' {
    if (!this.size || this.closed || !this.fitsThread(compiled)) return 'main';
    if (this.minMs > 0 && !((this.weights.get(compiled) ?? 0) >= this.minMs)) return 'main';
    if (!this.threads.length) this.start();
    let least = Infinity;
    for (const t of this.threads) if (t.ready && t.runs.size < least) least = t.runs.size;
    if (least === Infinity) return 'main';
    if (least < 2 || this.heavyOnMain >= 2 || this.mainBusy() >= 0.5) return 'thread';
    this.heavyOnMain++;
    return 'main-heavy';
  }

  // The main thread's event-loop utilisation over the last 100 ms or so: it takes a heavy run
  // only while it is mostly idle (the threads have the backlog, HTTP and SQLite leave room).
  private elu = performance.eventLoopUtilization();
  private eluAt = 0;
  private busy = 1;
  private mainBusy(): number {
    const now = performance.now();
    if (now - this.eluAt >= 100) {
      const current = performance.eventLoopUtilization();
      this.busy = performance.eventLoopUtilization(current, this.elu).utilization;
      this.elu = current;
      this.eluAt = now;
    }
    return this.busy;
  }

  /** A heavy run placed on the main thread ended. */
  leftMain(): void {
    this.heavyOnMain--;
  }

  /** Whether place() sends this run to a thread (tests). */
  takes(compiled: CompiledScenario): boolean {
    const where = this.place(compiled);
    if (where === 'main-heavy') this.leftMain();
    return where === 'thread';
  }

  /** Records how long a run of this scenario version took (on either side). */
  observe(compiled: CompiledScenario, durationMs: number): void {
    if (!this.size) return;
    const seen = this.weights.get(compiled);
    this.weights.set(compiled, seen === undefined ? durationMs : seen * 0.8 + durationMs * 0.2);
  }

  /** Runs on the least busy ready thread; `stop` reaches it there. */
  run(
    key: string,
    blueprint: unknown,
    options: ThreadRunOptions,
    stop: RunStop,
    onEvent: (event: RunEvent) => void,
  ): Promise<{ result: RunResult; finished?: RunEvent }> {
    const thread = this.pick();
    const id = options.executionId;
    let sendBlueprint = false;
    if (!thread.versions.has(key)) {
      sendBlueprint = true;
      thread.versions.add(key);
      if (thread.versions.size > KEPT_VERSIONS) {
        const oldest = thread.versions.values().next().value!;
        thread.versions.delete(oldest);
        this.post(thread, { t: 'forget', key: oldest });
      }
    }
    return new Promise((resolve, reject) => {
      thread.runs.set(id, { resolve, reject, onEvent });
      stop.forward = () => this.post(thread, { t: 'stop', id });
      this.post(thread, { t: 'run', key, blueprint: sendBlueprint ? blueprint : undefined, options });
    });
  }

  /** Stops the threads (after the queue has drained at shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }

  /** Runs finished on a thread since the start (metrics, tests). */
  finishedOnThreads = 0;

  /** Threads started and not stopped (metrics). */
  get started(): number {
    return this.threads.length;
  }

  private fitsThread(compiled: CompiledScenario): boolean {
    let fits = this.fits.get(compiled);
    if (fits === undefined) {
      fits = [...compiled.modules.values()].every(
        (m) =>
          THREAD_KEYS.has(m.key) && !hasValue(m.parameters.connection) && !hasValue(m.parameters.__IMTCONN__),
      );
      this.fits.set(compiled, fits);
    }
    return fits;
  }

  private pick(): RunThread {
    let best: RunThread | undefined;
    for (const t of this.threads) if (t.ready && (!best || t.runs.size < best.runs.size)) best = t;
    if (!best) throw new Error('no run thread is ready'); // place() said one was
    return best;
  }

  private start(): void {
    for (let i = 0; i < this.size; i++) this.threads.push(this.spawn());
    this.log.log(`${this.size} run thread(s) starting`);
  }

  private spawn(): RunThread {
    const worker = threadWorker({
      services: Object.keys(this.services),
      levels: (['debug', 'info', 'warn', 'error'] as const).filter((l) => this.pino.isLevelEnabled(l)),
    });
    worker.unref(); // the queue's shutdown waits for runs; an idle thread keeps nothing alive
    const thread = new RunThread(worker);
    worker.on('message', (messages: FromThread[]) => {
      for (const message of messages) this.receive(thread, message);
    });
    worker.on('error', (err) => this.log.error(`a run thread failed: ${err.stack ?? err.message}`));
    worker.on('exit', (code) => this.exited(thread, code));
    return thread;
  }

  // Its runs end in error (the result is lost with the thread) and a new thread takes its place.
  private exited(thread: RunThread, code: number): void {
    const wasReady = thread.ready;
    thread.ready = false;
    for (const run of thread.runs.values())
      run.reject(new Error(`the run thread stopped (exit code ${code}) during the run`));
    thread.runs.clear();
    const at = this.threads.indexOf(thread);
    if (at < 0 || this.closed) return;
    if (wasReady) return void (this.threads[at] = this.spawn());
    // One that never started would not start again: runs stay on the main thread, said once.
    this.threads.splice(at, 1);
    if (!this.threads.length) {
      this.closed = true;
      this.log.error('the run threads could not start: every run stays on the main thread');
    }
  }

  private receive(thread: RunThread, message: FromThread): void {
    switch (message.t) {
      case 'ready':
        thread.ready = true;
        return;
      case 'event':
        return thread.runs.get(message.id)?.onEvent(revive(message.event));
      case 'log':
        return engineLogger(this.pino, message.id, message.scenarioId)[message.level](
          message.message,
          message.data,
        );
      case 'call':
        return void this.call(thread, message);
      case 'done': {
        const run = thread.runs.get(message.id);
        thread.runs.delete(message.id);
        const result = message.result;
        result.response = revive(result.response);
        result.incomplete = revive(result.incomplete);
        useStoredLog(result, message.stored);
        this.finishedOnThreads++;
        return run?.resolve({ result, finished: message.finished });
      }
      case 'failed': {
        const run = thread.runs.get(message.id);
        thread.runs.delete(message.id);
        return run?.reject(new Error(message.message));
      }
    }
  }

  private async call(thread: RunThread, m: Extract<FromThread, { t: 'call' }>): Promise<void> {
    try {
      const service = (this.services as Record<string, Record<string, unknown> | undefined>)[m.service];
      const method = service?.[m.method];
      if (typeof method !== 'function')
        throw new Error(`the service ${m.service}.${m.method} does not exist`);
      const value: unknown = await (method as (...a: unknown[]) => unknown).apply(service, revive(m.args));
      this.post(thread, { t: 'reply', n: m.n, ok: true, value });
    } catch (err) {
      this.post(thread, { t: 'reply', n: m.n, ok: false, error: errorOut(err) });
    }
  }

  private post(thread: RunThread, message: ToThread): void {
    thread.post(message);
  }
}

const hasValue = (v: unknown) => v !== undefined && v !== null && v !== '';

/**
 * Starts run-thread: the compiled file in a build; under TypeScript (tests, the bench) through
 * tsx, which the thread registers itself (path aliases from tsconfig.json).
 */
function threadWorker(workerData: unknown): Worker {
  const file = join(__dirname, `run-thread${extname(__filename)}`);
  if (extname(__filename) === '.js') return new Worker(file, { workerData });
  const code = `require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`;
  return new Worker(code, { eval: true, workerData });
}
