import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StateVersionsSqlite1795425000000 implements MigrationInterface {
  name = 'StateVersionsSqlite1795425000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "state_versions" ("kind" varchar(40) PRIMARY KEY NOT NULL, "version" integer NOT NULL DEFAULT (0))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "state_versions"');
  }
}
