import type { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: SQLite adds a column with a constant default in place (no table rebuild).
export class MailHooksSqlite1796412332792 implements MigrationInterface {
  name = 'MailHooksSqlite1796412332792';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhooks" ADD COLUMN "kind" varchar(8) NOT NULL DEFAULT (\'web\')');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhooks" DROP COLUMN "kind"');
  }
}
