import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialPostgres1795414366524 implements MigrationInterface {
  name = 'InitialPostgres1795414366524';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "connections" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "type" character varying(100) NOT NULL, "ownerId" integer, "values" text NOT NULL, "secrets" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'unverified\', "statusMessage" text NOT NULL DEFAULT \'\', "expiresAt" bigint, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_0a1f844af3122354cbd487a8d03" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_9bdfa7d5c4db35c443fc2818f0" ON "connections" ("type") ');
    await queryRunner.query(
      'CREATE TABLE "data_stores" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "fields" text NOT NULL, "strict" boolean NOT NULL DEFAULT false, "maxSizeBytes" integer NOT NULL DEFAULT \'1048576\', "createdAt" bigint NOT NULL, CONSTRAINT "PK_feee665e2afb3de9da7ab461488" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_ab7ab2652d53797bf7927f21b0" ON "data_stores" ("name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "data_store_records" ("dataStoreId" integer NOT NULL, "key" character varying(300) NOT NULL, "data" text NOT NULL, "size" integer NOT NULL DEFAULT \'0\', "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_b9f214e594cc89accebc6d4b1d7" PRIMARY KEY ("dataStoreId", "key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "executions" ("id" character varying(36) NOT NULL, "scenarioId" integer NOT NULL, "scenarioVersion" integer NOT NULL, "status" character varying(16) NOT NULL, "trigger" character varying(32) NOT NULL, "createdAt" bigint NOT NULL, "startedAt" bigint, "finishedAt" bigint, "durationMs" integer NOT NULL DEFAULT \'0\', "operations" integer NOT NULL DEFAULT \'0\', "cycles" integer NOT NULL DEFAULT \'0\', "dataSize" bigint NOT NULL DEFAULT \'0\', "error" text, "warnings" text, "worker" character varying(100), CONSTRAINT "PK_703e64e0ef651986191844b7b8b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_5e2c70148fbf6287f4c4a5c8cd" ON "executions" ("status") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_0e6b116b80bb3c3db0dc6bbcad" ON "executions" ("scenarioId", "startedAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "execution_logs" ("executionId" character varying(36) NOT NULL, "modules" text NOT NULL, "input" text, "response" text, CONSTRAINT "PK_ec078670d1abf10d9a9bd0833e6" PRIMARY KEY ("executionId"))',
    );
    await queryRunner.query(
      'CREATE TABLE "incomplete_executions" ("id" SERIAL NOT NULL, "scenarioId" integer NOT NULL, "scenarioVersion" integer NOT NULL, "executionId" character varying(36) NOT NULL, "moduleId" integer NOT NULL, "record" text NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "nextAttemptAt" bigint, "lastError" text NOT NULL DEFAULT \'\', "size" bigint NOT NULL DEFAULT \'0\', "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_642d519db30df4af50f9c106ca6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_fa18c3bfbaed32ac73f3e508ed" ON "incomplete_executions" ("status", "nextAttemptAt") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_7136c256fae394c7a376b77e8f" ON "incomplete_executions" ("scenarioId", "status") ',
    );
    await queryRunner.query(
      'CREATE TABLE "organization_settings" ("id" integer NOT NULL, "name" character varying(200) NOT NULL DEFAULT \'My organisation\', "timezone" character varying(64) NOT NULL DEFAULT \'UTC\', "integrations" text NOT NULL, "privateNetworkGuard" boolean NOT NULL DEFAULT false, "executionRetentionDays" integer NOT NULL DEFAULT \'30\', "updatedAt" bigint NOT NULL, CONSTRAINT "PK_67a83a1c6256f927137c33ddd7e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "scenarios" ("id" SERIAL NOT NULL, "name" character varying(300) NOT NULL, "folder" character varying(300) NOT NULL DEFAULT \'\', "active" boolean NOT NULL DEFAULT false, "schedule" text, "blueprint" text NOT NULL, "version" integer NOT NULL DEFAULT \'1\', "invalid" boolean NOT NULL DEFAULT false, "inputSchema" text, "ownerId" integer, "consecutiveErrors" integer NOT NULL DEFAULT \'0\', "deactivatedAt" bigint, "deactivationReason" text, "lastSlot" bigint, "activatedAt" bigint, "lastExecutionId" character varying(36), "lastStatus" character varying(16), "lastRunAt" bigint, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_a2af4912aab626639cca306b987" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_b3b61e9ac5eada60521d56f768" ON "scenarios" ("folder") ');
    await queryRunner.query(
      'CREATE TABLE "scenario_versions" ("id" SERIAL NOT NULL, "scenarioId" integer NOT NULL, "version" integer NOT NULL, "blueprint" text NOT NULL, "createdBy" integer, "createdAt" bigint NOT NULL, CONSTRAINT "PK_0c7b34ad7e0a1e80d1ee0f6ff0b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_e1a56dce2b7e0379bb5bbdf8c1" ON "scenario_versions" ("scenarioId", "version") ',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" SERIAL NOT NULL, "email" character varying(320) NOT NULL, "name" character varying(200) NOT NULL DEFAULT \'\', "passwordHash" character varying(300) NOT NULL, "role" character varying(20) NOT NULL DEFAULT \'user\', "timezone" character varying(64), "disabled" boolean NOT NULL DEFAULT false, "createdAt" bigint NOT NULL, "lastLoginAt" bigint, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users" ("email") ');
    await queryRunner.query(
      'CREATE TABLE "user_groups" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "description" text NOT NULL DEFAULT \'\', "createdAt" bigint NOT NULL, CONSTRAINT "PK_ea7760dc75ee1bf0b09ab9b3289" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_cfdb13ccb9e22f9108f4298301" ON "user_groups" ("name") ',
    );
    await queryRunner.query(
      'CREATE TABLE "sessions" ("id" SERIAL NOT NULL, "tokenHash" character varying(64) NOT NULL, "userId" integer NOT NULL, "createdAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_bace6c68efc156fddac9b14bda" ON "sessions" ("tokenHash") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_57de40bc620f456c7311aa3a1e" ON "sessions" ("userId") ');
    await queryRunner.query(
      'CREATE TABLE "webhooks" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "tokenHash" character varying(64) NOT NULL, "tokenEncrypted" text NOT NULL, "scenarioId" integer, "requiredFields" text NOT NULL, "maxQueue" integer NOT NULL DEFAULT \'10000\', "maxBodyBytes" integer NOT NULL DEFAULT \'1048576\', "responseTimeoutSeconds" integer NOT NULL DEFAULT \'30\', "createdAt" bigint NOT NULL, CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_ac8a4ceaef20458692ad1054e3" ON "webhooks" ("tokenHash") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_2a78f2cfa56409169b20ae7233" ON "webhooks" ("scenarioId") ');
    await queryRunner.query(
      'CREATE TABLE "webhook_requests" ("id" SERIAL NOT NULL, "webhookId" integer NOT NULL, "payload" text NOT NULL, "status" character varying(16) NOT NULL DEFAULT \'queued\', "executionId" character varying(36), "receivedAt" bigint NOT NULL, "claimedAt" bigint, CONSTRAINT "PK_dfae0971cfd5483988c5d599211" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_96f5446e869dc6971659237e26" ON "webhook_requests" ("webhookId", "status", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "user_group_members" ("groupId" integer NOT NULL, "userId" integer NOT NULL, CONSTRAINT "PK_e4493d345a03f5ab8fd7d3aaf31" PRIMARY KEY ("groupId", "userId"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_97835faa6d9148322a83976400" ON "user_group_members" ("groupId") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_25daa24c66b2de02898056f1eb" ON "user_group_members" ("userId") ',
    );
    await queryRunner.query(
      'ALTER TABLE "user_group_members" ADD CONSTRAINT "FK_97835faa6d9148322a83976400a" FOREIGN KEY ("groupId") REFERENCES "user_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE',
    );
    await queryRunner.query(
      'ALTER TABLE "user_group_members" ADD CONSTRAINT "FK_25daa24c66b2de02898056f1ebe" FOREIGN KEY ("userId") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "user_group_members" DROP CONSTRAINT "FK_25daa24c66b2de02898056f1ebe"',
    );
    await queryRunner.query(
      'ALTER TABLE "user_group_members" DROP CONSTRAINT "FK_97835faa6d9148322a83976400a"',
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
