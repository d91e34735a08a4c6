import type { QueryRunner } from 'typeorm';

/** Tables whose rows belong to a team, with the name TypeORM gives the teamId index. */
export const OWNED_TABLES: Array<[string, string]> = [
  ['app_connectors', 'IDX_9b9ba02d62b3f8978347c193ae'],
  ['connections', 'IDX_5c45064479282f65135120b39c'],
  ['custom_connectors', 'IDX_484ade34744000b77a1701719a'],
  ['data_stores', 'IDX_acc9e8564e1d061aaecfdd041d'],
  ['objectives', 'IDX_37ebe322772119b60adf8d4290'],
  ['key_results', 'IDX_e70471813a54d047567433a95b'],
  ['scenarios', 'IDX_84323cc6527634f0d3f94a17bb'],
  ['webhooks', 'IDX_1541840ff8b7e715faa4c3bbd8'],
];

/**
 * Existing data already sits in team 1 (the column default); this creates that team and makes
 * every user a member: super users (the owners) as team admins, everyone else as members, so
 * nobody loses what they could do before.
 */
export async function moveIntoDefaultTeam(queryRunner: QueryRunner): Promise<void> {
  const now = Date.now();
  await queryRunner.query(
    `INSERT INTO "teams" ("id", "name", "createdAt") VALUES (1, 'Default team', ${now})`,
  );
  await queryRunner.query(
    `INSERT INTO "team_members" ("teamId", "userId", "role", "createdAt")
     SELECT 1, "id", CASE WHEN "role" = 'superuser' THEN 'admin' ELSE 'member' END, ${now} FROM "users"`,
  );
}

export async function dropOwnedColumns(queryRunner: QueryRunner): Promise<void> {
  for (const [table, index] of OWNED_TABLES) {
    await queryRunner.query(`DROP INDEX "${index}"`);
    await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "teamId"`);
  }
  for (const table of ['audit_log', 'connection_shares', 'team_members', 'teams'])
    await queryRunner.query(`DROP TABLE "${table}"`);
}
