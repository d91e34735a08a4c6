import { storedLog } from './log-codec';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HotSql, type Statements } from '@integrator/persistence';
import { EXECUTION_QUEUE, InProcessQueue, type ExecutionQueue } from './queue';
import { takesLongPath, type ResultToRecord } from './record-result';
import { storedSize } from '../retention/retention-sql';

/**
 * A new execution whose rows are not written yet: they go with the next group commit. A class
 * with every field set at construction: each run makes one, and one shape for all keeps their
 * reads and writes (claim, finish, the commit) on V8's fast path.
 */
class PendingRun {
  readonly id: string;
  readonly scenarioId: number;
  readonly version: number;
  readonly trigger: string;
  readonly createdAt: number;
  input: string | null;
  /** Set by the claim: the run started before its rows were written. */
  startedAt: number | undefined = undefined;
  worker: string | undefined = undefined;
  /** Set when the run ended before its rows were written: one insert holds it all. */
  result: ResultToRecord | undefined = undefined;
  /** Settles when the rows are committed (or the commit failed); set by store() at once. */
  written!: Promise<void>;
  /** What its rows add to the stored total (set when they are built; 0 while it runs). */
  size = 0;

  constructor(run: NewRun) {
    this.id = run.id;
    this.scenarioId = run.scenarioId;
    this.version = run.version;
    this.trigger = run.trigger;
    this.createdAt = run.createdAt;
    this.input = run.input === undefined || run.input === null ? null : JSON.stringify(run.input);
  }

  /**
   * Its rows are built: it lets go of the run's data. Something may still point at this object
   * after its commit without the collector seeing that the pointer is dead (a collected-to-be
   * object in the old generation: V8's scavenges keep what those point at until the next full
   * collection). Holding the result, this object kept whole runs (the request, the engine's
   * objects, the module logs) alive past their scavenge, and they were promoted and collected
   * again: cut here, 1.3–2.6 → 0.8 KB promoted per run and about 10 % less CPU per execution
   * (docs/BENCHMARKS.md, "What kept run data alive past a scavenge").
   */
  built(): void {
    this.result = undefined;
    this.input = null;
  }
}

export interface NewRun {
  id: string;
  scenarioId: number;
  version: number;
  trigger: string;
  createdAt: number;
  input: unknown;
}

// One row per run, its log included (migration ExecutionLogsInline).
const INSERT_QUEUED =
  'INSERT INTO executions ("id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "startedAt", "worker", "input") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';
const INSERT_FINISHED =
  'INSERT INTO executions ("id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "startedAt", "worker", "finishedAt", "durationMs", "operations", "cycles", "dataSize", "error", "warnings", "storedBytes", "modules", "input", "response", "confidential") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
// The size is stored with the run; retention's total (kept by triggers on updates and deletes)
// gets the sizes of a commit's new runs in one statement (a tally: HotSql.runMany).
const ADD_TO_TOTAL = 'UPDATE execution_totals SET "storedBytes" = "storedBytes" + ? WHERE "id" = 1';
/** The longest a group commit waits for results being made on run threads. */
const HOLD_MS = 2;
const LAST_RUN =
  'UPDATE scenarios SET "lastExecutionId" = ?, "lastStatus" = ?, "lastRunAt" = ? WHERE "id" = ? AND ("lastRunAt" IS NULL OR "lastRunAt" <= ?)';

/**
 * One durable write per short execution (embedded mode: SQLite and the in-process queue). A new
 * run is queued in memory at once and its rows are built when the group commit happens: a run
 * that is claimed and finishes before that (a webhook answered in microseconds) is written once,
 * claim, input, module log and result together, instead of an insert, a claim update and a
 * result update. A run still going at the commit is written as running and its result follows
 * as an update. Whoever stored it waits for the commit before acknowledging (the input is durable).
 *
 * Elsewhere (PostgreSQL, or BullMQ where another process claims from the database) every run is
 * written before it is queued, as before: `enabled` is false.
 */
@Injectable()
export class PendingRuns {
  readonly enabled: boolean;
  private readonly sql: HotSql;
  private readonly runs = new Map<string, PendingRun>();
  /** The latest finished run per scenario among merged results, for its "last run" columns. */
  private lastRuns = new Map<number, ResultToRecord>();
  private lastRunsWritten?: Promise<void>;

  constructor(@InjectDataSource() db: DataSource, @Inject(EXECUTION_QUEUE) queue: ExecutionQueue) {
    this.sql = new HotSql(db);
    this.enabled = db.options.type !== 'postgres' && queue instanceof InProcessQueue;
    this.sql.beforeCommit = () => this.holdForThreads();
  }

  /** Pending runs being made on a run thread: their results are a message away. */
  private readonly onThreads = new Set<string>();
  private releaseHold?: () => void;

  /** The run is being made on a run thread (the next commit waits a little for its result). */
  runningOnThread(id: string): void {
    if (this.runs.has(id)) this.onThreads.add(id);
  }

  // A run on a thread finishes a message round trip after its claim, usually after the commit
  // its rows were queued for: without a wait it would cost an insert and then a result update
  // (measured: a third more main-thread CPU per run). The commit waits until those results are
  // in, at most HOLD_MS: a long run (a wait, a slow request) is written as running, as ever.
  private holdForThreads(): Promise<void> | undefined {
    if (!this.onThreads.size) return undefined;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.releaseHold = undefined;
        resolve();
      };
      const timer = setTimeout(done, HOLD_MS);
      this.releaseHold = done;
    });
  }

  /** Adds the run to the next group commit; resolves once its rows are committed. */
  store(run: NewRun): Promise<void> {
    const pending = new PendingRun(run);
    this.runs.set(run.id, pending);
    const written = this.sql.runMany(
      () => {
        this.runs.delete(run.id);
        this.onThreads.delete(run.id);
        const statements = statementsOf(pending);
        pending.built();
        return statements;
      },
      { sql: ADD_TO_TOTAL, amount: () => pending.size },
    );
    pending.written = written;
    // The caller of store() sees a failure; the runner only waits for the commit to be over.
    written.catch(() => undefined);
    return written;
  }

  /** Claims a run not written yet (true), or says it is not ours to claim in memory (false). */
  claim(id: string, now: number, worker: string): boolean {
    const pending = this.runs.get(id);
    if (!pending || pending.startedAt !== undefined) return false;
    pending.startedAt = now;
    pending.worker = worker;
    return true;
  }

  /**
   * Puts a finished run's result into its not-yet-written rows. Returns the promise of that
   * commit, or undefined when the rows are written already (or the result needs the long path:
   * incomplete executions, error counting), which the caller then records with updates.
   */
  finish(record: ResultToRecord): Promise<void> | undefined {
    if (this.onThreads.delete(record.execution.id) && !this.onThreads.size) this.releaseHold?.();
    const pending = this.runs.get(record.execution.id);
    if (!pending || takesLongPath(record)) return undefined;
    pending.result = record;
    const seen = this.lastRuns.get(record.scenario.id);
    if (!seen || seen.result.finishedAt <= record.result.finishedAt)
      this.lastRuns.set(record.scenario.id, record);
    // Pushed after the run's own group: it lands in the same commit, or the next one.
    this.lastRunsWritten ??= this.sql.runMany(() => {
      const latest = [...this.lastRuns.values()];
      this.lastRuns = new Map();
      this.lastRunsWritten = undefined;
      return latest.map((r): [string, unknown[]] => [
        LAST_RUN,
        [r.execution.id, r.result.status, r.result.finishedAt, r.scenario.id, r.result.finishedAt],
      ]);
    });
    return Promise.all([pending.written, this.lastRunsWritten]).then(() => undefined);
  }

  /** Resolves once the run's rows are committed (at once when they are not pending). */
  async written(id: string): Promise<void> {
    await this.runs.get(id)?.written.catch(() => undefined);
  }
}

function statementsOf(p: PendingRun): Statements {
  const started = p.startedAt ?? null;
  const worker = p.worker ?? null;
  if (!p.result) {
    return [
      [
        INSERT_QUEUED,
        [
          p.id,
          p.scenarioId,
          p.version,
          started === null ? 'queued' : 'running',
          p.trigger,
          p.createdAt,
          started,
          worker,
          p.input,
        ],
      ],
    ];
  }
  const result = p.result.result;
  // Confidential runs keep no bundle data: no input, no response (as record-result does).
  const confidential = Boolean(result.confidential);
  // The same compact form as every other stored log (log-codec): the reader expects it.
  const log = storedLog(result, p.result.input);
  const error = result.error ? JSON.stringify(result.error) : null;
  const warnings = result.warnings.length ? JSON.stringify(result.warnings) : null;
  const input = confidential ? null : p.input;
  // What retention's LIVE_BYTES reads from these rows, counted here instead of by a later pass.
  const size = storedSize([error, warnings, log.modules, input, log.response]);
  p.size = size;
  return [
    [
      INSERT_FINISHED,
      [
        p.id,
        p.scenarioId,
        p.version,
        result.status,
        p.trigger,
        p.createdAt,
        started,
        worker,
        result.finishedAt,
        result.durationMs,
        result.operations,
        result.cycles,
        result.dataSize,
        error,
        warnings,
        size,
        log.modules,
        input,
        log.response,
        confidential,
      ],
    ],
  ];
}
