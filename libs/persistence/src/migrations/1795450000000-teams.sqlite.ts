import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropOwnedColumns, moveIntoDefaultTeam, OWNED_TABLES } from './teams-data';

// Written by hand: the generator rebuilds eight tables to add one column each; SQLite adds a
// column with a constant default in place. Existing rows land in the default team (id 1).
export class TeamsSqlite1795450000000 implements MigrationInterface {
  name = 'TeamsSqlite1795450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "teams" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "createdAt" bigint NOT NULL)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_48c0c32e6247a2de155baeaf98" ON "teams" ("name") ');
    await queryRunner.query(
      'CREATE TABLE "team_members" ("teamId" integer NOT NULL, "userId" integer NOT NULL, "role" varchar(20) NOT NULL, "createdAt" bigint NOT NULL, PRIMARY KEY ("teamId", "userId"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_0a72b849753a046462b4c5a8ec" ON "team_members" ("userId") ');
    await queryRunner.query(
      'CREATE TABLE "connection_shares" ("connectionId" integer NOT NULL, "teamId" integer NOT NULL, "createdBy" integer, "createdAt" bigint NOT NULL, PRIMARY KEY ("connectionId", "teamId"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_10c23cc12fc06c639e98b68aed" ON "connection_shares" ("teamId") ',
    );
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "at" bigint NOT NULL, "actorId" integer, "actorEmail" varchar(320) NOT NULL DEFAULT (''), "action" varchar(60) NOT NULL, "teamId" integer, "targetType" varchar(40) NOT NULL DEFAULT (''), "targetId" varchar(64), "details" text NOT NULL, "ip" varchar(64))`,
    );
    await queryRunner.query('CREATE INDEX "IDX_ba27cef5b8b2b1a756e06ebcc5" ON "audit_log" ("at") ');
    await queryRunner.query('CREATE INDEX "IDX_951e6339a77994dfbad976b35c" ON "audit_log" ("action") ');
    await queryRunner.query('CREATE INDEX "IDX_995cb23cd3d7429b3e9a5d3f4c" ON "audit_log" ("teamId") ');
    for (const [table, index] of OWNED_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "teamId" integer NOT NULL DEFAULT (1)`);
      await queryRunner.query(`CREATE INDEX "${index}" ON "${table}" ("teamId") `);
    }
    await moveIntoDefaultTeam(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOwnedColumns(queryRunner);
  }
}
