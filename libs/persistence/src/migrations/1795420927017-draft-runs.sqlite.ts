import type { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: the generator rebuilds the table to add a column, which copies every
// execution log; SQLite adds a nullable column in place.
export class DraftRunsSqlite1795420927017 implements MigrationInterface {
  name = 'DraftRunsSqlite1795420927017';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "execution_logs" ADD COLUMN "blueprint" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "execution_logs" DROP COLUMN "blueprint"');
  }
}
