import { Worker } from 'node:worker_threads';

/** What the checkpointing thread has done since it started (tests and benchmarks read it). */
export interface CheckpointStats {
  /** PASSIVE checkpoints run by the thread. */
  checkpoints: number;
  /** Frames they copied into the database file. */
  framesCopied: number;
  /** Times the main connection's writes were held back for a checkpoint (see `pauseAfterFrames`). */
  pauses: number;
  /** Milliseconds they were held back in all, and at most at once (the last copy, from the lock taken). */
  pausedMs: number;
  longestPauseMs: number;
  /** Frames in the write-ahead log at the last checkpoint, and the most seen. */
  walFrames: number;
  maxWalFrames: number;
}

export interface CheckpointerOptions {
  /** How often the thread checkpoints, ms. */
  everyMs?: number;
  /**
   * Frames in the log past which the writes are held back for one checkpoint. The log restarts
   * from its beginning only when a write starts after a checkpoint that copied every frame;
   * with commits landing while the thread copies, that may never happen and the log would grow
   * without end. So, past this size, the main side stops writing (it keeps serving, its writes
   * wait in the group commit), the thread copies the last frames, and the next write restarts
   * the log. SQLite's own automatic checkpoint runs at 1,000 pages.
   */
  pauseAfterFrames?: number;
}

/**
 * The thread's code (CommonJS, run with `eval`: the API is built with tsc and tested with
 * ts-jest, so there is no separate script file to point a Worker at). better-sqlite3 is
 * required by the absolute path the main thread resolved.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON'); // as on the main connection, for the statements it applies
const stats = { checkpoints: 0, framesCopied: 0, pauses: 0, pausedMs: 0, longestPauseMs: 0, walFrames: 0, maxWalFrames: 0 };
let copied = 0; // frames of the current log already copied (the log restarts: it goes down)
let lastLog = 0;
let pausing = false;
let pauseFrom = 0; // after a pause that could not finish (a reader), wait for the log to double
let warned = false;

// PASSIVE never waits for a lock: writers carry on meanwhile (and readers are never blocked).
function checkpoint() {
  const [r] = db.pragma('wal_checkpoint(PASSIVE)');
  if (r.busy || r.log < 0) return null; // another checkpoint is running (or no WAL yet)
  stats.checkpoints++;
  // Below what was copied last time the log has restarted, and copying began again at 0.
  stats.framesCopied += r.checkpointed >= copied ? r.checkpointed - copied : r.checkpointed;
  copied = r.checkpointed;
  stats.walFrames = r.log;
  stats.maxWalFrames = Math.max(stats.maxWalFrames, r.log);
  return r;
}

function tick() {
  if (pausing) return;
  const r = checkpoint();
  if (!r) return;
  const grew = r.log > lastLog;
  lastLog = r.log;
  if (r.log < workerData.pauseAfterFrames) {
    warned = false;
    pauseFrom = 0;
    return;
  }
  // Large and still growing: commits landed while the thread copied, the log never restarted.
  if (grew && r.log >= pauseFrom) {
    pausing = true;
    parentPort.postMessage({ pause: true });
  }
}

// The main side holds its writes back now: copy what is left, with no commit landing meanwhile.
function paused() {
  const start = performance.now();
  const r = checkpoint();
  const ms = performance.now() - start;
  stats.pauses++;
  stats.pausedMs += ms;
  stats.longestPauseMs = Math.max(stats.longestPauseMs, ms);
  pausing = false;
  parentPort.postMessage({ resume: true });
  if (r && r.checkpointed < r.log) {
    pauseFrom = 2 * r.log; // a reader holds an old snapshot: no checkpoint can copy past it
    if (!warned && r.log >= 4 * workerData.pauseAfterFrames) {
      warned = true;
      parentPort.postMessage({ warn: 'the write-ahead log holds ' + r.log + ' frames a reader keeps from being copied' });
    }
  }
}

// An error (a full disk, say) is reported and the next tick tries again.
const guarded = (fn) => () => {
  try {
    fn();
  } catch (err) {
    pausing = false;
    parentPort.postMessage({ warn: 'checkpoint failed: ' + err.message });
  }
};
// The log copied whole and cut to nothing, for the main side (it holds its writes meanwhile).
// Busy while another connection reads an old snapshot: tried again shortly, 100 times at most.
function truncate(attempt) {
  let busy = true;
  try {
    busy = db.pragma('wal_checkpoint(TRUNCATE)')[0].busy !== 0;
  } catch (err) {
    parentPort.postMessage({ warn: 'checkpoint failed: ' + err.message });
  }
  if (busy && attempt < 100) setTimeout(() => truncate(attempt + 1), 10);
  else parentPort.postMessage({ truncated: !busy });
}
// Statements applied for the main side (retention's deletes, apply()), in one transaction.
const statements = new Map();
function prepared(sql) {
  let stmt = statements.get(sql);
  if (stmt !== undefined) return stmt;
  stmt = db.prepare(sql);
  statements.set(sql, stmt);
  if (statements.size > 32) statements.delete(statements.keys().next().value);
  return stmt;
}
const isBoolean = (v) => typeof v === 'boolean';
const applyAll = db.transaction((list) => {
  for (const [sql, params] of list) {
    const stmt = prepared(sql);
    const values = params.some(isBoolean) ? params.map((v) => (isBoolean(v) ? (v ? 1 : 0) : v)) : params;
    if (stmt.reader) stmt.all(values);
    else stmt.run(values);
  }
});
function apply(m) {
  try {
    applyAll.immediate(m.statements);
    parentPort.postMessage({ applied: m.apply });
  } catch (err) {
    const code = err && typeof err.code === 'string' ? err.code : undefined;
    parentPort.postMessage({ applied: m.apply, failure: { message: String((err && err.message) || err), code } });
  }
}
const timer = setInterval(guarded(tick), workerData.everyMs);
parentPort.on('message', (m) => {
  if (m && m.apply !== undefined) apply(m);
  else if (m === 'paused') guarded(paused)();
  else if (m === 'not paused') pausing = false;
  else if (m === 'stats') parentPort.postMessage({ stats });
  else if (m === 'truncate') truncate(0);
  else if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

const MAX_PAUSE_MS = 1000;

type Applied = 'done' | 'lost' | { message: string; code?: string };

/**
 * Checkpoints an SQLite database in WAL mode from a worker thread with its own connection, so
 * the main connection (with `wal_autocheckpoint` off) never copies pages or waits for fsync
 * inside a commit. Crash safety is SQLite's: a checkpoint cut short is finished at the next
 * open, and the log still holds every committed transaction until it has been copied.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private statsWaiting: Array<(s: CheckpointStats) => void> = [];
  private readonly applying = new Map<number, (outcome: Applied) => void>();
  private nextApply = 0;
  private truncateWaiting: Array<(done: boolean) => void> = [];
  private alive = true;

  /**
   * @param holdWrites runs its argument while no write can start on the main connection (under
   *   the connection's lock: the writes wait, the thread stays free).
   * @param onLost is called if the thread ends without being stopped (the main connection must
   *   then checkpoint again itself, or its log would grow without end).
   */
  constructor(
    file: string,
    private readonly holdWrites: (whileHeld: () => Promise<void>) => Promise<void>,
    private readonly onWarning: (message: string) => void,
    onLost: () => void,
    { everyMs = 100, pauseAfterFrames = 1000 }: CheckpointerOptions = {},
  ) {
    this.worker = new Worker(THREAD, {
      eval: true,
      workerData: { file, driver: require.resolve('better-sqlite3'), everyMs, pauseAfterFrames },
    });
    // Shutdown stops it (stop()); a process that forgets to must still be able to exit.
    this.worker.unref();
    this.worker.on(
      'message',
      (m: {
        pause?: boolean;
        resume?: boolean;
        warn?: string;
        stats?: CheckpointStats;
        truncated?: boolean;
        applied?: number;
        failure?: { message: string; code?: string };
      }) => {
        if (m.applied !== undefined) {
          this.applying.get(m.applied)?.(m.failure ?? 'done');
          this.applying.delete(m.applied);
        }
        if (m.truncated !== undefined) this.truncateWaiting.shift()?.(m.truncated);
        if (m.pause) this.pause();
        if (m.resume) this.resume?.();
        if (m.warn) onWarning(m.warn);
        if (m.stats) for (const resolve of this.statsWaiting.splice(0)) resolve(m.stats);
      },
    );
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        this.alive = false;
        for (const resolve of this.truncateWaiting.splice(0)) resolve(false);
        for (const settle of this.applying.values()) settle('lost');
        this.applying.clear();
        if (!this.stopping) onLost();
        this.resume?.();
        resolve();
      }),
    );
    this.worker.on('error', (err) => onWarning(`checkpoint thread failed: ${String(err)}`));
  }

  private resume?: () => void;
  private stopping = false;

  private pause(): void {
    if (this.stopping || !this.alive) return;
    void this.holdWrites(
      () =>
        new Promise<void>((resolve) => {
          // Should the thread hang or die, the writes go on after MAX_PAUSE_MS.
          const timer = setTimeout(() => this.resume?.(), MAX_PAUSE_MS).unref();
          this.resume = () => {
            clearTimeout(timer);
            this.resume = undefined;
            resolve();
          };
          this.worker.postMessage('paused');
        }),
    ).catch((err: unknown) => {
      this.onWarning(`holding writes for a checkpoint failed: ${String(err)}`);
      this.worker.postMessage('not paused');
    });
  }

  get running(): boolean {
    return this.alive;
  }

  stats(): Promise<CheckpointStats> {
    return new Promise((resolve) => {
      this.statsWaiting.push(resolve);
      this.worker.postMessage('stats');
    });
  }

  /**
   * Copies the whole log into the database file and cuts the log to nothing, on the thread: the
   * caller holds the main connection's writes (its lock) meanwhile, and its event loop stays
   * free (after a vacuum the log holds every page it moved: on the main thread this took 20 ms
   * and more). False when the thread is gone or another connection kept the log busy.
   */
  truncate(): Promise<boolean> {
    if (!this.alive || this.stopping) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.truncateWaiting.push(resolve);
      this.worker.postMessage('truncate');
    });
  }

  /**
   * Applies statements in one transaction on the thread's connection, the main thread free
   * meanwhile: for writes nobody waits on (retention deletes thousands of runs in chunks, which
   * on the main thread took a few microseconds per run from every request served meanwhile).
   * The caller holds the main connection's lock until it settles, so no write of the main
   * connection interleaves. Resolves false when the thread is gone or stopping (nothing was
   * applied: the caller writes on its own connection); rejects if the transaction failed.
   */
  apply(statements: Array<[string, unknown[]]>): Promise<boolean> {
    if (!this.alive || this.stopping) return Promise.resolve(false);
    const id = this.nextApply++;
    return new Promise((resolve, reject) => {
      this.applying.set(id, (outcome) => {
        if (outcome === 'done') resolve(true);
        else if (outcome === 'lost') resolve(false);
        else reject(Object.assign(new Error(outcome.message), { code: outcome.code }));
      });
      this.worker.postMessage({ apply: id, statements });
    });
  }

  /** Lets a running checkpoint finish, closes the thread's connection and waits for the thread. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.worker.postMessage('stop');
    await this.exited;
  }
}
