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

// SQLite: a group commit waits a few more turns of the event loop while groups keep coming
// (each page a commit changes is written once, whatever the commit holds), and no longer.
describe('HotSql group commits on SQLite', () => {
  let db: DataSource;
  let sql: HotSql;
  beforeEach(async () => {
    db = await openDatabase({ sqlitePath: join(mkdtempSync(join(tmpdir(), 'hot-sql-')), 'x.db') });
    await db.query('CREATE TABLE rows (id integer PRIMARY KEY)');
    await db.query(
      'CREATE TABLE commits (id integer PRIMARY KEY, n integer NOT NULL, rows integer NOT NULL)',
    );
    await db.query('INSERT INTO commits (id, n, rows) VALUES (1, 0, 0)');
    sql = new HotSql(db);
  });
  afterEach(() => db.destroy());

  // A tally runs once per commit, whatever the groups it holds: n counts the commits.
  const insert = (id: number) =>
    sql.runMany([['INSERT INTO rows (id) VALUES (?)', [id]]], {
      sql: 'UPDATE commits SET n = n + 1, rows = rows + ? WHERE id = 1',
      amount: () => 1,
    });
  const commits = async () => Number((await db.query('SELECT n FROM commits'))[0].n);
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

  /** Calls `each` at the end of `turns` consecutive turns of the event loop, one per turn. */
  function inTurns(turns: number, each: (turn: number) => void): Promise<void> {
    return new Promise((resolve) => {
      let turn = 0;
      const step = () => {
        each(++turn);
        if (turn < turns) setImmediate(step);
        else resolve();
      };
      setImmediate(step);
    });
  }

  test('groups that keep coming in the next turns join the commit', async () => {
    const written: Array<Promise<void>> = [insert(1), insert(2)];
    await inTurns(HotSql.gatherTurns - 1, (turn) => written.push(insert(10 + turn)));
    await Promise.all(written);
    expect(await commits()).toBe(1);
    expect((await db.query('SELECT COUNT(*) AS c FROM rows'))[0].c).toBe(2 + HotSql.gatherTurns - 1);
  });

  test('past gatherTurns turns the commit goes without the latecomers, which follow', async () => {
    let firstDone = false;
    const written: Array<Promise<void>> = [insert(1).then(() => void (firstDone = true)), insert(2)];
    const seenAtTurn: boolean[] = [];
    await inTurns(HotSql.gatherTurns + 2, (turn) => {
      seenAtTurn[turn] = firstDone;
      written.push(insert(10 + turn));
    });
    await Promise.all(written);
    // The first commit holds the groups of its own turn and the next gatherTurns - 1 (none of
    // them had it committed yet); each later group, alone in its turn, is committed at its end.
    expect(seenAtTurn.slice(1, HotSql.gatherTurns + 1)).toEqual(Array(HotSql.gatherTurns).fill(false));
    expect(seenAtTurn[HotSql.gatherTurns + 1]).toBe(true);
    expect(await commits()).toBe(3);
    expect((await db.query('SELECT rows FROM commits'))[0].rows).toBe(2 + HotSql.gatherTurns + 2);
  });

  test('a group that came alone is committed at the end of its own turn', async () => {
    let turns = 0;
    void inTurns(3, () => turns++);
    await insert(1);
    expect(turns).toBeLessThanOrEqual(1);
    expect(await commits()).toBe(1);
  });

  test('a turn that brings nothing ends the wait', async () => {
    const first = [insert(1), insert(2)];
    await nextTurn();
    await nextTurn();
    await Promise.all(first); // committed without waiting for the group below
    const late = insert(3);
    await late;
    expect(await commits()).toBe(2);
  });

  test('a commit holds at most gatherGroups groups before it stops waiting', async () => {
    const written = Array.from({ length: HotSql.gatherGroups }, (_, i) => insert(i + 1));
    await inTurns(1, () => written.push(insert(100_000)));
    await Promise.all(written);
    expect(await commits()).toBe(2);
  });
});
