import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { HotSql, openDatabase } from '@integrator/persistence';
import { closeDatabase, databaseTargets } from '../../../test/support/databases';

// HotSql keeps prepared statements by their text; `IN (?, ?, …)` lists of every length must not
// each stay prepared for the life of the process.
describe('HotSql prepared statements', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = await openDatabase({ sqlitePath: join(mkdtempSync(join(tmpdir(), 'hot-sql-')), 'x.db') });
  });
  afterEach(() => db.destroy());

  test('statements of every IN-list length stay under the limit, and still answer', async () => {
    const sql = new HotSql(db);
    const lengths = HotSql.cachedStatements * 3;
    for (let n = 1; n <= lengths; n++) {
      const ids = Array.from({ length: n }, (_, i) => i);
      const { rows } = await sql.run(
        db,
        `SELECT COUNT(*) AS c FROM scenarios WHERE id IN (${ids.map(() => '?').join(', ')})`,
        ids,
      );
      expect(rows).toEqual([{ c: 0 }]);
    }
    expect(sql.preparedCount).toBe(HotSql.cachedStatements);
  });

  test('a statement pushed out is prepared again when it comes back', async () => {
    const sql = new HotSql(db);
    const first = 'SELECT 1 AS one';
    expect((await sql.run(db, first)).rows).toEqual([{ one: 1 }]);
    for (let n = 0; n < HotSql.cachedStatements; n++) await sql.run(db, `SELECT ${n} AS n`);
    expect((await sql.run(db, first)).rows).toEqual([{ one: 1 }]);
    expect(sql.preparedCount).toBe(HotSql.cachedStatements);
  });
});

// A running total (retention's stored bytes) changes once per commit, by the groups committed.
describe.each(databaseTargets())('HotSql tallies on $name', (target) => {
  let db: DataSource;
  let config: ReturnType<typeof target.config>;
  beforeEach(async () => {
    config = target.config();
    db = await openDatabase(config);
    await db.query('CREATE TABLE tally_rows (id integer PRIMARY KEY, size integer NOT NULL)');
    await db.query(
      'CREATE TABLE tally_total (id integer PRIMARY KEY, total integer NOT NULL, changes integer NOT NULL)',
    );
    await db.query('INSERT INTO tally_total (id, total, changes) VALUES (1, 0, 0)');
  });
  afterEach(() => closeDatabase(db, config));

  const ADD = 'UPDATE tally_total SET total = total + ?, changes = changes + 1 WHERE id = 1';
  const insert = (sql: HotSql, id: number, size: number) =>
    sql.runMany(() => [['INSERT INTO tally_rows (id, size) VALUES (?, ?)', [id, size]]], {
      sql: ADD,
      amount: () => size,
    });
  const total = async () => (await db.query('SELECT total, changes FROM tally_total'))[0];

  test('the groups of one commit add their amounts with one statement', async () => {
    const sql = new HotSql(db);
    await Promise.all([insert(sql, 1, 100), insert(sql, 2, 20), insert(sql, 3, 0), insert(sql, 4, 3)]);
    const { total: sum, changes } = await total();
    expect(Number(sum)).toBe(123);
    // SQLite commits the four groups together: one change. Elsewhere each group is its own.
    expect(Number(changes)).toBe(target.name === 'sqlite' ? 1 : 3);
    await insert(sql, 5, 0); // nothing to add: no statement
    expect(Number((await total()).changes)).toBe(target.name === 'sqlite' ? 1 : 3);
  });

  test('a group that fails adds nothing; the others still add theirs', async () => {
    const sql = new HotSql(db);
    await insert(sql, 1, 5);
    const results = await Promise.allSettled([insert(sql, 2, 10), insert(sql, 1, 1000), insert(sql, 3, 7)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(Number((await total()).total)).toBe(22);
    const rows = await db.query('SELECT id FROM tally_rows ORDER BY id');
    expect(rows.map((r: { id: number }) => Number(r.id))).toEqual([1, 2, 3]);
  });

  test('the amount is asked once the statements are built', async () => {
    const sql = new HotSql(db);
    let size = 0;
    await sql.runMany(
      () => {
        size = 42; // as a pending run's size, known only when its rows are built
        return [['INSERT INTO tally_rows (id, size) VALUES (?, ?)', [1, size]]];
      },
      { sql: ADD, amount: () => size },
    );
    expect(Number((await total()).total)).toBe(42);
  });
});
