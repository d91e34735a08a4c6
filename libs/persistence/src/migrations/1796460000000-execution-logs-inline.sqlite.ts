import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COPY_LOGS_BACK, COPY_LOGS_INTO_RUNS } from './execution-logs-inline';

// A run's log (module logs, input, response, draft blueprint) moves from its own table into the
// run's row: a stored run is one insert into three B-trees (the table, its primary key, the
// scenario index) instead of two inserts into five, about 5 µs less of the main thread per
// short run (docs/BENCHMARKS.md, 2026-12-06 evening). Columns added last stay out of the way of
// the summary's: SQLite reads a row's record only as far as the columns asked for.
export class ExecutionLogsInlineSqlite1796460000000 implements MigrationInterface {
  name = 'ExecutionLogsInlineSqlite1796460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "executions" ADD COLUMN "modules" text NOT NULL DEFAULT ('[]')`);
    await queryRunner.query('ALTER TABLE "executions" ADD COLUMN "input" text');
    await queryRunner.query('ALTER TABLE "executions" ADD COLUMN "response" text');
    await queryRunner.query('ALTER TABLE "executions" ADD COLUMN "blueprint" text');
    await queryRunner.query(
      'ALTER TABLE "executions" ADD COLUMN "confidential" boolean NOT NULL DEFAULT (0)',
    );
    await queryRunner.query(COPY_LOGS_INTO_RUNS);
    await queryRunner.query('DROP TABLE "execution_logs"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "execution_logs" ("executionId" varchar(36) PRIMARY KEY NOT NULL, "modules" text NOT NULL, "input" text, "response" text, "blueprint" text, "confidential" boolean NOT NULL DEFAULT (0))',
    );
    await queryRunner.query(COPY_LOGS_BACK);
    for (const column of ['confidential', 'blueprint', 'response', 'input', 'modules'])
      await queryRunner.query(`ALTER TABLE "executions" DROP COLUMN "${column}"`);
  }
}
