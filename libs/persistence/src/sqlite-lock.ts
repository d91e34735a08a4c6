import type { DataSource, QueryRunner } from 'typeorm';

/**
 * TypeORM's better-sqlite3 driver shares one connection (and one query runner) across the
 * process: two transactions started concurrently both issue BEGIN and fail, and a plain write
 * issued while another flow's transaction is open silently joins it. So here every query runner
 * is its own object, and a lock on the connection is owned by the runner whose transaction is
 * open: its queries pass, everyone else's wait until it commits or rolls back.
 */
export class SqliteLock {
  private owner: object | null = null;
  private readonly waiting: Array<() => void> = [];

  get held(): boolean {
    return this.owner !== null;
  }

  isOwner(who: object): boolean {
    return this.owner === who;
  }

  async acquire(who: object): Promise<void> {
    while (this.owner !== null && this.owner !== who)
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.owner = who;
  }

  release(who: object): void {
    if (this.owner !== who) return;
    this.owner = null;
    this.waiting.shift()?.();
  }

  /** Holds the lock for `fn` (as an owner of its own, or as `who` when it holds it already). */
  async run<T>(fn: () => T | Promise<T>, who: object = {}): Promise<T> {
    if (this.isOwner(who)) return fn();
    await this.acquire(who);
    try {
      return await fn();
    } finally {
      this.release(who);
    }
  }
}

const locks = new WeakMap<DataSource, SqliteLock>();

/** The lock of a SQLite data source (undefined for PostgreSQL). */
export function sqliteLockOf(dataSource: DataSource): SqliteLock | undefined {
  return locks.get(dataSource);
}

type Runner = QueryRunner & { transactionDepth: number; stmtCache: Map<string, unknown> };
type Method = (...args: unknown[]) => Promise<unknown>;

export function serializeSqlite(dataSource: DataSource): void {
  const lock = new SqliteLock();
  locks.set(dataSource, lock);
  const driver = dataSource.driver as unknown as {
    createQueryRunner(mode?: string): Runner;
    queryRunner?: Runner;
  };
  const shared = driver.createQueryRunner('master');
  const RunnerClass = shared.constructor as new (d: unknown) => Runner;
  const statements = shared.stmtCache; // prepared statements stay shared between runners
  driver.createQueryRunner = () =>
    guard(Object.assign(new RunnerClass(driver), { stmtCache: statements }), lock);
  driver.queryRunner = undefined;
}

function guard(runner: Runner, lock: SqliteLock): Runner {
  const call = (name: string) => (runner as unknown as Record<string, Method>)[name].bind(runner);
  const start = call('startTransaction');
  const commit = call('commitTransaction');
  const rollback = call('rollbackTransaction');
  const query = call('query');
  const endIfOuter = () => {
    if (runner.transactionDepth === 0) lock.release(runner);
  };
  const patched = runner as unknown as Record<string, Method>;
  patched.startTransaction = async (...args) => {
    if (runner.transactionDepth === 0) await lock.acquire(runner);
    try {
      return await start(...args);
    } catch (err) {
      endIfOuter();
      throw err;
    }
  };
  patched.commitTransaction = async () => {
    try {
      return await commit();
    } finally {
      endIfOuter();
    }
  };
  patched.rollbackTransaction = async () => {
    try {
      return await rollback();
    } finally {
      endIfOuter();
    }
  };
  patched.query = (...args) =>
    lock.isOwner(runner) ? query(...args) : lock.run(() => query(...args), runner);
  return runner;
}

export interface ReclaimOptions {
  /**
   * Free pages under this share of the file stay in it: new rows reuse them, and giving them
   * back only for the file to grow again costs page moves and a checkpoint. 0 reclaims always
   * (and checkpoints even when nothing was free).
   */
  minFreeShare?: number;
  /** Pages given back per step; the connection's lock is let go between steps. */
  stepPages?: number;
}

type PragmaConnection = { pragma(sql: string, options?: { simple: boolean }): unknown };

/**
 * Gives freed pages back to the file system (incremental auto-vacuum) and truncates the
 * write-ahead log, when enough of the file is free (see ReclaimOptions). Run on the connection
 * itself (the pragma must be stepped to the end), a few hundred pages at a time: each step moves
 * pages on the main thread, and in between the writes and the event loop go on (issue 14: one
 * pass after pruning a minute of runs took 20–120 ms in one piece). Returns the pages given back.
 */
export async function reclaimSqliteSpace(
  dataSource: DataSource,
  { minFreeShare = 0.25, stepPages = 256 }: ReclaimOptions = {},
): Promise<number> {
  const lock = locks.get(dataSource);
  const connection = (dataSource.driver as unknown as { databaseConnection?: PragmaConnection })
    .databaseConnection;
  if (!lock || !connection) return 0;
  const free = () => Number(connection.pragma('freelist_count', { simple: true }));
  const first = await lock.run(() => ({
    free: free(),
    pages: Number(connection.pragma('page_count', { simple: true })),
  }));
  if (minFreeShare > 0 && (first.free === 0 || first.free < first.pages * minFreeShare)) return 0;
  let left = first.free;
  while (left > 0) {
    const before = left;
    left = await lock.run(() => {
      connection.pragma(`incremental_vacuum(${Math.max(1, Math.floor(stepPages))})`);
      return free();
    });
    if (left >= before) break; // nothing moved (another connection holds pages): try next pass
    await new Promise((resolve) => setImmediate(resolve));
  }
  await lock.run(async () => {
    // While the checkpoint thread (sqlite-checkpointer.ts) is copying, SQLite answers busy at
    // once: try again shortly (the lock keeps this connection's writes out meanwhile).
    for (let attempt = 0; attempt < 100; attempt++) {
      const [result] = connection.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      if (!result?.busy) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  return first.free - left;
}
