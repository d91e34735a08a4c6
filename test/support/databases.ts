import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseConfig } from '@integrator/persistence';

// The same suites run on SQLite and, when DATABASE_URL is set, on PostgreSQL (CI sets it and
// the suite fails if the server is unreachable). A laptop without it skips PostgreSQL, saying so.

export interface DatabaseTarget {
  /** distributed: PostgreSQL + Redis, the API in the test process and a worker as its own process. */
  name: 'sqlite' | 'postgres' | 'distributed';
  /** A fresh, empty database for one suite. */
  config(): DatabaseConfig;
}

let warned = false;

export function databaseTargets(options: { distributed?: boolean } = {}): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [
    {
      name: 'sqlite',
      config: () => ({ sqlitePath: join(mkdtempSync(join(tmpdir(), 'integrator-')), 'test.db') }),
    },
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    targets.push({
      name: 'postgres',
      config: () => ({
        url,
        schema: `t_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`,
      }),
    });
  } else if (!warned) {
    warned = true;
    console.warn('PostgreSQL suites skipped: DATABASE_URL is not set (CI sets it).');
  }
  if (options.distributed && url && process.env.REDIS_URL) {
    targets.push({
      name: 'distributed',
      config: () => ({
        url,
        schema: `d_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`,
      }),
    });
  }
  return targets;
}

/** Closes a test database; on PostgreSQL its schema is dropped. */
export async function closeDatabase(
  dataSource:
    { destroy(): Promise<void>; query(sql: string): Promise<unknown>; isInitialized: boolean } | undefined,
  config: DatabaseConfig,
): Promise<void> {
  if (!dataSource?.isInitialized) return;
  if (config.schema) await dataSource.query(`DROP SCHEMA IF EXISTS "${config.schema}" CASCADE`);
  await dataSource.destroy();
}
