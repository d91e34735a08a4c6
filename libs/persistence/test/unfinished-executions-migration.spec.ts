import { DataSource } from 'typeorm';
import { dataSourceOptions, openDatabase } from '@integrator/persistence';
import { closeDatabase, databaseTargets } from '../../../test/support/databases';
import { logs, projected, ROWS, seedRuns, snapshot, undoThrough } from './support/seeded-runs';

// Issue 14: the index on executions.status gives way to a partial index of unfinished runs (and,
// on PostgreSQL, a fill factor with room for HOT updates). A database with runs in every state,
// migrated: every row is kept as it was, and the unfinished runs are found through the new index.
const LAST = /^UnfinishedExecutions(Sqlite|Postgres)\d+$/;

describe.each(databaseTargets())('the unfinished-executions migration on $name', (target) => {
  const config = target.config();
  let db: DataSource | undefined;
  afterAll(() => (db ? closeDatabase(db, config) : undefined));

  test('keeps every execution and its log, and the history finds its unfinished runs', async () => {
    // The database as it was before: every migration up to this one (the later ones and this one
    // undone; openDatabase creates the test schema).
    const empty = await openDatabase({ ...config });
    await undoThrough(empty, LAST);
    expect(await empty.showMigrations()).toBe(true);
    const statuses = ['queued', 'running', 'success', 'warning', 'error'];
    const scenarioId = await seedRuns(empty, 50, (i) => {
      const status = statuses[i % statuses.length];
      return { status, finishedAt: status === 'queued' || status === 'running' ? null : 1000 + i };
    });
    const before = await snapshot(empty);
    await empty.destroy();

    db = new DataSource(dataSourceOptions(config));
    await db.initialize();
    expect(await db.showMigrations()).toBe(true);
    await db.runMigrations();
    expect([projected(await db.query(ROWS), before[0]), await logs(db)]).toEqual(before);
    expect((await db.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    const unfinished = (await db.query(
      `SELECT id FROM executions WHERE "scenarioId" = ${scenarioId} AND "finishedAt" IS NULL AND status = 'running' ORDER BY "createdAt"`,
    )) as Array<{ id: string }>;
    expect(unfinished.map((r) => r.id)).toEqual([
      'e1',
      'e6',
      'e11',
      'e16',
      'e21',
      'e26',
      'e31',
      'e36',
      'e41',
      'e46',
    ]);
    if (db.options.type === 'postgres') {
      const [{ reloptions }] = (await db.query(
        `SELECT reloptions FROM pg_class WHERE relname = 'executions' AND relnamespace = current_schema()::regnamespace`,
      )) as Array<{ reloptions: string[] }>;
      expect(reloptions).toEqual(['fillfactor=70']);
    }
    // And back: the index on status returns, every row still there.
    await undoThrough(db, LAST);
    expect([projected(await db.query(ROWS), before[0]), await logs(db)]).toEqual(before);
  });
});
