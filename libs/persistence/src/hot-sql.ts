import type { Database, Statement } from 'better-sqlite3';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { sqliteCheckpointerOf } from './data-source';
import { preparedQuery } from './pg-prepared';
import { sqliteLockOf, type SqliteLock } from './sqlite-lock';

export interface SqlResult {
  rows: Array<Record<string, unknown>>;
  affected: number;
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
/** What a statement that reads nothing answers (shared: nothing adds to it). */
const NO_ROWS: Array<Record<string, unknown>> = Object.freeze([]) as unknown as Array<
  Record<string, unknown>
>;

/** Statements with their parameters, run in order in one transaction. */
export type Statements = Array<[string, unknown[]]>;

/**
 * What a group adds to a running total: `sql` takes the amount as its one parameter (`UPDATE t
 * SET n = n + ? …`). The groups of one transaction add theirs with one statement, after their
 * own, instead of one each: the amount is asked once the group's statements are built.
 */
/** A group of a commit, its statements built (HotSql.runMany). */
type BuiltGroup = { statements: Statements; tally: Tally | undefined };

export interface Tally {
  sql: string;
  amount: () => number;
}

/**
 * Plain parameterised SQL for the statements every run executes (store the queued run, claim
 * it, record its result). TypeORM's query machinery costs more than SQLite itself here, so on
 * SQLite these run as cached prepared statements on the connection (under the same lock as
 * TypeORM's transactions); on PostgreSQL through TypeORM's query runner, `?` becoming `$n`.
 */
export class HotSql {
  /**
   * Prepared statements (and `$n` texts) kept per instance. Statements are keyed by their SQL,
   * and some callers build an `IN (?, ?, …)` list whose length varies (one statement per
   * length, up to 500 for retention's chunks): without a limit those stay prepared, each with
   * its native SQLite statement, for the life of the process. Past the limit the oldest entry
   * goes (first in, first out: a hit costs nothing more than a lookup on the per-run path; a
   * per-run statement pushed out is prepared again once).
   */
  static readonly cachedStatements = 32;
  private readonly postgres: boolean;
  private readonly texts = new Map<string, string>();
  private readonly statements = new Map<string, Statement>();
  private readonly lock?: SqliteLock;
  private readonly connection?: Database;
  /**
   * Writes groups in one transaction on the SQLite connection. Made once: better-sqlite3 builds
   * a transaction function's wrappers (deferred, immediate…) each time one is made, and every
   * group commit made its own. Made once, the main thread's CPU per short run fell from 76 to
   * 70 µs, measured in turns (docs/BENCHMARKS.md, 2026-12-06 18:45).
   */
  private readonly apply?: (groups: BuiltGroup[]) => void;

  constructor(private readonly dataSource: DataSource) {
    this.postgres = dataSource.options.type === 'postgres';
    if (!this.postgres) {
      this.lock = sqliteLockOf(dataSource);
      this.connection = (dataSource.driver as unknown as { databaseConnection: Database }).databaseConnection;
      this.apply = this.connection?.transaction((list: BuiltGroup[]) => {
        for (const g of list) for (const [sql, params] of g.statements) this.direct(sql, params);
        for (const [sql, amount] of tallied(list)) this.direct(sql, [amount]);
      });
    }
  }

  /** Runs a statement (inside the caller's transaction when `on` is one). */
  async run(on: DataSource | EntityManager, sql: string, params: unknown[] = []): Promise<SqlResult> {
    if (this.connection && this.lock) {
      // Inside the caller's transaction the lock is its runner's already; otherwise wait for it.
      const runner = (on as EntityManager).queryRunner;
      return runner && this.lock.isOwner(runner)
        ? this.direct(sql, params)
        : this.lock.run(() => this.direct(sql, params));
    }
    const inTransaction = (on as EntityManager).queryRunner;
    const runner: QueryRunner = inTransaction ?? this.dataSource.createQueryRunner();
    try {
      const result = await preparedQuery(runner, this.text(sql), params);
      return {
        rows: Array.isArray(result.records) ? (result.records as Array<Record<string, unknown>>) : [],
        affected: result.affected ?? 0,
      };
    } finally {
      if (!inTransaction) await runner.release();
    }
  }

  /**
   * Runs several statements atomically. On SQLite, groups arriving in the same turn of the event
   * loop, or in the next few while they keep coming (`gather`), share one transaction (group
   * commit): each caller's promise settles once its group is committed.
   * Statements given as a function are built when their group is written (on SQLite, at the
   * commit; elsewhere at once), so what changed in between (a run that finished meanwhile)
   * goes into the same commit instead of a second write.
   */
  async runMany(statements: Statements | (() => Statements), tally?: Tally): Promise<void> {
    if (this.connection && this.lock) {
      return new Promise((resolve, reject) => {
        this.groups.push({ statements, resolve, reject, tally });
        if (this.groups.length > 1) this.arrived = true;
        else {
          this.turns = 0;
          this.arrived = false; // a lone group waits for nobody
          setImmediate(this.gather);
        }
      });
    }
    const list = typeof statements === 'function' ? statements() : statements;
    await this.dataSource.transaction(async (tx) => {
      for (const [sql, params] of list) await this.run(tx, sql, params);
      const amount = tally?.amount();
      if (amount) await this.run(tx, tally!.sql, [amount]);
    });
  }

  /**
   * Idempotent writes nobody waits on (retention's deletes), in one transaction. On a SQLite
   * file they are applied by the checkpoint thread's connection while this connection's lock is
   * held (sqlite-checkpointer.ts): the main thread serves meanwhile and only the commits wait.
   * Elsewhere, or if that thread is gone, as runMany. Idempotent, because a thread that ends
   * while applying may have committed them before they are applied here again.
   */
  async runAside(statements: Statements): Promise<void> {
    const thread = this.lock ? sqliteCheckpointerOf(this.dataSource) : undefined;
    if (thread?.running && (await this.lock!.run(() => thread.apply(statements)))) return;
    return this.runMany(statements);
  }

  /**
   * A group commit waits this many more turns of the event loop at most while groups keep coming.
   * A commit costs much the same whether it holds 17 runs or 30: each B-tree page it changes is
   * written to the log once (two system calls and a checksum), and those pages were most of a
   * short run's SQLite cost. Committing only what one turn's socket reads brought wrote them for
   * about 17 runs at 32 connections; waiting while the next turns bring more, about 30
   * (docs/BENCHMARKS.md, 2026-12-06 evening).
   */
  static readonly gatherTurns = 3;
  /** Nor past this many groups: a commit's size (and its callers' wait) stays bounded. */
  static readonly gatherGroups = 256;
  /** Turns waited so far for the groups pending now. */
  private turns = 0;
  /** A group came in during the current turn (after the first of the pending ones). */
  private arrived = false;

  /**
   * Runs at the end of a turn of the event loop (setImmediate's phase, after the turn's socket
   * reads and what they started): if groups came in during this turn and the wait is still
   * short, the commit waits for the next turn's too; otherwise it commits now. Nothing waits on
   * a timer: a group that came alone commits at the end of its own turn, as before, and a lone
   * webhook request (its run's rows, then its scenario's "last run": two groups) one turn later.
   */
  private readonly gather = (): void => {
    if (this.arrived && this.turns < HotSql.gatherTurns && this.groups.length < HotSql.gatherGroups) {
      this.arrived = false;
      this.turns++;
      setImmediate(this.gather);
      return;
    }
    void this.commitGroups();
  };

  private groups: Array<{
    statements: Statements | (() => Statements);
    resolve: () => void;
    reject: (e: unknown) => void;
    tally: Tally | undefined;
  }> = [];

  /**
   * Asked right before a group commit: a promise it returns holds the commit until it settles
   * (pending-runs.ts lets results made on another thread land in the same commit).
   */
  beforeCommit?: () => Promise<void> | undefined;

  private async commitGroups(): Promise<void> {
    const hold = this.beforeCommit?.();
    if (hold) await hold;
    const groups = this.groups;
    this.groups = [];
    const apply = this.apply!;
    await this.lock!.run(() => {
      // Built once, under the lock, right before the commit (a retry one by one reuses them).
      for (const g of groups) if (typeof g.statements === 'function') g.statements = g.statements();
      try {
        apply(groups as BuiltGroup[]);
        for (const g of groups) g.resolve();
      } catch {
        // One bad group must not fail the others: commit them one by one.
        for (const g of groups) {
          try {
            apply([g as BuiltGroup]);
            g.resolve();
          } catch (err) {
            g.reject(err);
          }
        }
      }
    });
  }

  private direct(sql: string, params: unknown[]): SqlResult {
    const stmt = cached<Statement>(this.statements, sql, () => this.connection!.prepare(sql));
    // SQLite has no booleans; most statements carry none, and keep their list as it is. The
    // list is bound as one argument (better-sqlite3 takes an array of positional values).
    const values = params.some(isBoolean) ? params.map((v) => (isBoolean(v) ? (v ? 1 : 0) : v)) : params;
    if (stmt.reader) return { rows: stmt.all(values) as Array<Record<string, unknown>>, affected: 0 };
    return { rows: NO_ROWS, affected: stmt.run(values).changes };
  }

  private text(sql: string): string {
    let n = 0;
    return cached(this.texts, sql, () => sql.replace(/\?/g, () => `$${++n}`));
  }

  /** How many statements are prepared and kept (tests check the limit holds). */
  get preparedCount(): number {
    return this.statements.size;
  }
}

/** The groups' tallies summed by statement (none for a sum of zero). */
function tallied(groups: Array<{ tally: Tally | undefined }>): Map<string, number> {
  const sums = new Map<string, number>();
  for (const { tally } of groups) {
    const amount = tally?.amount();
    if (amount) sums.set(tally!.sql, (sums.get(tally!.sql) ?? 0) + amount);
  }
  return sums;
}

/** `key`'s value from a map kept to `HotSql.cachedStatements` entries (the oldest goes first). */
function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  let value = map.get(key);
  if (value !== undefined) return value;
  value = make();
  map.set(key, value);
  // A Map iterates in insertion order: its first key is the oldest entry.
  if (map.size > HotSql.cachedStatements) map.delete(map.keys().next().value!);
  return value;
}
