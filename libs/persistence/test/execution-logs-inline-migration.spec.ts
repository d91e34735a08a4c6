import { DataSource } from 'typeorm';
import { dataSourceOptions, openDatabase, readExecutionLog } from '@integrator/persistence';
import { closeDatabase, databaseTargets } from '../../../test/support/databases';
import { logs, projected, ROWS, seedRuns, snapshot, undoThrough } from './support/seeded-runs';

// Issue 14: a run's log moves into the run's row (one insert per stored run). A database with
// runs and their logs, migrated: every run and every log is kept, read where it now is, the
// logs' table is gone; and the way back puts every log in its own table again.
const LAST = /^ExecutionLogsInline(Sqlite|Postgres)\d+$/;

describe.each(databaseTargets())('the execution-logs-inline migration on $name', (target) => {
  const config = target.config();
  let db: DataSource | undefined;
  afterAll(() => (db ? closeDatabase(db, config) : undefined));

  test('moves every log into its run, and back', async () => {
    const empty = await openDatabase({ ...config });
    await undoThrough(empty, LAST);
    await seedRuns(empty, 30, (i) => ({
      status: i % 3 ? 'success' : 'running',
      finishedAt: i % 3 ? 50 + i : null,
    }));
    // One run with a draft blueprint and a response, one confidential (their columns move too).
    await empty.query(
      `UPDATE execution_logs SET "blueprint" = '{"flow":[]}', "response" = '{"status":200}' WHERE "executionId" = 'e1'`,
    );
    await empty.query(
      `UPDATE execution_logs SET "confidential" = TRUE, "input" = NULL WHERE "executionId" = 'e2'`,
    );
    const before = await snapshot(empty);
    await empty.destroy();

    db = new DataSource(dataSourceOptions(config));
    await db.initialize();
    await db.runMigrations();
    expect(projected(await db.query(ROWS), before[0])).toEqual(before[0]);
    expect(await logs(db)).toEqual(before[1]);
    const runner = db.createQueryRunner();
    expect(await runner.hasTable('execution_logs').finally(() => runner.release())).toBe(false);
    expect((await db.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    expect(await readExecutionLog(db, 'e1')).toMatchObject({
      id: 'e1',
      modules: [],
      input: { n: 1 },
      response: { status: 200 },
      blueprint: { flow: [] },
      confidential: false,
    });
    expect(await readExecutionLog(db, 'e2')).toMatchObject({ input: null, confidential: true });
    expect(await readExecutionLog(db, 'nope')).toBeNull();

    // And back: the logs in their own table again, as they were.
    await undoThrough(db, LAST);
    expect(await db.query(ROWS)).toEqual(before[0]);
    expect(await logs(db)).toEqual(before[1]);
    await db.runMigrations();
  });
});
