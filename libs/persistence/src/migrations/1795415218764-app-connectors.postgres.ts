import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AppConnectorsPostgres1795415218764 implements MigrationInterface {
  name = 'AppConnectorsPostgres1795415218764';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "app_connectors" ("id" SERIAL NOT NULL, "key" character varying(64) NOT NULL, "description" character varying(200) NOT NULL, "groupId" integer NOT NULL, "blocked" boolean NOT NULL DEFAULT true, "scenarioIds" text NOT NULL, "dataStoreIds" text NOT NULL, "ipMode" character varying(8) NOT NULL DEFAULT \'off\', "ipRules" text NOT NULL, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_9fe770a4049a35d75e7ec980893" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_c1f267c231e84566953ae8e7a4" ON "app_connectors" ("key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "app_tokens" ("id" SERIAL NOT NULL, "connectorId" integer NOT NULL, "userId" integer NOT NULL, "tokenHash" character varying(64) NOT NULL, "createdAt" bigint NOT NULL, "lastUsedAt" bigint, "revokedAt" bigint, CONSTRAINT "PK_4540a4d5875459c9da0fd643968" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_8e7d19db363537e36727348b94" ON "app_tokens" ("connectorId") ');
    await queryRunner.query('CREATE INDEX "IDX_af2d863be1aab989e7ce62d284" ON "app_tokens" ("userId") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_8e2470f22b928ca8728a3301c1" ON "app_tokens" ("tokenHash") ',
    );
    await queryRunner.query(
      'CREATE TABLE "app_otps" ("id" SERIAL NOT NULL, "connectorId" integer NOT NULL, "userId" integer NOT NULL, "salt" character varying(32) NOT NULL, "codeHash" character varying(64) NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "expiresAt" bigint NOT NULL, "consumedAt" bigint, "createdAt" bigint NOT NULL, CONSTRAINT "PK_9ddb39c8b002bc697e6a84e8828" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_c7f28463c049b0f79630f73398" ON "app_otps" ("connectorId", "userId", "createdAt") ',
    );
    await queryRunner.query(
      'CREATE TABLE "outbox_mails" ("id" SERIAL NOT NULL, "to" character varying(320) NOT NULL, "subject" character varying(300) NOT NULL, "text" text NOT NULL, "createdAt" bigint NOT NULL, CONSTRAINT "PK_b29f3864833e0d790528753c19c" PRIMARY KEY ("id"))',
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
