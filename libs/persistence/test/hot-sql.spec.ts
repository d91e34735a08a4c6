import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { HotSql, openDatabase } from '@integrator/persistence';

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
