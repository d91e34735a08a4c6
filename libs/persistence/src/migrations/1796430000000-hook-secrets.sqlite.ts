import type { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: SQLite adds a nullable column in place (no table rebuild).
export class HookSecretsSqlite1796430000000 implements MigrationInterface {
  name = 'HookSecretsSqlite1796430000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhooks" ADD COLUMN "secretEncrypted" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhooks" DROP COLUMN "secretEncrypted"');
  }
}
