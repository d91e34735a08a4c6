import { DataSource } from 'typeorm';
import { openDatabase, readExecutionLog, ScenarioVersionEntity } from '@integrator/persistence';
import { closeDatabase, databaseTargets } from '../../../test/support/databases';

// Stored scenarios were ours before the marker existed; the migration says so in each of them
// (scenarios, every version, and the draft blueprints of manual runs) and its down removes it.
describe.each(databaseTargets())('the blueprint format marker migration on $name', (target) => {
  let db: DataSource;
  const config = target.config();
  beforeAll(async () => {
    db = await openDatabase(config);
    // The database as it was before the migration (later migrations undone first).
    await undoThroughMarker(db);
  });
  afterAll(() => closeDatabase(db, config));

  test('stamps metadata.integrator.format into every stored blueprint, and down takes it out', async () => {
    const now = Date.now();
    // Plain SQL: the entity has columns of later migrations that this older schema lacks.
    const scenarios = scenarioRows(db);
    const flow = [{ id: 1, module: 'gateway:CustomWebHook' }];
    const bare = await scenarios.insert('bare', { flow }, now);
    const withMeta = await scenarios.insert(
      'meta',
      { flow, metadata: { scenario: { roundtrips: 2 }, integrator: { note: 'x' } } },
      now,
    );
    // Enough versions to span more than one page of the migration's reads.
    await db.getRepository(ScenarioVersionEntity).insert(
      Array.from({ length: 501 }, (_, i) => ({
        scenarioId: bare.id,
        version: i + 1,
        blueprint: { flow, name: `v${i + 1}` },
        createdAt: now,
      })),
    );
    // Plain SQL: the entity has columns of later migrations (the log's) that this schema lacks.
    for (const id of ['draft', 'saved'])
      await db.query(
        `INSERT INTO executions ("id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt") VALUES ('${id}', ${bare.id}, 1, 'success', 'manual', ${now})`,
      );
    // Plain SQL: logs had a table of their own then (ExecutionLogsInline moved them later).
    await db.query(
      `INSERT INTO execution_logs ("executionId", "modules", "blueprint") VALUES ('draft', '[]', '${JSON.stringify({ flow })}'), ('saved', '[]', NULL)`,
    );

    await db.runMigrations({ transaction: 'each' });
    expect(await db.showMigrations()).toBe(false);
    const mark = { integrator: { format: 1 } };
    expect(await scenarios.blueprint(bare.id)).toEqual({ flow, metadata: mark });
    expect((await scenarios.blueprint(withMeta.id)).metadata).toEqual({
      scenario: { roundtrips: 2 },
      integrator: { note: 'x', format: 1 },
    });
    const versions = await db.getRepository(ScenarioVersionEntity).find();
    expect(versions).toHaveLength(501);
    expect(versions.every((v) => (v.blueprint.metadata as typeof mark).integrator.format === 1)).toBe(true);
    expect((await readExecutionLog(db, 'draft'))!.blueprint).toEqual({
      flow,
      metadata: mark,
    });
    expect((await readExecutionLog(db, 'saved'))!.blueprint).toBeNull();

    await undoThroughMarker(db);
    expect(await scenarios.blueprint(bare.id)).toEqual({ flow, metadata: {} });
    expect((await scenarios.blueprint(withMeta.id)).metadata).toEqual({
      scenario: { roundtrips: 2 },
      integrator: { note: 'x' },
    });
    await db.runMigrations({ transaction: 'each' });
  });
});

/** Undoes the migrations down to and including the marker's (later ones come off first). */
async function undoThroughMarker(db: DataSource): Promise<void> {
  const applied = async () =>
    ((await db.query('SELECT name FROM migrations')) as Array<{ name: string }>).map((r) => r.name);
  while ((await applied()).some((name) => name.startsWith('BlueprintFormatMarker')))
    await db.undoLastMigration({ transaction: 'each' });
}

/** Scenario rows by plain SQL (both dialects quote identifiers alike; placeholders differ). */
function scenarioRows(db: DataSource) {
  const pg = db.options.type === 'postgres';
  const p = (n: number) => (pg ? `$${n}` : '?');
  return {
    async insert(name: string, blueprint: object, now: number): Promise<{ id: number }> {
      await db.query(
        `INSERT INTO "scenarios" ("name", "blueprint", "createdAt", "updatedAt") VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)})`,
        [name, JSON.stringify(blueprint), now, now],
      );
      const [row] = (await db.query(`SELECT "id" FROM "scenarios" WHERE "name" = ${p(1)}`, [name])) as Array<{
        id: number;
      }>;
      return { id: Number(row.id) };
    },
    async blueprint(id: number): Promise<{ metadata?: unknown } & Record<string, unknown>> {
      const [row] = (await db.query(`SELECT "blueprint" FROM "scenarios" WHERE "id" = ${p(1)}`, [
        id,
      ])) as Array<{
        blueprint: string;
      }>;
      return JSON.parse(row.blueprint) as { metadata?: unknown } & Record<string, unknown>;
    },
  };
}
