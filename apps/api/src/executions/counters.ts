import type { CounterService } from '@integrator/apps/builtin';
import { HotSql } from '@integrator/persistence';
import { userError } from '@integrator/sdk';
import type { DataSource } from 'typeorm';

/**
 * The counters of increment functions that never reset: one row per scenario and module,
 * raised in one statement so two runs at once never hand out the same number.
 */
export class ScenarioCounters implements CounterService {
  private readonly sql: HotSql;

  constructor(private readonly db: DataSource) {
    this.sql = new HotSql(db);
  }

  async increment(scenarioId: string | number | undefined, moduleId: number): Promise<number> {
    const id = Number(scenarioId);
    if (scenarioId === undefined || !Number.isInteger(id))
      throw userError('a counter that never resets belongs to a saved scenario', 'parameters.reset');
    const { rows } = await this.sql.run(
      this.db,
      'INSERT INTO "scenario_counters" ("scenarioId", "moduleId", "value") VALUES (?, ?, 1) ' +
        'ON CONFLICT ("scenarioId", "moduleId") DO UPDATE SET "value" = "scenario_counters"."value" + 1 ' +
        'RETURNING "value"',
      [id, moduleId],
    );
    return Number(rows[0]?.value);
  }
}
