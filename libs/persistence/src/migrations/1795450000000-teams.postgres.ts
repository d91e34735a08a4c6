import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropOwnedColumns, moveIntoDefaultTeam, OWNED_TABLES } from './teams-data';

export class TeamsPostgres1795450000000 implements MigrationInterface {
  name = 'TeamsPostgres1795450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "teams" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "createdAt" bigint NOT NULL, CONSTRAINT "PK_7e5523774a38b08a6236d322403" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_48c0c32e6247a2de155baeaf98" ON "teams" ("name") ');
    await queryRunner.query(
      'CREATE TABLE "team_members" ("teamId" integer NOT NULL, "userId" integer NOT NULL, "role" character varying(20) NOT NULL, "createdAt" bigint NOT NULL, CONSTRAINT "PK_b2f17b533905e0a94390c5e2208" PRIMARY KEY ("teamId", "userId"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_0a72b849753a046462b4c5a8ec" ON "team_members" ("userId") ');
    await queryRunner.query(
      'CREATE TABLE "connection_shares" ("connectionId" integer NOT NULL, "teamId" integer NOT NULL, "createdBy" integer, "createdAt" bigint NOT NULL, CONSTRAINT "PK_8e46793b1b82b32b4f8432daaac" PRIMARY KEY ("connectionId", "teamId"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_10c23cc12fc06c639e98b68aed" ON "connection_shares" ("teamId") ',
    );
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" SERIAL NOT NULL, "at" bigint NOT NULL, "actorId" integer, "actorEmail" character varying(320) NOT NULL DEFAULT '', "action" character varying(60) NOT NULL, "teamId" integer, "targetType" character varying(40) NOT NULL DEFAULT '', "targetId" character varying(64), "details" text NOT NULL, "ip" character varying(64), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query('CREATE INDEX "IDX_ba27cef5b8b2b1a756e06ebcc5" ON "audit_log" ("at") ');
    await queryRunner.query('CREATE INDEX "IDX_951e6339a77994dfbad976b35c" ON "audit_log" ("action") ');
    await queryRunner.query('CREATE INDEX "IDX_995cb23cd3d7429b3e9a5d3f4c" ON "audit_log" ("teamId") ');
    for (const [table, index] of OWNED_TABLES) {
      await queryRunner.query(`ALTER TABLE "${table}" ADD "teamId" integer NOT NULL DEFAULT '1'`);
      await queryRunner.query(`CREATE INDEX "${index}" ON "${table}" ("teamId") `);
    }
    await moveIntoDefaultTeam(queryRunner);
    // The default team was inserted with its id; the sequence must continue after it.
    await queryRunner.query(
      `SELECT setval(pg_get_serial_sequence('teams', 'id'), (SELECT MAX("id") FROM "teams"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropOwnedColumns(queryRunner);
  }
}
