import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@integrator/persistence';
import { SQLITE_MIGRATIONS } from '../src/migrations';

// A database from before teams, with rows in it, migrated: everything lands in the default team.
describe('the teams migration on SQLite with existing rows', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'teams-mig-')), 'old.db');
  const before = SQLITE_MIGRATIONS.filter((m) => m.name !== 'TeamsSqlite1795450000000');
  let db: DataSource;

  afterAll(() => db?.destroy());

  test('existing users become members of the default team and their data belongs to it', async () => {
    expect(before.length).toBe(SQLITE_MIGRATIONS.length - 1);
    const old = new DataSource({ ...dataSourceOptions({ sqlitePath: path }), migrations: before } as never);
    await old.initialize();
    await old.runMigrations();
    await old.query(
      `INSERT INTO users (id, email, name, "passwordHash", role, "createdAt") VALUES (1, 'o@x', 'O', 'h', 'superuser', 1), (2, 'u@x', 'U', 'h', 'user', 1)`,
    );
    await old.query(
      `INSERT INTO scenarios (name, folder, blueprint, "ownerId", "createdAt", "updatedAt") VALUES ('S', '', '{"flow":[]}', 2, 1, 1)`,
    );
    await old.query(
      `INSERT INTO connections (name, type, "ownerId", "values", secrets, "createdAt", "updatedAt") VALUES ('C', 'http:bearer', 2, '{}', 'x', 1, 1)`,
    );
    await old.query(`INSERT INTO data_stores (name, fields, "createdAt") VALUES ('D', '[]', 1)`);
    await old.destroy();

    db = new DataSource(dataSourceOptions({ sqlitePath: path }));
    await db.initialize();
    expect(await db.showMigrations()).toBe(true);
    await db.runMigrations();
    expect(await db.query('SELECT id, name FROM teams')).toEqual([{ id: 1, name: 'Default team' }]);
    expect(await db.query('SELECT "teamId", "userId", role FROM team_members ORDER BY "userId"')).toEqual([
      { teamId: 1, userId: 1, role: 'admin' },
      { teamId: 1, userId: 2, role: 'member' },
    ]);
    for (const table of ['scenarios', 'connections', 'data_stores'])
      expect(await db.query(`SELECT "teamId" FROM ${table}`)).toEqual([{ teamId: 1 }]);
    // A team created afterwards gets the next id.
    await db.query(`INSERT INTO teams (name, "createdAt") VALUES ('Sales', 2)`);
    expect(await db.query(`SELECT id FROM teams WHERE name = 'Sales'`)).toEqual([{ id: 2 }]);
    // And the schema is exactly what the entities describe.
    expect((await db.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
});
