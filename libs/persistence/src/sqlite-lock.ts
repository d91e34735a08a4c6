import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * TypeORM's better-sqlite3 driver shares one connection (and one query runner) across the
 * process: two transactions started concurrently both issue BEGIN and fail, and a plain write
 * issued while another flow's transaction is open silently joins it. This lock serialises
 * transactions and keeps everyone else's queries out of them; the flow that holds it (tracked
 * with AsyncLocalStorage) re-enters freely, so nested saves and savepoints keep working.
 */
export class ReentrantLock {
  private readonly als = new AsyncLocalStorage<symbol>();
  private owner: symbol | null = null;
  private readonly waiting: Array<() => void> = [];

  get held(): boolean {
    return this.owner !== null;
  }

  mine(): boolean {
    return this.owner !== null && this.als.getStore() === this.owner;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.mine()) return fn();
    while (this.owner !== null) await new Promise<void>((resolve) => this.waiting.push(resolve));
    const token = Symbol('sqlite-transaction');
    this.owner = token;
    try {
      return await this.als.run(token, fn);
    } finally {
      this.owner = null;
      this.waiting.shift()?.();
    }
  }
}

type AnyFn = (...args: unknown[]) => Promise<unknown>;

function wrap<T extends object>(target: T, method: string, lock: ReentrantLock, when: () => boolean = () => true): void {
  const original = (target as Record<string, AnyFn>)[method].bind(target);
  (target as Record<string, AnyFn>)[method] = (...args: unknown[]) => (when() ? lock.run(() => original(...args)) : original(...args));
}

const locks = new WeakMap<DataSource, ReentrantLock>();

/** The lock of a SQLite data source (undefined for PostgreSQL). */
export function sqliteLockOf(dataSource: DataSource): ReentrantLock | undefined {
  return locks.get(dataSource);
}

export function serializeSqlite(dataSource: DataSource): void {
  const lock = new ReentrantLock();
  locks.set(dataSource, lock);
  const manager: EntityManager = dataSource.manager;
  // Transactions, and the implicit transactions of save/remove.
  for (const method of ['transaction', 'save', 'remove', 'softRemove', 'recover']) wrap(manager, method, lock);
  // A plain query waits while another flow's transaction is open, instead of joining it.
  const runner: QueryRunner = dataSource.driver.createQueryRunner('master');
  wrap(runner, 'query', lock, () => lock.held && !lock.mine());
}

/**
 * Gives freed pages back to the file system (incremental auto-vacuum) and truncates the
 * write-ahead log. Run on the connection itself: the pragma must be stepped to the end.
 */
export async function reclaimSqliteSpace(dataSource: DataSource): Promise<void> {
  const lock = locks.get(dataSource);
  const connection = (dataSource.driver as unknown as { databaseConnection?: { pragma(sql: string): unknown } }).databaseConnection;
  if (!lock || !connection) return;
  await lock.run(async () => {
    connection.pragma('incremental_vacuum');
    connection.pragma('wal_checkpoint(TRUNCATE)');
  });
}
