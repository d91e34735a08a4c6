import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StateVersionsPostgres1795425000000 implements MigrationInterface {
  name = 'StateVersionsPostgres1795425000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "state_versions" ("kind" character varying(40) NOT NULL, "version" integer NOT NULL DEFAULT 0, CONSTRAINT "PK_state_versions_kind" PRIMARY KEY ("kind"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "state_versions"');
  }
}
