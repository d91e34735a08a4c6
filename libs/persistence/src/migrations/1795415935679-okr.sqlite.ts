import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OkrSqlite1795415935679 implements MigrationInterface {
  name = 'OkrSqlite1795415935679';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "objectives" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "name" varchar(300) NOT NULL, "description" text NOT NULL DEFAULT (\'\'), "ownerId" integer NOT NULL, "periodStart" varchar(10) NOT NULL, "periodEnd" varchar(10) NOT NULL, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_030089abb10e468ea3166c424c" ON "objectives" ("ownerId") ');
    await queryRunner.query(
      'CREATE TABLE "key_results" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "objectiveId" integer NOT NULL, "name" varchar(300) NOT NULL, "ownerId" integer NOT NULL, "periodStart" varchar(10) NOT NULL, "periodEnd" varchar(10) NOT NULL, "type" varchar(20) NOT NULL, "controlType" varchar(20), "progressMethod" varchar(20), "checkInFrequency" text NOT NULL, "startValue" double precision, "targetValue" double precision, "lowerLimit" double precision, "upperLimit" double precision, "unit" varchar(40) NOT NULL DEFAULT (\'\'), "currentValue" double precision, "progress" double precision, "connectorId" integer, "autoConfirm" boolean NOT NULL DEFAULT (0), "automatedSince" bigint, "lastCheckInSlot" bigint, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL)',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_d1345eafc7fb4a98e74a0bd29a" ON "key_results" ("objectiveId") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_37a8953cc8424cf381c4c6c422" ON "key_results" ("ownerId") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_36a6a3573a9827ac99d4ea3879" ON "key_results" ("connectorId") ',
    );
    await queryRunner.query(
      'CREATE TABLE "check_ins" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "keyResultId" integer NOT NULL, "value" double precision, "takenAt" bigint NOT NULL, "source" varchar(20) NOT NULL, "status" varchar(20) NOT NULL, "progress" double precision, "createdBy" integer, "confirmedBy" integer, "confirmedAt" bigint, "discardedBy" integer, "discardedAt" bigint, "note" text, "failureReason" text, "scenarioId" integer, "slot" bigint, "createdAt" bigint NOT NULL)',
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
