import type { MigrationInterface, QueryRunner } from 'typeorm';

// The index on "status" (rewritten at the claim and at the result of every run) gives way to a
// partial index of the runs not finished yet: a run stored finished (embedded mode) gets no
// entry at all, one that is claimed and then finished gets one entry, removed at its result.
export class UnfinishedExecutionsSqlite1796441159293 implements MigrationInterface {
  name = 'UnfinishedExecutionsSqlite1796441159293';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd"');
    await queryRunner.query(
      'CREATE INDEX "IDX_executions_unfinished" ON "executions" ("scenarioId", "createdAt") WHERE "finishedAt" IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_executions_unfinished"');
    await queryRunner.query('CREATE INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd" ON "executions" ("status") ');
  }
}
