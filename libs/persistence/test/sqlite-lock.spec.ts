import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openDatabase, ScenarioEntity } from '@integrator/persistence';

// The shared SQLite connection must behave under concurrency as a pool would.
describe('SQLite under concurrent use', () => {
  let db: DataSource;
  beforeEach(async () => {
    db = await openDatabase({ sqlitePath: join(mkdtempSync(join(tmpdir(), 'lock-')), 'x.db') });
  });
  afterEach(() => db.destroy());
  const repo = () => db.getRepository(ScenarioEntity);
  const row = (name: string) => ({ name, blueprint: {}, createdAt: 1, updatedAt: 1 });

  test('concurrent transactions with async gaps all commit', async () => {
    const work = Array.from({ length: 20 }, (_, i) =>
      db.transaction(async (tx) => {
        await tx.getRepository(ScenarioEntity).insert(row(`s${i}`));
        await new Promise((r) => setTimeout(r, 2));
        await tx.getRepository(ScenarioEntity).update({ name: `s${i}` }, { folder: 'done' });
      }),
    );
    await Promise.all(work);
    expect(await repo().countBy({ folder: 'done' })).toBe(20);
  });

  test("a plain write during another flow's transaction does not join it (and survives its rollback)", async () => {
    let inside!: () => void;
    const opened = new Promise<void>((r) => (inside = r));
    const failing = db.transaction(async (tx) => {
      await tx.getRepository(ScenarioEntity).insert(row('doomed'));
      inside();
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('roll back');
    });
    await opened;
    const plain = repo().insert(row('independent'));
    const saved = repo().save(repo().create(row('saved')));
    await expect(failing).rejects.toThrow('roll back');
    await Promise.all([plain, saved]);
    expect((await repo().find()).map((s) => s.name).sort()).toEqual(['independent', 'saved']);
  });

  test("saves and nested transactions on the transaction's own manager work inside it", async () => {
    await db.transaction(async (tx) => {
      await tx.getRepository(ScenarioEntity).save(tx.getRepository(ScenarioEntity).create(row('a')));
      await tx.transaction(async (inner) => inner.getRepository(ScenarioEntity).insert(row('b')));
    });
    expect(await repo().count()).toBe(2);
  });
});
