import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DraftRunsPostgres1795420927017 implements MigrationInterface {
  name = 'DraftRunsPostgres1795420927017';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "execution_logs" ADD "blueprint" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "execution_logs" DROP COLUMN "blueprint"');
  }
}
