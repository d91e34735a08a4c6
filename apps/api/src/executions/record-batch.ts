import type { EntityManager } from 'typeorm';
import { preparedQuery, type HotSql } from '@integrator/persistence';
import { storedModuleLogs } from './log-codec';
import { recordFollowUps, recordResult, type ResultToRecord } from './record-result';

// Distributed mode (PostgreSQL): the results a worker finished in the same tick are written
// with one statement per table, whatever their number, each a named prepared statement (its
// text does not depend on the batch size: the rows travel as arrays and are unnested). On
// SQLite a prepared statement per row costs next to nothing, and the rows are written one by one.

const EXECUTIONS = `UPDATE executions AS e SET "status" = v.status, "finishedAt" = v.finished,
  "durationMs" = v.duration, "operations" = v.operations, "cycles" = v.cycles, "dataSize" = v.size,
  "error" = v.error, "warnings" = v.warnings
FROM unnest($1::varchar[], $2::varchar[], $3::bigint[], $4::int[], $5::int[], $6::int[], $7::bigint[], $8::text[], $9::text[])
  AS v(id, status, finished, duration, operations, cycles, size, error, warnings)
WHERE e."id" = v.id`;

const LOGS = `UPDATE execution_logs AS l SET "modules" = v.modules, "response" = v.response
FROM unnest($1::varchar[], $2::text[], $3::text[]) AS v(id, modules, response)
WHERE l."executionId" = v.id`;

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
  ]);
  await preparedQuery(runner, LOGS, [
    column((r) => r.execution.id),
    column((r) => storedModuleLogs(r.result, r.input)),
    column((r) => (r.result.response ? JSON.stringify(r.result.response) : null)),
  ]);
  for (const r of plain) await recordFollowUps(tx, r);
}
