import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConfidentialRunsPostgres1795421947219 implements MigrationInterface {
  name = 'ConfidentialRunsPostgres1795421947219';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "execution_logs" ADD "confidential" boolean NOT NULL DEFAULT false');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "execution_logs" DROP COLUMN "confidential"');
  }
}
