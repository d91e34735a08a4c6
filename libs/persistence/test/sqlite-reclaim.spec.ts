import { randomBytes } from 'node:crypto';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { existsSync } from 'node:fs';
import { HotSql, openDatabase, reclaimSqliteSpace, sqliteCheckpointerOf } from '@integrator/persistence';

// After pruning, free pages go back to the file system only when they are a good share of the
// file (smaller free lists are reused by the next rows), and a few hundred pages at a time, with
// the connection's writes and the event loop going on in between.

describe('giving SQLite space back after pruning', () => {
  let db: DataSource;
  let file: string;
  let sql: HotSql;
  beforeEach(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'reclaim-')), 'x.db');
    db = await openDatabase({ sqlitePath: file });
    sql = new HotSql(db);
    await sql.run(db, 'CREATE TABLE blobs (id INTEGER PRIMARY KEY, body BLOB)');
    // 8 MiB in 256 rows of 32 KiB.
    for (let i = 1; i <= 256; i++)
      await sql.runMany([['INSERT INTO blobs (id, body) VALUES (?, ?)', [i, randomBytes(32 * 1024)]]]);
    await reclaimSqliteSpace(db, { minFreeShare: 0 }); // the log copied into the file
  });
  afterEach(() => db.destroy());
  const pragma = async (name: string) =>
    Number((await sql.run(db, `PRAGMA ${name}`)).rows[0][name as keyof object]);

  test('a small share freed stays in the file for new rows', async () => {
    const size = statSync(file).size;
    await sql.run(db, 'DELETE FROM blobs WHERE id <= 32'); // an eighth
    const free = await pragma('freelist_count');
    expect(free).toBeGreaterThan(0);
    expect(await reclaimSqliteSpace(db)).toBe(0);
    expect(await pragma('freelist_count')).toBe(free);
    expect(statSync(file).size).toBe(size);
    // New rows take the free pages: the file does not grow.
    for (let i = 1; i <= 32; i++)
      await sql.runMany([['INSERT INTO blobs (id, body) VALUES (?, ?)', [1000 + i, randomBytes(32 * 1024)]]]);
    await reclaimSqliteSpace(db, { minFreeShare: 0 });
    expect(statSync(file).size).toBeLessThanOrEqual(size);
  });

  test('a large share freed goes back, step by step, while writes go on', async () => {
    const size = statSync(file).size;
    await sql.run(db, 'DELETE FROM blobs WHERE id <= 192'); // three quarters
    const free = await pragma('freelist_count');
    // A write queued meanwhile gets in between two steps rather than after the whole pass.
    let stepsBeforeWrite = -1;
    let steps = 0;
    const counting = db.driver as unknown as { databaseConnection: { pragma: (s: string) => unknown } };
    const connection = counting.databaseConnection;
    const original = connection.pragma.bind(connection);
    connection.pragma = (s: string, ...rest: unknown[]) => {
      if (s.startsWith('incremental_vacuum')) steps++;
      return (original as (...a: unknown[]) => unknown)(s, ...rest);
    };
    const reclaimed = reclaimSqliteSpace(db, { stepPages: 64 });
    const write = new Promise<void>((resolve) =>
      setImmediate(
        () =>
          void sql.run(db, 'INSERT INTO blobs (id, body) VALUES (?, ?)', [5000, 'x']).then(() => {
            stepsBeforeWrite = steps;
            resolve();
          }),
      ),
    );
    expect(await reclaimed).toBe(free);
    await write;
    connection.pragma = original as typeof connection.pragma;
    expect(steps).toBeGreaterThanOrEqual(Math.ceil(free / 64));
    expect(stepsBeforeWrite).toBeGreaterThan(0);
    expect(stepsBeforeWrite).toBeLessThan(steps);
    expect(await pragma('freelist_count')).toBe(0);
    expect(statSync(file).size).toBeLessThan(size / 2);
    const { rows } = await sql.run(db, 'SELECT COUNT(*) AS n FROM blobs');
    expect(rows[0].n).toBe(65);
  });

  // After a vacuum the log holds every page moved: copying it and cutting it to nothing is the
  // checkpoint thread's work while the main side holds its writes; the main thread does it only
  // when the thread is gone.
  const walSize = () => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
  const mainCheckpoints = () => {
    const connection = (db.driver as unknown as { databaseConnection: { pragma: (s: string) => unknown } })
      .databaseConnection;
    const original = connection.pragma.bind(connection);
    const seen: string[] = [];
    connection.pragma = (s: string, ...rest: unknown[]) => {
      if (s.startsWith('wal_checkpoint')) seen.push(s);
      return (original as (...a: unknown[]) => unknown)(s, ...rest);
    };
    return seen;
  };

  test('the log is copied and cut on the checkpoint thread', async () => {
    await sql.run(db, 'DELETE FROM blobs WHERE id <= 192');
    const seen = mainCheckpoints();
    expect(await reclaimSqliteSpace(db)).toBeGreaterThan(0);
    expect(seen).toEqual([]);
    expect(walSize()).toBe(0);
    const { rows } = await sql.run(db, 'SELECT COUNT(*) AS n FROM blobs');
    expect(rows[0].n).toBe(64);
  });

  test('without the thread the main connection does it', async () => {
    await sqliteCheckpointerOf(db)!.stop();
    await sql.run(db, 'DELETE FROM blobs WHERE id <= 192');
    const seen = mainCheckpoints();
    expect(await reclaimSqliteSpace(db)).toBeGreaterThan(0);
    expect(seen).toEqual(['wal_checkpoint(TRUNCATE)']);
    expect(walSize()).toBe(0);
  });
});
