import { DataSource } from 'typeorm';
import { ENTITIES, ExecutionEntity, openDatabase, ScenarioEntity } from '@integrator/persistence';
import { closeDatabase, databaseTargets } from '../../../test/support/databases';

describe.each(databaseTargets())('migrations on $name', (target) => {
  let db: DataSource;
  const config = target.config();
  beforeAll(async () => {
    db = await openDatabase(config);
  });
  afterAll(() => closeDatabase(db, config));

  test('the committed migrations build exactly the schema the entities describe', async () => {
    const pending = await db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    expect(await db.showMigrations()).toBe(false);
  });

  test('every entity round-trips, timestamps as numbers and JSON as values', async () => {
    const now = Date.now();
    const scenarios = db.getRepository(ScenarioEntity);
    const saved = await scenarios.save(
      scenarios.create({
        name: 'S',
        blueprint: { flow: [{ id: 1 }] },
        schedule: { type: 'daily', time: '09:00' },
        createdAt: now,
        updatedAt: now,
      }),
    );
    const back = await scenarios.findOneByOrFail({ id: saved.id });
    expect(back).toMatchObject({
      name: 'S',
      blueprint: { flow: [{ id: 1 }] },
      createdAt: now,
      active: false,
      lastSlot: null,
    });
    const executions = db.getRepository(ExecutionEntity);
    await executions.save({
      id: 'e1',
      scenarioId: saved.id,
      scenarioVersion: 1,
      status: 'success',
      trigger: 'manual',
      createdAt: now,
      dataSize: 5_000_000_000,
    });
    expect((await executions.findOneByOrFail({ id: 'e1' })).dataSize).toBe(5_000_000_000);
    expect(ENTITIES.length).toBeGreaterThan(10);
  });
});

const postgres = databaseTargets().find((t) => t.name === 'postgres');
(postgres ? describe : describe.skip)('migrations from several processes at once (PostgreSQL)', () => {
  test('processes starting together on a fresh database all start, each migration runs once', async () => {
    const config = postgres!.config();
    // Four data sources stand for four processes: separate pools, one fresh schema.
    const opened = await Promise.allSettled([1, 2, 3, 4].map(() => openDatabase(config)));
    const dbs = opened.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
    try {
      expect(opened.filter((o) => o.status === 'rejected')).toEqual([]);
      const rows = (await dbs[0].query('SELECT name, count(*)::int AS n FROM migrations GROUP BY name')) as {
        n: number;
      }[];
      expect(rows.length).toBeGreaterThan(5);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await Promise.all(dbs.slice(1).map((d) => d.destroy()));
      await closeDatabase(dbs[0], config);
    }
  });
});
