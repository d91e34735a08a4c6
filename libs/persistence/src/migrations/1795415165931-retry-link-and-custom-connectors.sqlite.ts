import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RetryLinkAndCustomConnectorsSqlite1795415165931 implements MigrationInterface {
  name = 'RetryLinkAndCustomConnectorsSqlite1795415165931';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "custom_connectors" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "ownerId" integer, "method" varchar(10) NOT NULL DEFAULT (\'GET\'), "url" text NOT NULL, "params" text NOT NULL, "headers" text NOT NULL, "body" text, "authType" varchar(40) NOT NULL DEFAULT (\'none\'), "authValues" text NOT NULL, "authSecrets" text NOT NULL, "tokenExpiresAt" bigint, "fieldPath" varchar(500) NOT NULL DEFAULT (\'\'), "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL)',
    );
    await queryRunner.query('DROP INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad"');
    await queryRunner.query('DROP INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd"');
    await queryRunner.query(
      'CREATE TABLE "temporary_executions" ("id" varchar(36) PRIMARY KEY NOT NULL, "scenarioId" integer NOT NULL, "scenarioVersion" integer NOT NULL, "status" varchar(16) NOT NULL, "trigger" varchar(32) NOT NULL, "createdAt" bigint NOT NULL, "startedAt" bigint, "finishedAt" bigint, "durationMs" integer NOT NULL DEFAULT (0), "operations" integer NOT NULL DEFAULT (0), "cycles" integer NOT NULL DEFAULT (0), "dataSize" bigint NOT NULL DEFAULT (0), "error" text, "warnings" text, "worker" varchar(100), "incompleteId" integer)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_executions"("id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "startedAt", "finishedAt", "durationMs", "operations", "cycles", "dataSize", "error", "warnings", "worker") SELECT "id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "startedAt", "finishedAt", "durationMs", "operations", "cycles", "dataSize", "error", "warnings", "worker" FROM "executions"',
    );
    await queryRunner.query('DROP TABLE "executions"');
    await queryRunner.query('ALTER TABLE "temporary_executions" RENAME TO "executions"');
    await queryRunner.query(
      'CREATE INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad" ON "executions" ("scenarioId", "startedAt") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd" ON "executions" ("status") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd"');
    await queryRunner.query('DROP INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad"');
    await queryRunner.query('ALTER TABLE "executions" RENAME TO "temporary_executions"');
    await queryRunner.query(
      'CREATE TABLE "executions" ("id" varchar(36) PRIMARY KEY NOT NULL, "scenarioId" integer NOT NULL, "scenarioVersion" integer NOT NULL, "status" varchar(16) NOT NULL, "trigger" varchar(32) NOT NULL, "createdAt" bigint NOT NULL, "startedAt" bigint, "finishedAt" bigint, "durationMs" integer NOT NULL DEFAULT (0), "operations" integer NOT NULL DEFAULT (0), "cycles" integer NOT NULL DEFAULT (0), "dataSize" bigint NOT NULL DEFAULT (0), "error" text, "warnings" text, "worker" varchar(100))',
    );
    await queryRunner.query(
      'INSERT INTO "executions"("id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "startedAt", "finishedAt", "durationMs", "operations", "cycles", "dataSize", "error", "warnings", "worker") SELECT "id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "startedAt", "finishedAt", "durationMs", "operations", "cycles", "dataSize", "error", "warnings", "worker" FROM "temporary_executions"',
    );
    await queryRunner.query('DROP TABLE "temporary_executions"');
    await queryRunner.query('CREATE INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd" ON "executions" ("status") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad" ON "executions" ("scenarioId", "startedAt") ',
    );
    await queryRunner.query('DROP TABLE "custom_connectors"');
  }
}
