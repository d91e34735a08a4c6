import { DataSource } from 'typeorm';
import { dataSourceOptions, openDatabase } from '@integrator/persistence';
import { closeDatabase, databaseTargets } from '../../../test/support/databases';
import { logs, projected, ROWS, seedRuns, snapshot, undoThrough } from './support/seeded-runs';

// Issue 14: runs get a stored size (set once by retention) and the database keeps their total.
// A database with runs, migrated: every row is kept as it was, the runs start unsized with a
// total of 0, the total follows sizes set and runs deleted, and the way back keeps every row.
const LAST = /^ExecutionSizes(Sqlite|Postgres)\d+$/;

describe.each(databaseTargets())('the execution-sizes migration on $name', (target) => {
  const config = target.config();
  let db: DataSource | undefined;
  afterAll(() => (db ? closeDatabase(db, config) : undefined));

  test('keeps every execution and its log; the total follows sizes set and runs deleted', async () => {
    const empty = await openDatabase({ ...config });
    await undoThrough(empty, LAST);
    const scenarioId = await seedRuns(empty, 20, (i) => ({ status: 'success', finishedAt: 100 + i }));
    const before = await snapshot(empty);
    await empty.destroy();

    db = new DataSource(dataSourceOptions(config));
    await db.initialize();
    await db.runMigrations();
    const after = (await db.query(ROWS)) as Array<Record<string, unknown>>;
    expect(after.map((r) => r.storedBytes)).toEqual(before[0].map(() => null));
    expect(projected(after, before[0])).toEqual(before[0]);
    expect(await logs(db)).toEqual(before[1]);
    expect((await db.driver.createSchemaBuilder().log()).upQueries).toEqual([]);

    const total = async () =>
      Number(
        ((await db!.query('SELECT "storedBytes" AS n FROM execution_totals')) as Array<{ n: string }>)[0].n,
      );
    expect(await total()).toBe(0);
    // Sizes set (as retention does: SQLite's trigger adds them; on PostgreSQL the statement does).
    if (db.options.type === 'postgres')
      await db.query(
        `WITH s AS (UPDATE executions SET "storedBytes" = 100 WHERE "createdAt" < 10 RETURNING "storedBytes")
         UPDATE execution_totals SET "storedBytes" = execution_totals."storedBytes" + (SELECT SUM("storedBytes") FROM s)`,
      );
    else await db.query(`UPDATE executions SET "storedBytes" = 100 WHERE "createdAt" < 10`);
    expect(await total()).toBe(1000);
    // Deleted by anyone (here: three sized runs and two unsized ones), the total follows.
    await db.query(`DELETE FROM executions WHERE "createdAt" IN (0, 1, 2, 15, 16)`);
    expect(await total()).toBe(700);
    await db.query(`DELETE FROM executions WHERE "scenarioId" = ${scenarioId}`);
    expect(await total()).toBe(0);

    // And back: the rows are as they were before (those still there), the total table gone.
    await db.query(
      `INSERT INTO executions ("id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "storedBytes") VALUES ('x', ${scenarioId}, 1, 'queued', 'api', 5, NULL)`,
    );
    await undoThrough(db, LAST);
    const [row] = (await db.query(ROWS)) as Array<Record<string, unknown>>;
    expect(row).toMatchObject({ id: 'x', status: 'queued' });
    expect(row).not.toHaveProperty('storedBytes');
    // The deleted runs' logs went with them (they are in their rows since ExecutionLogsInline).
    expect((await logs(db)).map((l) => l.executionId)).toEqual(['x']);
  });
});
