import type { MigrationInterface, QueryRunner } from 'typeorm';

// Retention's size limit without reading the whole history each pass: a run's stored size is
// computed once, after it finished ("storedBytes", filled by the retention pass, never on the
// per-run path), and the database keeps the total of those sizes in one row. The statement
// that sizes runs adds what it set to the total itself (one update per chunk: a row trigger
// would cost a total update per run); a trigger subtracts the sizes of deleted runs, once per
// statement, whoever deletes them (retention, a deleted scenario, another process). Existing
// runs start unsized; the first pass sizes them.
export class ExecutionSizesPostgres1796450000000 implements MigrationInterface {
  name = 'ExecutionSizesPostgres1796450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "executions" ADD "storedBytes" bigint');
    await queryRunner.query(
      'CREATE TABLE "execution_totals" ("id" integer NOT NULL, "storedBytes" bigint NOT NULL DEFAULT 0, CONSTRAINT "PK_execution_totals" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('INSERT INTO "execution_totals" ("id", "storedBytes") VALUES (1, 0)');
    await queryRunner.query(
      `CREATE FUNCTION "execution_unsized"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE "execution_totals" SET "storedBytes" = "storedBytes" - (SELECT COALESCE(SUM("storedBytes"), 0) FROM removed) WHERE "id" = 1;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "execution_unsized" AFTER DELETE ON "executions"
       REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION "execution_unsized"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "execution_unsized" ON "executions"');
    await queryRunner.query('DROP FUNCTION "execution_unsized"()');
    await queryRunner.query('DROP TABLE "execution_totals"');
    await queryRunner.query('ALTER TABLE "executions" DROP COLUMN "storedBytes"');
  }
}
