import type { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: the generator rebuilds the table to add a column, which copies every
// execution log; SQLite adds a column with a constant default in place.
export class ConfidentialRunsSqlite1795421947219 implements MigrationInterface {
  name = 'ConfidentialRunsSqlite1795421947219';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "execution_logs" ADD COLUMN "confidential" boolean NOT NULL DEFAULT (0)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "execution_logs" DROP COLUMN "confidential"');
  }
}
