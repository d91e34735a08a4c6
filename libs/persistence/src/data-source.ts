import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';
import { SqliteCheckpointer } from './sqlite-checkpointer';
import { serializeSqlite, sqliteLockOf } from './sqlite-lock';

export interface DatabaseConfig {
  /** postgres://… switches to PostgreSQL; otherwise SQLite at sqlitePath. */
  url?: string;
  sqlitePath?: string;
  /** Unit tests only: create the schema from the entities instead of migrating. */
  synchronize?: boolean;
  logging?: boolean;
  /** PostgreSQL schema (tests isolate themselves in their own schema). */
  schema?: string;
}

export type Dialect = 'sqlite' | 'postgres';

export function dialectOf(config: DatabaseConfig): Dialect {
  return config.url && /^postgres(ql)?:/.test(config.url) ? 'postgres' : 'sqlite';
}

export function dataSourceOptions(config: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    synchronize: config.synchronize ?? false,
    migrationsRun: false,
    logging: config.logging ?? false,
  } as const;
  if (dialectOf(config) === 'postgres') {
    // A schema is chosen through search_path so the migrations stay unqualified (tests use their own).
    const extra = config.schema ? { max: 10, options: `-c search_path=${config.schema}` } : { max: 10 };
    return { ...common, type: 'postgres', url: config.url, migrations: POSTGRES_MIGRATIONS, extra };
  }
  const database = config.sqlitePath ?? './data/integrator.db';
  return {
    ...common,
    type: 'better-sqlite3',
    database,
    migrations: SQLITE_MIGRATIONS,
    // WAL with synchronous=NORMAL: durable across process crashes, far fewer fsyncs (DESIGN §4).
    prepareDatabase: (db: {
      pragma(sql: string, options?: { simple: boolean }): unknown;
      exec(sql: string): unknown;
    }) => {
      // Incremental auto-vacuum lets pruning give pages back to the file system. It can only be
      // switched on before the first table exists, or by one VACUUM of an older file.
      if (db.pragma('auto_vacuum', { simple: true }) !== 2) {
        db.pragma('auto_vacuum = INCREMENTAL');
        db.exec('VACUUM');
      }
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  };
}

/** Opens the database and brings its schema up to date (the app migrates on start). */
export async function openDatabase(config: DatabaseConfig): Promise<DataSource> {
  const options = dataSourceOptions(config);
  const sqliteFile =
    options.type === 'better-sqlite3' && options.database !== ':memory:' ? String(options.database) : null;
  if (sqliteFile) privateSqliteFiles(sqliteFile);
  if (options.type === 'postgres' && config.schema) await createSchema(config.url!, config.schema);
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  if (sqliteFile) privateSqliteFiles(sqliteFile); // the WAL and shared-memory files exist now
  if (options.type === 'better-sqlite3') serializeSqlite(dataSource);
  if (sqliteFile) checkpointOffThread(dataSource, sqliteFile);
  if (!config.synchronize) await migrate(dataSource);
  return dataSource;
}

const checkpointers = new WeakMap<DataSource, SqliteCheckpointer>();

/** The thread checkpointing a SQLite file opened by openDatabase (tests and benchmarks). */
export function sqliteCheckpointerOf(dataSource: DataSource): SqliteCheckpointer | undefined {
  return checkpointers.get(dataSource);
}

/**
 * SQLite's automatic checkpoint runs inside the commit that crosses 1,000 pages of log, on the
 * connection that commits: here the main thread, which then copies pages and waits for two
 * fsyncs. It is switched off and a worker thread checkpoints instead (sqlite-checkpointer.ts);
 * when the log must restart, the thread holds this connection's lock for its last copy, so the
 * writes wait a moment without blocking the thread. Destroying the data source stops it first. After a restart of the log the file is cut
 * back to JOURNAL_LIMIT, so a burst does not leave a large file behind.
 */
function checkpointOffThread(dataSource: DataSource, file: string): void {
  const connection = (
    dataSource.driver as unknown as { databaseConnection: { pragma(sql: string): unknown } }
  ).databaseConnection;
  const lock = sqliteLockOf(dataSource)!;
  connection.pragma('wal_autocheckpoint = 0');
  connection.pragma(`journal_size_limit = ${JOURNAL_LIMIT}`);
  const checkpointer = new SqliteCheckpointer(
    file,
    (whileHeld) => lock.run(whileHeld),
    (message) => process.emitWarning(message, 'SqliteCheckpoint'),
    () => {
      process.emitWarning(
        'the checkpoint thread ended: the main connection checkpoints again',
        'SqliteCheckpoint',
      );
      connection.pragma('wal_autocheckpoint = 1000'); // SQLite's default
    },
  );
  checkpointers.set(dataSource, checkpointer);
  const destroy = dataSource.destroy.bind(dataSource);
  dataSource.destroy = async () => {
    await checkpointer.stop();
    return destroy();
  };
}

const JOURNAL_LIMIT = 8 * 1024 * 1024;

/**
 * Several processes may start on one fresh PostgreSQL database at once: without a lock each
 * sees the same pending migrations and all but one fail on a duplicate key. A session-level
 * advisory lock (per schema, so test schemas do not wait for each other) lets one migrate while
 * the others wait, then find nothing pending.
 */
async function migrate(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'postgres') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  const key = "hashtext('integrator-migrations:' || current_schema())";
  try {
    await lockHolder.query(`SELECT pg_advisory_lock(${key})`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lockHolder.query(`SELECT pg_advisory_unlock(${key})`).catch(() => undefined);
    await lockHolder.release();
  }
}

/**
 * The database holds password hashes, sessions and every run's data: its directory is 0700 and
 * the file, its WAL and shared-memory files 0600, whatever the umask (older installations are
 * tightened on start). SQLite gives the WAL and -shm files the mode of the database file, so the
 * file is created 0600 before SQLite opens it.
 */
export function privateSqliteFiles(file: string): void {
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`])
    if (existsSync(f)) chmodSync(f, 0o600);
}

async function createSchema(url: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`);
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  try {
    await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch((error: { code?: string }) => {
      // Two processes creating it at once: IF NOT EXISTS is not atomic, the loser sees 23505.
      if (error.code !== '23505') throw error;
    });
  } finally {
    await admin.destroy();
  }
}
