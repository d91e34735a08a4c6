import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { HotSql, openDatabase, sqliteCheckpointerOf } from '@integrator/persistence';

// Retention's deletes are applied by the checkpoint thread's connection (HotSql.runAside), so
// the main thread serves meanwhile. SQLite's total_changes() counts the rows changed by one
// connection: the main connection's stays put when the thread did the work.

const mainConnection = (db: DataSource) =>
  (db.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
const changedHere = (db: DataSource) =>
  mainConnection(db).prepare('SELECT total_changes() AS n').get() as { n: number };
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('HotSql.runAside on a SQLite file', () => {
  let db: DataSource;
  let sql: HotSql;
  const count = async () => Number((await sql.run(db, 'SELECT COUNT(*) AS n FROM t')).rows[0].n);

  beforeEach(async () => {
    db = await openDatabase({ sqlitePath: join(mkdtempSync(join(tmpdir(), 'aside-')), 'x.db') });
    sql = new HotSql(db);
    await sql.run(db, 'CREATE TABLE t (id INTEGER PRIMARY KEY, flag INTEGER)');
    await sql.runMany(Array.from({ length: 10 }, (_, i) => ['INSERT INTO t (id) VALUES (?)', [i + 1]]));
  });
  afterEach(() => db.destroy());

  test('the thread applies them in one transaction and the main connection sees them at once', async () => {
    const before = changedHere(db);
    await sql.runAside([
      ['DELETE FROM t WHERE id <= ?', [5]],
      ['UPDATE t SET flag = ? WHERE id = ?', [true, 6]],
    ]);
    expect(changedHere(db)).toEqual(before);
    expect(await count()).toBe(5);
    expect((await sql.run(db, 'SELECT flag FROM t WHERE id = 6')).rows).toEqual([{ flag: 1 }]);
  });

  test('a failing statement applies nothing and rejects with SQLite’s code', async () => {
    const failed = sql.runAside([
      ['DELETE FROM t WHERE id <= ?', [2]],
      ['INSERT INTO t (id) VALUES (?)', [7]],
    ]);
    await expect(failed).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
      message: expect.stringContaining('UNIQUE constraint failed: t.id'),
    });
    expect(await count()).toBe(10);
  });

  test('they wait for a transaction open on the main connection, and come after it', async () => {
    const runner = db.createQueryRunner();
    await runner.startTransaction();
    await runner.query('INSERT INTO t (id) VALUES (?)', [11]);
    let settled = false;
    const aside = sql.runAside([['DELETE FROM t WHERE id > ?', [0]]]).then(() => (settled = true));
    for (let i = 0; i < 5; i++) await tick();
    expect(settled).toBe(false);
    await runner.commitTransaction();
    await runner.release();
    await aside;
    expect(await count()).toBe(0);
  });

  test('with the thread gone the main connection applies them', async () => {
    await sqliteCheckpointerOf(db)!.stop();
    const before = changedHere(db).n;
    await sql.runAside([['DELETE FROM t WHERE id <= ?', [3]]]);
    expect(changedHere(db).n).toBe(before + 3);
    expect(await count()).toBe(7);
  });
});
