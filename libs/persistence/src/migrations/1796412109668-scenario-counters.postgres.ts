import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ScenarioCountersPostgres1796412109668 implements MigrationInterface {
  name = 'ScenarioCountersPostgres1796412109668';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "scenario_counters" ("scenarioId" integer NOT NULL, "moduleId" integer NOT NULL, "value" bigint NOT NULL DEFAULT \'0\', CONSTRAINT "PK_04df34a1e63ba9e7200236e454c" PRIMARY KEY ("scenarioId", "moduleId"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "scenario_counters"');
  }
}
