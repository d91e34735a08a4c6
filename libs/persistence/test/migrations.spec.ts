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
