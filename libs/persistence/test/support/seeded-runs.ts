import type { DataSource } from 'typeorm';

// What the migration specs put in a database before migrating it, and read back after.

export const ROWS = 'SELECT * FROM executions ORDER BY "createdAt"';

/**
 * The runs' logs, wherever the schema of the moment keeps them: a table of their own before
 * the migration ExecutionLogsInline, the runs' own rows after it.
 */
export async function logs(db: DataSource): Promise<Array<Record<string, unknown>>> {
  const runner = db.createQueryRunner();
  const ownTable = await runner.hasTable('execution_logs').finally(() => runner.release());
  return db.query(
    ownTable
      ? 'SELECT * FROM execution_logs ORDER BY "executionId"'
      : 'SELECT "id" AS "executionId", "modules", "input", "response", "blueprint", "confidential" FROM executions ORDER BY "id"',
  );
}

/** Rows with only the columns of `like` (later migrations may add some). */
export function projected(rows: Array<Record<string, unknown>>, like: Array<Record<string, unknown>>) {
  const columns = Object.keys(like[0]);
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
}

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

/** Undoes the migrations applied after the one `name` matches, then that one. */
export async function undoThrough(db: DataSource, name: RegExp): Promise<void> {
  const applied = async () =>
    ((await db.query('SELECT name FROM migrations')) as Array<{ name: string }>).some((m) =>
      name.test(m.name),
    );
  while (await applied()) await db.undoLastMigration();
}

/** Every execution row and every log row, in a stable order. */
export async function snapshot(db: DataSource): Promise<Array<Array<Record<string, unknown>>>> {
  return [await db.query(ROWS), await logs(db)];
}
