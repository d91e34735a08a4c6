import type { MigrationInterface, QueryRunner } from 'typeorm';

// Retention's size limit without reading the whole history each pass: a run's stored size is
// computed once, after it finished ("storedBytes", filled by the retention pass, never on the
// per-run path), and the database keeps the total of those sizes in one row, changed by
// triggers only when a size is set or a sized run is deleted (whoever deletes it: retention,
// a deleted scenario, another process). Existing runs start unsized; the first pass sizes them.
export class ExecutionSizesSqlite1796450000000 implements MigrationInterface {
  name = 'ExecutionSizesSqlite1796450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "executions" ADD COLUMN "storedBytes" bigint');
    await queryRunner.query(
      'CREATE TABLE "execution_totals" ("id" integer PRIMARY KEY NOT NULL, "storedBytes" bigint NOT NULL DEFAULT (0))',
    );
    await queryRunner.query('INSERT INTO "execution_totals" ("id", "storedBytes") VALUES (1, 0)');
    await queryRunner.query(
      `CREATE TRIGGER "execution_sized" AFTER UPDATE OF "storedBytes" ON "executions" BEGIN
         UPDATE "execution_totals" SET "storedBytes" = "storedBytes" + COALESCE(NEW."storedBytes", 0) - COALESCE(OLD."storedBytes", 0) WHERE "id" = 1;
       END`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "execution_unsized" AFTER DELETE ON "executions" WHEN OLD."storedBytes" IS NOT NULL BEGIN
         UPDATE "execution_totals" SET "storedBytes" = "storedBytes" - OLD."storedBytes" WHERE "id" = 1;
       END`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "execution_unsized"');
    await queryRunner.query('DROP TRIGGER "execution_sized"');
    await queryRunner.query('DROP TABLE "execution_totals"');
    await queryRunner.query('ALTER TABLE "executions" DROP COLUMN "storedBytes"');
  }
}
