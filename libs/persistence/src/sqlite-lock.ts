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
