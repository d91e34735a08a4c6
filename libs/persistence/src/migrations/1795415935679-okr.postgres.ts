import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OkrPostgres1795415935679 implements MigrationInterface {
  name = 'OkrPostgres1795415935679';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "objectives" ("id" SERIAL NOT NULL, "name" character varying(300) NOT NULL, "description" text NOT NULL DEFAULT \'\', "ownerId" integer NOT NULL, "periodStart" character varying(10) NOT NULL, "periodEnd" character varying(10) NOT NULL, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_c54846771e6a2db24c2b886eca0" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_030089abb10e468ea3166c424c" ON "objectives" ("ownerId") ');
    await queryRunner.query(
      'CREATE TABLE "key_results" ("id" SERIAL NOT NULL, "objectiveId" integer NOT NULL, "name" character varying(300) NOT NULL, "ownerId" integer NOT NULL, "periodStart" character varying(10) NOT NULL, "periodEnd" character varying(10) NOT NULL, "type" character varying(20) NOT NULL, "controlType" character varying(20), "progressMethod" character varying(20), "checkInFrequency" text NOT NULL, "startValue" double precision, "targetValue" double precision, "lowerLimit" double precision, "upperLimit" double precision, "unit" character varying(40) NOT NULL DEFAULT \'\', "currentValue" double precision, "progress" double precision, "connectorId" integer, "autoConfirm" boolean NOT NULL DEFAULT false, "automatedSince" bigint, "lastCheckInSlot" bigint, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_43ca92a80903403806ecf974392" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d1345eafc7fb4a98e74a0bd29a" ON "key_results" ("objectiveId") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_37a8953cc8424cf381c4c6c422" ON "key_results" ("ownerId") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_36a6a3573a9827ac99d4ea3879" ON "key_results" ("connectorId") ',
    );
    await queryRunner.query(
      'CREATE TABLE "check_ins" ("id" SERIAL NOT NULL, "keyResultId" integer NOT NULL, "value" double precision, "takenAt" bigint NOT NULL, "source" character varying(20) NOT NULL, "status" character varying(20) NOT NULL, "progress" double precision, "createdBy" integer, "confirmedBy" integer, "confirmedAt" bigint, "discardedBy" integer, "discardedAt" bigint, "note" text, "failureReason" text, "scenarioId" integer, "slot" bigint, "createdAt" bigint NOT NULL, CONSTRAINT "PK_fac7f27bc829a454ad477c13f62" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2747c2b45606a2021421f72861" ON "check_ins" ("keyResultId", "takenAt") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_2747c2b45606a2021421f72861"');
    await queryRunner.query('DROP TABLE "check_ins"');
    await queryRunner.query('DROP INDEX "IDX_36a6a3573a9827ac99d4ea3879"');
    await queryRunner.query('DROP INDEX "IDX_37a8953cc8424cf381c4c6c422"');
    await queryRunner.query('DROP INDEX "IDX_d1345eafc7fb4a98e74a0bd29a"');
    await queryRunner.query('DROP TABLE "key_results"');
    await queryRunner.query('DROP INDEX "IDX_030089abb10e468ea3166c424c"');
    await queryRunner.query('DROP TABLE "objectives"');
  }
}
