import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TriggerStatesSqlite1796416295299 implements MigrationInterface {
  name = 'TriggerStatesSqlite1796416295299';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "scenario_trigger_states" ("scenarioId" integer NOT NULL, "moduleId" integer NOT NULL, "state" text NOT NULL, PRIMARY KEY ("scenarioId", "moduleId"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "scenario_trigger_states"');
  }
}
