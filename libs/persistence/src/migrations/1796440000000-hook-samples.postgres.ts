import type { MigrationInterface, QueryRunner } from 'typeorm';

// A webhook's determined data structure and its listening flag; when a connection last worked.
export class HookSamplesPostgres1796440000000 implements MigrationInterface {
  name = 'HookSamplesPostgres1796440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhooks" ADD "listeningSince" bigint');
    await queryRunner.query('ALTER TABLE "webhooks" ADD "sample" text');
    await queryRunner.query('ALTER TABLE "webhooks" ADD "sampleAt" bigint');
    await queryRunner.query('ALTER TABLE "connections" ADD "verifiedAt" bigint');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "connections" DROP COLUMN "verifiedAt"');
    await queryRunner.query('ALTER TABLE "webhooks" DROP COLUMN "sampleAt"');
    await queryRunner.query('ALTER TABLE "webhooks" DROP COLUMN "sample"');
    await queryRunner.query('ALTER TABLE "webhooks" DROP COLUMN "listeningSince"');
  }
}
