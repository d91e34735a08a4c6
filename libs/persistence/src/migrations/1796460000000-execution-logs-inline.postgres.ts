import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COPY_LOGS_BACK, COPY_LOGS_INTO_RUNS } from './execution-logs-inline';

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
    await queryRunner.query(COPY_LOGS_INTO_RUNS);
    await queryRunner.query('DROP TABLE "execution_logs"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "execution_logs" ("executionId" character varying(36) NOT NULL, "modules" text NOT NULL, "input" text, "response" text, "blueprint" text, "confidential" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_ec078670d1abf10d9a9bd0833e6" PRIMARY KEY ("executionId")) WITH (fillfactor = 70)',
    );
    await queryRunner.query(COPY_LOGS_BACK);
    await queryRunner.query(
      'ALTER TABLE "executions" DROP COLUMN "confidential", DROP COLUMN "blueprint", DROP COLUMN "response", DROP COLUMN "input", DROP COLUMN "modules"',
    );
  }
}
