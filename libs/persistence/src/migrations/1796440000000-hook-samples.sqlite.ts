import type { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: SQLite adds nullable columns in place (no table rebuild).
export class HookSamplesSqlite1796440000000 implements MigrationInterface {
  name = 'HookSamplesSqlite1796440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhooks" ADD COLUMN "listeningSince" bigint');
    await queryRunner.query('ALTER TABLE "webhooks" ADD COLUMN "sample" text');
    await queryRunner.query('ALTER TABLE "webhooks" ADD COLUMN "sampleAt" bigint');
    await queryRunner.query('ALTER TABLE "connections" ADD COLUMN "verifiedAt" bigint');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "connections" DROP COLUMN "verifiedAt"');
    await queryRunner.query('ALTER TABLE "webhooks" DROP COLUMN "sampleAt"');
    await queryRunner.query('ALTER TABLE "webhooks" DROP COLUMN "sample"');
    await queryRunner.query('ALTER TABLE "webhooks" DROP COLUMN "listeningSince"');
  }
}
