import type { TriggerStateStore } from '@integrator/apps/app-kit';
import { HotSql } from '@integrator/persistence';
import { userError } from '@integrator/sdk';
import type { DataSource } from 'typeorm';

/**
 * Where polling triggers stopped: one row per scenario and module, the state as JSON text, so a
 * restart neither repeats nor skips items.
 */
export class ScenarioTriggerStates implements TriggerStateStore {
  private readonly sql: HotSql;

  constructor(private readonly db: DataSource) {
    this.sql = new HotSql(db);
  }

  async get(scenarioId: string, moduleId: number): Promise<unknown> {
    const { rows } = await this.sql.run(
      this.db,
      'SELECT "state" FROM "scenario_trigger_states" WHERE "scenarioId" = ? AND "moduleId" = ?',
      [idOf(scenarioId), moduleId],
    );
    return rows[0] ? JSON.parse(String(rows[0].state)) : undefined;
  }

  async set(scenarioId: string, moduleId: number, state: unknown): Promise<void> {
    await this.sql.run(
      this.db,
      'INSERT INTO "scenario_trigger_states" ("scenarioId", "moduleId", "state") VALUES (?, ?, ?) ' +
        'ON CONFLICT ("scenarioId", "moduleId") DO UPDATE SET "state" = excluded."state"',
      [idOf(scenarioId), moduleId, JSON.stringify(state)],
    );
  }
}

function idOf(scenarioId: string): number {
  const id = Number(scenarioId);
  if (!Number.isInteger(id))
    throw userError('a polling trigger remembers its position only in a saved scenario');
  return id;
}
