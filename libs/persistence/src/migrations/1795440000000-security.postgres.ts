import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SecurityPostgres1795440000000 implements MigrationInterface {
  name = 'SecurityPostgres1795440000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "key_checks" ("id" integer NOT NULL, "cipher" text NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_02f0f3a2372ababf5ba288eb772" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "login_failures" ("id" SERIAL NOT NULL, "scope" character varying(16) NOT NULL, "subject" character varying(320) NOT NULL, "at" bigint NOT NULL, CONSTRAINT "PK_8211e8ec810fd7f976b98ce97a0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_2571506b60e4a94a462f13d799" ON "login_failures" ("at") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_6a550f7dbddb352b38bef9ecbf" ON "login_failures" ("scope", "subject", "at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_idempotency" ("webhookId" integer NOT NULL, "key" character varying(200) NOT NULL, "executionId" character varying(36), "requestId" integer, "response" text, "createdAt" bigint NOT NULL, "expiresAt" bigint NOT NULL, CONSTRAINT "PK_117928874b03e373ccaf2fe805a" PRIMARY KEY ("webhookId", "key"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d690de78f32ca76a00c008cb26" ON "webhook_idempotency" ("expiresAt") ',
    );
    await queryRunner.query('ALTER TABLE "webhooks" ADD "idempotencyField" character varying(200)');
    await queryRunner.query(
      'ALTER TABLE "webhooks" ADD "idempotencyWindowHours" integer NOT NULL DEFAULT \'24\'',
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
