import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkersSqlite1795415898279 implements MigrationInterface {
  name = 'WorkersSqlite1795415898279';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "workers" ("id" varchar(100) PRIMARY KEY NOT NULL, "startedAt" bigint NOT NULL, "lastSeenAt" bigint NOT NULL)',
    );
    await queryRunner.query('DROP INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd"');
    await queryRunner.query('DROP INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad"');
    await queryRunner.query(
      'CREATE TABLE "temporary_executions" ("id" varchar(36) PRIMARY KEY NOT NULL, "scenarioId" integer NOT NULL, "scenarioVersion" integer NOT NULL, "status" varchar(16) NOT NULL, "trigger" varchar(32) NOT NULL, "createdAt" bigint NOT NULL, "startedAt" bigint, "finishedAt" bigint, "durationMs" integer NOT NULL DEFAULT (0), "operations" integer NOT NULL DEFAULT (0), "cycles" integer NOT NULL DEFAULT (0), "dataSize" bigint NOT NULL DEFAULT (0), "error" text, "warnings" text, "worker" varchar(100), "incompleteId" integer, "recoveries" integer NOT NULL DEFAULT (0))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_executions"("id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "startedAt", "finishedAt", "durationMs", "operations", "cycles", "dataSize", "error", "warnings", "worker", "incompleteId") SELECT "id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "startedAt", "finishedAt", "durationMs", "operations", "cycles", "dataSize", "error", "warnings", "worker", "incompleteId" FROM "executions"',
    );
    await queryRunner.query('DROP TABLE "executions"');
    await queryRunner.query('ALTER TABLE "temporary_executions" RENAME TO "executions"');
    await queryRunner.query('CREATE INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd" ON "executions" ("status") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad" ON "executions" ("scenarioId", "startedAt") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad"');
    await queryRunner.query('DROP INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd"');
    await queryRunner.query('ALTER TABLE "executions" RENAME TO "temporary_executions"');
    await queryRunner.query(
      'CREATE TABLE "executions" ("id" varchar(36) PRIMARY KEY NOT NULL, "scenarioId" integer NOT NULL, "scenarioVersion" integer NOT NULL, "status" varchar(16) NOT NULL, "trigger" varchar(32) NOT NULL, "createdAt" bigint NOT NULL, "startedAt" bigint, "finishedAt" bigint, "durationMs" integer NOT NULL DEFAULT (0), "operations" integer NOT NULL DEFAULT (0), "cycles" integer NOT NULL DEFAULT (0), "dataSize" bigint NOT NULL DEFAULT (0), "error" text, "warnings" text, "worker" varchar(100), "incompleteId" integer)',
    );
    await queryRunner.query(
      'INSERT INTO "executions"("id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "startedAt", "finishedAt", "durationMs", "operations", "cycles", "dataSize", "error", "warnings", "worker", "incompleteId") SELECT "id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "startedAt", "finishedAt", "durationMs", "operations", "cycles", "dataSize", "error", "warnings", "worker", "incompleteId" FROM "temporary_executions"',
    );
    await queryRunner.query('DROP TABLE "temporary_executions"');
    await queryRunner.query(
      'CREATE INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad" ON "executions" ("scenarioId", "startedAt") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd" ON "executions" ("status") ');
    await queryRunner.query('DROP TABLE "workers"');
  }
}
