import { Worker } from 'node:worker_threads';

/** What the checkpointing thread has done since it started (tests and benchmarks read it). */
export interface CheckpointStats {
  /** PASSIVE checkpoints run by the thread. */
  checkpoints: number;
  /** Frames they copied into the database file. */
  framesCopied: number;
  /** Times the thread asked the main connection to finish a checkpoint (see `help`). */
  helps: number;
  /** Frames in the write-ahead log at the last checkpoint, and the most seen. */
  walFrames: number;
  maxWalFrames: number;
}

export interface CheckpointerOptions {
  /** How often the thread checkpoints, ms. */
  everyMs?: number;
  /**
   * Frames in the log past which the main connection is asked to finish a checkpoint itself:
   * the log restarts from its beginning only when a write starts after a checkpoint that copied
   * every frame, which a steady stream of commits from another connection can prevent forever.
   */
  helpAfterFrames?: number;
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
const stats = { checkpoints: 0, framesCopied: 0, helps: 0, walFrames: 0, maxWalFrames: 0 };
let copied = 0; // frames of the current log already copied (the log restarts: it goes down)
let helping = false;
let lastLog = 0;
let warned = false;
const tick = () => {
  if (helping) return;
  // PASSIVE never waits for a lock: the writer on the main thread carries on meanwhile.
  const [r] = db.pragma('wal_checkpoint(PASSIVE)');
  if (r.busy || r.log < 0) return; // another checkpoint is running (or no WAL yet)
  stats.checkpoints++;
  // Below what was copied last time the log has restarted, and copying began again at 0.
  stats.framesCopied += r.checkpointed >= copied ? r.checkpointed - copied : r.checkpointed;
  copied = r.checkpointed;
  stats.walFrames = r.log;
  stats.maxWalFrames = Math.max(stats.maxWalFrames, r.log);
  const grew = r.log > lastLog;
  lastLog = r.log;
  if (r.log < workerData.helpAfterFrames) {
    warned = false;
    return;
  }
  if (grew) {
    // Large and still growing: commits kept landing while this thread copied, so the log
    // never restarted. The main connection copies the rest between two of its transactions.
    stats.helps++;
    helping = true;
    parentPort.postMessage({ help: true });
  }
  if (r.checkpointed < r.log && r.log >= 4 * workerData.helpAfterFrames && !warned) {
    warned = true; // a reader holds an old snapshot: no checkpoint can copy past it
    parentPort.postMessage({ warn: 'the write-ahead log holds ' + r.log + ' frames a reader keeps from being copied' });
  }
};
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m === 'helped') helping = false;
  else if (m === 'stats') parentPort.postMessage({ stats });
  else if (m === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

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
  private alive = true;

  /**
   * @param help runs `wal_checkpoint(PASSIVE)` on the main connection between its own
   *   transactions (where no commit can interleave, so the copy is complete).
   */
  constructor(
    file: string,
    help: () => Promise<void>,
    onWarning: (message: string) => void,
    { everyMs = 100, helpAfterFrames = 4000 }: CheckpointerOptions = {},
  ) {
    this.worker = new Worker(THREAD, {
      eval: true,
      workerData: { file, driver: require.resolve('better-sqlite3'), everyMs, helpAfterFrames },
    });
    // Shutdown stops it (stop()); a process that forgets to must still be able to exit.
    this.worker.unref();
    this.worker.on('message', (m: { help?: boolean; warn?: string; stats?: CheckpointStats }) => {
      if (m.help)
        void help()
          .catch((err: unknown) => onWarning(`checkpoint on the main connection failed: ${String(err)}`))
          .finally(() => this.worker.postMessage('helped'));
      if (m.warn) onWarning(m.warn);
      if (m.stats) for (const resolve of this.statsWaiting.splice(0)) resolve(m.stats);
    });
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', () => {
        this.alive = false;
        resolve();
      }),
    );
    this.worker.on('error', (err) => onWarning(`checkpoint thread failed: ${String(err)}`));
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

  /** Lets a running checkpoint finish, closes the thread's connection and waits for the thread. */
  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    await this.exited;
  }
}
