import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSqlite1795414366524 implements MigrationInterface {
  name = 'InitialSqlite1795414366524';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "connections" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "type" varchar(100) NOT NULL, "ownerId" integer, "values" text NOT NULL, "secrets" text NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'unverified\'), "statusMessage" text NOT NULL DEFAULT (\'\'), "expiresAt" bigint, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_9bdfa7d5c4db35c443fc2818f0" ON "connections" ("type") ');
    await queryRunner.query(
      'CREATE TABLE "data_stores" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "fields" text NOT NULL, "strict" boolean NOT NULL DEFAULT (0), "maxSizeBytes" integer NOT NULL DEFAULT (1048576), "createdAt" bigint NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_ab7ab2652d53797bf7927f21b0" ON "data_stores" ("name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "data_store_records" ("dataStoreId" integer NOT NULL, "key" varchar(300) NOT NULL, "data" text NOT NULL, "size" integer NOT NULL DEFAULT (0), "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, PRIMARY KEY ("dataStoreId", "key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "executions" ("id" varchar(36) PRIMARY KEY NOT NULL, "scenarioId" integer NOT NULL, "scenarioVersion" integer NOT NULL, "status" varchar(16) NOT NULL, "trigger" varchar(32) NOT NULL, "createdAt" bigint NOT NULL, "startedAt" bigint, "finishedAt" bigint, "durationMs" integer NOT NULL DEFAULT (0), "operations" integer NOT NULL DEFAULT (0), "cycles" integer NOT NULL DEFAULT (0), "dataSize" bigint NOT NULL DEFAULT (0), "error" text, "warnings" text, "worker" varchar(100))',
    );
    await queryRunner.query('CREATE INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd" ON "executions" ("status") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad" ON "executions" ("scenarioId", "startedAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "execution_logs" ("executionId" varchar(36) PRIMARY KEY NOT NULL, "modules" text NOT NULL, "input" text, "response" text)',
    );
    await queryRunner.query(
      'CREATE TABLE "incomplete_executions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "scenarioId" integer NOT NULL, "scenarioVersion" integer NOT NULL, "executionId" varchar(36) NOT NULL, "moduleId" integer NOT NULL, "record" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "nextAttemptAt" bigint, "lastError" text NOT NULL DEFAULT (\'\'), "size" bigint NOT NULL DEFAULT (0), "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_fa18c3bfbaed32ac73f3e508ed" ON "incomplete_executions" ("status", "nextAttemptAt") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_7136c256fae394c7a376b77e8f" ON "incomplete_executions" ("scenarioId", "status") ',
    );
    await queryRunner.query(
      'CREATE TABLE "organization_settings" ("id" integer PRIMARY KEY NOT NULL, "name" varchar(200) NOT NULL DEFAULT (\'My organisation\'), "timezone" varchar(64) NOT NULL DEFAULT (\'UTC\'), "integrations" text NOT NULL, "privateNetworkGuard" boolean NOT NULL DEFAULT (0), "executionRetentionDays" integer NOT NULL DEFAULT (30), "updatedAt" bigint NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "scenarios" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(300) NOT NULL, "folder" varchar(300) NOT NULL DEFAULT (\'\'), "active" boolean NOT NULL DEFAULT (0), "schedule" text, "blueprint" text NOT NULL, "version" integer NOT NULL DEFAULT (1), "invalid" boolean NOT NULL DEFAULT (0), "inputSchema" text, "ownerId" integer, "consecutiveErrors" integer NOT NULL DEFAULT (0), "deactivatedAt" bigint, "deactivationReason" text, "lastSlot" bigint, "activatedAt" bigint, "lastExecutionId" varchar(36), "lastStatus" varchar(16), "lastRunAt" bigint, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_b3b61e9ac5eada60521d56f768" ON "scenarios" ("folder") ');
    await queryRunner.query(
      'CREATE TABLE "scenario_versions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "scenarioId" integer NOT NULL, "version" integer NOT NULL, "blueprint" text NOT NULL, "createdBy" integer, "createdAt" bigint NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_e1a56dce2b7e0379bb5bbdf8c1" ON "scenario_versions" ("scenarioId", "version") ',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "email" varchar(320) NOT NULL, "name" varchar(200) NOT NULL DEFAULT (\'\'), "passwordHash" varchar(300) NOT NULL, "role" varchar(20) NOT NULL DEFAULT (\'user\'), "timezone" varchar(64), "disabled" boolean NOT NULL DEFAULT (0), "createdAt" bigint NOT NULL, "lastLoginAt" bigint)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users" ("email") ');
    await queryRunner.query(
      'CREATE TABLE "user_groups" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "description" text NOT NULL DEFAULT (\'\'), "createdAt" bigint NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_cfdb13ccb9e22f9108f4298301" ON "user_groups" ("name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "sessions" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "tokenHash" varchar(64) NOT NULL, "userId" integer NOT NULL, "createdAt" bigint NOT NULL, "expiresAt" bigint NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_bace6c68efc156fddac9b14bda" ON "sessions" ("tokenHash") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_57de40bc620f456c7311aa3a1e" ON "sessions" ("userId") ');
    await queryRunner.query(
      'CREATE TABLE "webhooks" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(200) NOT NULL, "tokenHash" varchar(64) NOT NULL, "tokenEncrypted" text NOT NULL, "scenarioId" integer, "requiredFields" text NOT NULL, "maxQueue" integer NOT NULL DEFAULT (10000), "maxBodyBytes" integer NOT NULL DEFAULT (1048576), "responseTimeoutSeconds" integer NOT NULL DEFAULT (30), "createdAt" bigint NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_ac8a4ceaef20458692ad1054e3" ON "webhooks" ("tokenHash") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_2a78f2cfa56409169b20ae7233" ON "webhooks" ("scenarioId") ');
    await queryRunner.query(
      'CREATE TABLE "webhook_requests" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "webhookId" integer NOT NULL, "payload" text NOT NULL, "status" varchar(16) NOT NULL DEFAULT (\'queued\'), "executionId" varchar(36), "receivedAt" bigint NOT NULL, "claimedAt" bigint)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_96f5446e869dc6971659237e26" ON "webhook_requests" ("webhookId", "status", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "user_group_members" ("groupId" integer NOT NULL, "userId" integer NOT NULL, PRIMARY KEY ("groupId", "userId"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_97835faa6d9148322a83976400" ON "user_group_members" ("groupId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_25daa24c66b2de02898056f1eb" ON "user_group_members" ("userId") ',
    );
    await queryRunner.query('DROP INDEX "IDX_97835faa6d9148322a83976400"');
    await queryRunner.query('DROP INDEX "IDX_25daa24c66b2de02898056f1eb"');
    await queryRunner.query(
      'CREATE TABLE "temporary_user_group_members" ("groupId" integer NOT NULL, "userId" integer NOT NULL, CONSTRAINT "FK_97835faa6d9148322a83976400a" FOREIGN KEY ("groupId") REFERENCES "user_groups" ("id") ON DELETE CASCADE ON UPDATE CASCADE, CONSTRAINT "FK_25daa24c66b2de02898056f1ebe" FOREIGN KEY ("userId") REFERENCES "users" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION, PRIMARY KEY ("groupId", "userId"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_user_group_members"("groupId", "userId") SELECT "groupId", "userId" FROM "user_group_members"',
    );
    await queryRunner.query('DROP TABLE "user_group_members"');
    await queryRunner.query('ALTER TABLE "temporary_user_group_members" RENAME TO "user_group_members"');
    await queryRunner.query(
      'CREATE INDEX "IDX_97835faa6d9148322a83976400" ON "user_group_members" ("groupId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_25daa24c66b2de02898056f1eb" ON "user_group_members" ("userId") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_25daa24c66b2de02898056f1eb"');
    await queryRunner.query('DROP INDEX "IDX_97835faa6d9148322a83976400"');
    await queryRunner.query('ALTER TABLE "user_group_members" RENAME TO "temporary_user_group_members"');
    await queryRunner.query(
      'CREATE TABLE "user_group_members" ("groupId" integer NOT NULL, "userId" integer NOT NULL, PRIMARY KEY ("groupId", "userId"))',
    );
    await queryRunner.query(
      'INSERT INTO "user_group_members"("groupId", "userId") SELECT "groupId", "userId" FROM "temporary_user_group_members"',
    );
    await queryRunner.query('DROP TABLE "temporary_user_group_members"');
    await queryRunner.query(
      'CREATE INDEX "IDX_25daa24c66b2de02898056f1eb" ON "user_group_members" ("userId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_97835faa6d9148322a83976400" ON "user_group_members" ("groupId") ',
    );
    await queryRunner.query('DROP INDEX "IDX_25daa24c66b2de02898056f1eb"');
    await queryRunner.query('DROP INDEX "IDX_97835faa6d9148322a83976400"');
    await queryRunner.query('DROP TABLE "user_group_members"');
    await queryRunner.query('DROP INDEX "IDX_96f5446e869dc6971659237e26"');
    await queryRunner.query('DROP TABLE "webhook_requests"');
    await queryRunner.query('DROP INDEX "IDX_2a78f2cfa56409169b20ae7233"');
    await queryRunner.query('DROP INDEX "IDX_ac8a4ceaef20458692ad1054e3"');
    await queryRunner.query('DROP TABLE "webhooks"');
    await queryRunner.query('DROP INDEX "IDX_57de40bc620f456c7311aa3a1e"');
    await queryRunner.query('DROP INDEX "IDX_bace6c68efc156fddac9b14bda"');
    await queryRunner.query('DROP TABLE "sessions"');
    await queryRunner.query('DROP INDEX "IDX_cfdb13ccb9e22f9108f4298301"');
    await queryRunner.query('DROP TABLE "user_groups"');
    await queryRunner.query('DROP INDEX "IDX_97672ac88f789774dd47f7c8be"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP INDEX "IDX_e1a56dce2b7e0379bb5bbdf8c1"');
    await queryRunner.query('DROP TABLE "scenario_versions"');
    await queryRunner.query('DROP INDEX "IDX_b3b61e9ac5eada60521d56f768"');
    await queryRunner.query('DROP TABLE "scenarios"');
    await queryRunner.query('DROP TABLE "organization_settings"');
    await queryRunner.query('DROP INDEX "IDX_7136c256fae394c7a376b77e8f"');
    await queryRunner.query('DROP INDEX "IDX_fa18c3bfbaed32ac73f3e508ed"');
    await queryRunner.query('DROP TABLE "incomplete_executions"');
    await queryRunner.query('DROP TABLE "execution_logs"');
    await queryRunner.query('DROP INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad"');
    await queryRunner.query('DROP INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd"');
    await queryRunner.query('DROP TABLE "executions"');
    await queryRunner.query('DROP TABLE "data_store_records"');
    await queryRunner.query('DROP INDEX "IDX_ab7ab2652d53797bf7927f21b0"');
    await queryRunner.query('DROP TABLE "data_stores"');
    await queryRunner.query('DROP INDEX "IDX_9bdfa7d5c4db35c443fc2818f0"');
    await queryRunner.query('DROP TABLE "connections"');
  }
}
