import type { MigrationInterface, QueryRunner } from 'typeorm';

// The webhook columns are added by hand: the generator rebuilds the table, SQLite adds them in place.

export class SecuritySqlite1795440000000 implements MigrationInterface {
  name = 'SecuritySqlite1795440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "key_checks" ("id" integer PRIMARY KEY NOT NULL, "cipher" text NOT NULL, "updatedAt" bigint NOT NULL)',
    );
    await queryRunner.query(
      'CREATE TABLE "login_failures" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "scope" varchar(16) NOT NULL, "subject" varchar(320) NOT NULL, "at" bigint NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_2571506b60e4a94a462f13d799" ON "login_failures" ("at") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_6a550f7dbddb352b38bef9ecbf" ON "login_failures" ("scope", "subject", "at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_idempotency" ("webhookId" integer NOT NULL, "key" varchar(200) NOT NULL, "executionId" varchar(36), "requestId" integer, "response" text, "createdAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, PRIMARY KEY ("webhookId", "key"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d690de78f32ca76a00c008cb26" ON "webhook_idempotency" ("expiresAt") ',
    );
    await queryRunner.query('ALTER TABLE "webhooks" ADD COLUMN "idempotencyField" varchar(200)');
    await queryRunner.query(
      'ALTER TABLE "webhooks" ADD COLUMN "idempotencyWindowHours" integer NOT NULL DEFAULT (24)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "webhooks" DROP COLUMN "idempotencyWindowHours"');
    await queryRunner.query('ALTER TABLE "webhooks" DROP COLUMN "idempotencyField"');
    await queryRunner.query('DROP INDEX "IDX_d690de78f32ca76a00c008cb26"');
    await queryRunner.query('DROP TABLE "webhook_idempotency"');
    await queryRunner.query('DROP INDEX "IDX_6a550f7dbddb352b38bef9ecbf"');
    await queryRunner.query('DROP INDEX "IDX_2571506b60e4a94a462f13d799"');
    await queryRunner.query('DROP TABLE "login_failures"');
    await queryRunner.query('DROP TABLE "key_checks"');
  }
}
