import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TriggerStatesPostgres1796416295299 implements MigrationInterface {
  name = 'TriggerStatesPostgres1796416295299';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "scenario_trigger_states" ("scenarioId" integer NOT NULL, "moduleId" integer NOT NULL, "state" text NOT NULL, CONSTRAINT "PK_695669460aed98069a19959fc24" PRIMARY KEY ("scenarioId", "moduleId"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "scenario_trigger_states"');
  }
}
