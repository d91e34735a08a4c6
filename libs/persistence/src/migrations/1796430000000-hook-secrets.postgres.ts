import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HookSecretsPostgres1796430000000 implements MigrationInterface {
  name = 'HookSecretsPostgres1796430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhooks" ADD "secretEncrypted" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhooks" DROP COLUMN "secretEncrypted"');
  }
}
