import type { DataSource } from 'typeorm';

// What the migration specs put in a database before migrating it, and read back after.

export const ROWS = 'SELECT * FROM executions ORDER BY "createdAt"';
export const LOGS = 'SELECT * FROM execution_logs ORDER BY "executionId"';

/** A scenario with `count` runs and their logs; `run(i)` gives each run's status and end. */
export async function seedRuns(
  db: DataSource,
  count: number,
  run: (i: number) => { status: string; finishedAt: number | null },
): Promise<number> {
  await db.query(
    `INSERT INTO scenarios (name, folder, blueprint, "createdAt", "updatedAt") VALUES ('S', '', '{"flow":[]}', 1, 1)`,
  );
  const [{ id: scenarioId }] = (await db.query('SELECT id FROM scenarios')) as Array<{ id: number }>;
  for (let i = 0; i < count; i++) {
    const { status, finishedAt } = run(i);
    await db.query(
      `INSERT INTO executions ("id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "finishedAt") VALUES ('e${i}', ${scenarioId}, 1, '${status}', 'webhook', ${i}, ${finishedAt ?? 'NULL'})`,
    );
    await db.query(
      `INSERT INTO execution_logs ("executionId", "modules", "input") VALUES ('e${i}', '[]', '{"n":${i}}')`,
    );
  }
  return scenarioId;
}

/** Every execution row and every log row, in a stable order. */
export async function snapshot(db: DataSource): Promise<Array<Array<Record<string, unknown>>>> {
  return [await db.query(ROWS), await db.query(LOGS)];
}
