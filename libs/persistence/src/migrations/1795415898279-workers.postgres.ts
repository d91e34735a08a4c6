import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkersPostgres1795415898279 implements MigrationInterface {
  name = 'WorkersPostgres1795415898279';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "workers" ("id" character varying(100) NOT NULL, "startedAt" bigint NOT NULL, "lastSeenAt" bigint NOT NULL, CONSTRAINT "PK_e950c9aba3bd84a4f193058d838" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('ALTER TABLE "executions" ADD "recoveries" integer NOT NULL DEFAULT \'0\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "executions" DROP COLUMN "recoveries"');
    await queryRunner.query('DROP TABLE "workers"');
  }
}
