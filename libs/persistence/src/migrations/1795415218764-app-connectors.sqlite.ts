import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AppConnectorsSqlite1795415218764 implements MigrationInterface {
  name = 'AppConnectorsSqlite1795415218764';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "app_connectors" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "key" varchar(64) NOT NULL, "description" varchar(200) NOT NULL, "groupId" integer NOT NULL, "blocked" boolean NOT NULL DEFAULT (1), "scenarioIds" text NOT NULL, "dataStoreIds" text NOT NULL, "ipMode" varchar(8) NOT NULL DEFAULT (\'off\'), "ipRules" text NOT NULL, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL)',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_c1f267c231e84566953ae8e7a4" ON "app_connectors" ("key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "app_tokens" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "connectorId" integer NOT NULL, "userId" integer NOT NULL, "tokenHash" varchar(64) NOT NULL, "createdAt" bigint NOT NULL, "lastUsedAt" bigint, "revokedAt" bigint)',
    );
    await queryRunner.query('CREATE INDEX "IDX_8e7d19db363537e36727348b94" ON "app_tokens" ("connectorId") ');
    await queryRunner.query('CREATE INDEX "IDX_af2d863be1aab989e7ce62d284" ON "app_tokens" ("userId") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8e2470f22b928ca8728a3301c1" ON "app_tokens" ("tokenHash") ',
    );
    await queryRunner.query(
      'CREATE TABLE "app_otps" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "connectorId" integer NOT NULL, "userId" integer NOT NULL, "salt" varchar(32) NOT NULL, "codeHash" varchar(64) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "expiresAt" bigint NOT NULL, "consumedAt" bigint, "createdAt" bigint NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_c7f28463c049b0f79630f73398" ON "app_otps" ("connectorId", "userId", "createdAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "outbox_mails" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "to" varchar(320) NOT NULL, "subject" varchar(300) NOT NULL, "text" text NOT NULL, "createdAt" bigint NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_9d5713f4b5ca9ae908cbee0876" ON "outbox_mails" ("createdAt") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_9d5713f4b5ca9ae908cbee0876"');
    await queryRunner.query('DROP TABLE "outbox_mails"');
    await queryRunner.query('DROP INDEX "IDX_c7f28463c049b0f79630f73398"');
    await queryRunner.query('DROP TABLE "app_otps"');
    await queryRunner.query('DROP INDEX "IDX_8e2470f22b928ca8728a3301c1"');
    await queryRunner.query('DROP INDEX "IDX_af2d863be1aab989e7ce62d284"');
    await queryRunner.query('DROP INDEX "IDX_8e7d19db363537e36727348b94"');
    await queryRunner.query('DROP TABLE "app_tokens"');
    await queryRunner.query('DROP INDEX "IDX_c1f267c231e84566953ae8e7a4"');
    await queryRunner.query('DROP TABLE "app_connectors"');
  }
}
