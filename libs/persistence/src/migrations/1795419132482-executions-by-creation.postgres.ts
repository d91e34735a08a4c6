import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ExecutionsByCreationPostgres1795419132482 implements MigrationInterface {
  name = 'ExecutionsByCreationPostgres1795419132482';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad"');
    await queryRunner.query(
      'CREATE INDEX "IDX_93e9a17a3d779613f4aa7cf9b6" ON "executions" ("scenarioId", "createdAt") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_93e9a17a3d779613f4aa7cf9b6"');
    await queryRunner.query(
      'CREATE INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad" ON "executions" ("scenarioId", "startedAt") ',
    );
  }
}
