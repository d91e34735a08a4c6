import type { MigrationInterface, QueryRunner } from 'typeorm';

// A run's log (module logs, input, response, draft blueprint) moves from its own table into the
// run's row: a stored run is one row and one primary key instead of two (the SQLite migration
// says more). Large values go out of line (TOAST) as they did in execution_logs.
export class ExecutionLogsInlinePostgres1796460000000 implements MigrationInterface {
  name = 'ExecutionLogsInlinePostgres1796460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "executions" ADD "modules" text NOT NULL DEFAULT '[]', ADD "input" text, ADD "response" text,
         ADD "blueprint" text, ADD "confidential" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `UPDATE "executions" AS e SET "modules" = l."modules", "input" = l."input", "response" = l."response",
         "blueprint" = l."blueprint", "confidential" = l."confidential"
       FROM "execution_logs" AS l WHERE l."executionId" = e."id"`,
    );
    await queryRunner.query('DROP TABLE "execution_logs"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "execution_logs" ("executionId" character varying(36) NOT NULL, "modules" text NOT NULL, "input" text, "response" text, "blueprint" text, "confidential" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_ec078670d1abf10d9a9bd0833e6" PRIMARY KEY ("executionId")) WITH (fillfactor = 70)',
    );
    await queryRunner.query(
      `INSERT INTO "execution_logs" ("executionId", "modules", "input", "response", "blueprint", "confidential")
       SELECT "id", "modules", "input", "response", "blueprint", "confidential" FROM "executions"`,
    );
    await queryRunner.query(
      'ALTER TABLE "executions" DROP COLUMN "confidential", DROP COLUMN "blueprint", DROP COLUMN "response", DROP COLUMN "input", DROP COLUMN "modules"',
    );
  }
}
