import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RetryLinkAndCustomConnectorsPostgres1795415165931 implements MigrationInterface {
  name = 'RetryLinkAndCustomConnectorsPostgres1795415165931';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "custom_connectors" ("id" SERIAL NOT NULL, "name" character varying(200) NOT NULL, "ownerId" integer, "method" character varying(10) NOT NULL DEFAULT \'GET\', "url" text NOT NULL, "params" text NOT NULL, "headers" text NOT NULL, "body" text, "authType" character varying(40) NOT NULL DEFAULT \'none\', "authValues" text NOT NULL, "authSecrets" text NOT NULL, "tokenExpiresAt" bigint, "fieldPath" character varying(500) NOT NULL DEFAULT \'\', "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_6abf7a06f29d170d0ad392c848b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('ALTER TABLE "executions" ADD "incompleteId" integer');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "executions" DROP COLUMN "incompleteId"');
    await queryRunner.query('DROP TABLE "custom_connectors"');
  }
}
