import type { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: SQLite adds a column with a constant default in place (no table rebuild).
export class RetentionLimitsSqlite1796420000000 implements MigrationInterface {
  name = 'RetentionLimitsSqlite1796420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "organization_settings" ADD COLUMN "executionRetentionCount" integer NOT NULL DEFAULT (10000)',
    );
    await queryRunner.query(
      'ALTER TABLE "organization_settings" ADD COLUMN "executionRetentionBytes" bigint NOT NULL DEFAULT (1073741824)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "organization_settings" DROP COLUMN "executionRetentionBytes"');
    await queryRunner.query('ALTER TABLE "organization_settings" DROP COLUMN "executionRetentionCount"');
  }
}
