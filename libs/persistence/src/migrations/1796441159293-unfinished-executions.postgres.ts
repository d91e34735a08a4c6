import type { MigrationInterface, QueryRunner } from 'typeorm';

// Lets the claim of a run (and, on execution_logs, its result) be a HOT update on PostgreSQL:
// no index holds a column the update changes, and the page keeps room for the new row version,
// so PostgreSQL rewrites the row in place and writes no index entry. The index on "status"
// (changed by the claim and by the result) gives way to a partial index of the runs not
// finished yet. The fill factor applies to pages filled from now on; existing rows stay as
// they are (no table rewrite).
export class UnfinishedExecutionsPostgres1796441159293 implements MigrationInterface {
  name = 'UnfinishedExecutionsPostgres1796441159293';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd"');
    await queryRunner.query(
      'CREATE INDEX "IDX_executions_unfinished" ON "executions" ("scenarioId", "createdAt") WHERE "finishedAt" IS NULL',
    );
    await queryRunner.query('ALTER TABLE "executions" SET (fillfactor = 70)');
    await queryRunner.query('ALTER TABLE "execution_logs" SET (fillfactor = 70)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "execution_logs" RESET (fillfactor)');
    await queryRunner.query('ALTER TABLE "executions" RESET (fillfactor)');
    await queryRunner.query('DROP INDEX "IDX_executions_unfinished"');
    await queryRunner.query('CREATE INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd" ON "executions" ("status") ');
  }
}
