import type { DataSource, EntityManager } from 'typeorm';
import { preparedQuery, type HotSql } from '@integrator/persistence';
import { storedLog } from './log-codec';
import { recordFollowUps, recordResult, takesLongPath, type ResultToRecord } from './record-result';

// Distributed mode (PostgreSQL): the results a worker finished in the same tick are written
// with one statement for their rows, whatever their number, each a named prepared statement (its
// text does not depend on the batch size: the rows travel as arrays and are unnested). On
// SQLite a prepared statement per row costs next to nothing, and the rows are written one by one.

// The summary and the log columns of each run's row (its log is in its row).
const EXECUTIONS = `UPDATE executions AS e SET "status" = v.status, "finishedAt" = v.finished,
  "durationMs" = v.duration, "operations" = v.operations, "cycles" = v.cycles, "dataSize" = v.size,
  "error" = v.error, "warnings" = v.warnings, "modules" = v.modules, "response" = v.response
FROM unnest($1::varchar[], $2::varchar[], $3::bigint[], $4::int[], $5::int[], $6::int[], $7::bigint[], $8::text[], $9::text[], $10::text[], $11::text[])
  AS v(id, status, finished, duration, operations, cycles, size, error, warnings, modules, response)
WHERE e."id" = v.id`;

/** Records finished runs in the caller's transaction: batched on PostgreSQL, row by row otherwise. */
export async function recordResults(
  tx: EntityManager,
  sql: HotSql,
  records: ResultToRecord[],
): Promise<void> {
  const runner = tx.queryRunner;
  if (tx.connection.options.type !== 'postgres' || !runner || records.length < 2) {
    for (const r of records) await recordResult(tx, sql, r);
    return;
  }
  // Confidential runs also clear their input: the rare case keeps its own statement.
  const plain = records.filter((r) => !r.result.confidential);
  for (const r of records) if (r.result.confidential) await recordResult(tx, sql, r);
  if (!plain.length) return;
  const column = <T>(pick: (r: ResultToRecord) => T) => plain.map(pick);
  const logs = plain.map((r) => storedLog(r.result, r.input));
  await preparedQuery(runner, EXECUTIONS, [
    column((r) => r.execution.id),
    column((r) => r.result.status),
    column((r) => r.result.finishedAt),
    column((r) => r.result.durationMs),
    column((r) => r.result.operations),
    column((r) => r.result.cycles),
    column((r) => r.result.dataSize),
    column((r) => (r.result.error ? JSON.stringify(r.result.error) : null)),
    column((r) => (r.result.warnings.length ? JSON.stringify(r.result.warnings) : null)),
    logs.map((l) => l.modules),
    logs.map((l) => l.response),
  ]);
  for (const r of plain) await recordFollowUps(tx, r);
}

// The usual batch (short runs, nothing confidential, no incomplete execution, no error count to
// move): its executions (with their logs) and its scenarios' "last run" in one statement, atomic on its
// own, so no BEGIN and COMMIT round trips around it.
const ALL_IN_ONE = `WITH e AS (${EXECUTIONS})
UPDATE scenarios AS s SET "lastExecutionId" = v.id, "lastStatus" = v.status, "lastRunAt" = v.at
FROM unnest($12::varchar[], $13::varchar[], $14::bigint[], $15::int[]) AS v(id, status, at, scenario)
WHERE s."id" = v.scenario AND (s."lastRunAt" IS NULL OR s."lastRunAt" <= v.at)`;

/** Whether recordAllInOne can write this batch (PostgreSQL, only plain short results). */
export function fitsInOne(db: DataSource, records: ResultToRecord[]): boolean {
  return db.options.type === 'postgres' && records.every((r) => !r.result.confidential && !takesLongPath(r));
}

/** Writes a batch that fitsInOne, with `latest` the newest result of each of its scenarios. */
export async function recordAllInOne(
  db: DataSource,
  records: ResultToRecord[],
  latest: ResultToRecord[],
): Promise<void> {
  const column = <T>(rows: ResultToRecord[], pick: (r: ResultToRecord) => T) => rows.map(pick);
  const logs = records.map((r) => storedLog(r.result, r.input));
  const runner = db.createQueryRunner();
  try {
    await preparedQuery(runner, ALL_IN_ONE, [
      column(records, (r) => r.execution.id),
      column(records, (r) => r.result.status),
      column(records, (r) => r.result.finishedAt),
      column(records, (r) => r.result.durationMs),
      column(records, (r) => r.result.operations),
      column(records, (r) => r.result.cycles),
      column(records, (r) => r.result.dataSize),
      column(records, (r) => (r.result.error ? JSON.stringify(r.result.error) : null)),
      column(records, (r) => (r.result.warnings.length ? JSON.stringify(r.result.warnings) : null)),
      logs.map((l) => l.modules),
      logs.map((l) => l.response),
      column(latest, (r) => r.execution.id),
      column(latest, (r) => r.result.status),
      column(latest, (r) => r.result.finishedAt),
      column(latest, (r) => r.scenario.id),
    ]);
  } finally {
    await runner.release();
  }
}
