import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RetentionLimitsPostgres1796420000000 implements MigrationInterface {
  name = 'RetentionLimitsPostgres1796420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "organization_settings" ADD "executionRetentionCount" integer NOT NULL DEFAULT \'10000\'',
    );
    await queryRunner.query(
      'ALTER TABLE "organization_settings" ADD "executionRetentionBytes" bigint NOT NULL DEFAULT \'1073741824\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "organization_settings" DROP COLUMN "executionRetentionBytes"');
    await queryRunner.query('ALTER TABLE "organization_settings" DROP COLUMN "executionRetentionCount"');
  }
}
