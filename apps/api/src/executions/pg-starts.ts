import type { DataSource } from 'typeorm';
import { preparedQuery } from '@integrator/persistence';
import { GroupWrites } from './group-writes';

/** One new execution's row (with its log's input and draft blueprint). */
export interface NewExecutionRows {
  id: string;
  scenarioId: number;
  version: number;
  trigger: string;
  incompleteId: number | null;
  createdAt: number;
  /** JSON text, or null. */
  input: string | null;
  /** JSON text of a draft blueprint, or null. */
  blueprint: string | null;
}

// The rows of every execution stored in the same tick, in one statement: the arrays are
// unnested, so the text (a named prepared statement) does not depend on the batch size, and
// one statement is atomic on its own (no BEGIN/COMMIT round trips).
const INSERT = `INSERT INTO executions ("id", "scenarioId", "scenarioVersion", "status", "trigger", "incompleteId", "createdAt", "input", "blueprint")
SELECT id, scenario, version, 'queued', trigger, incomplete, created, input, blueprint
FROM unnest($1::varchar[], $2::int[], $3::int[], $4::varchar[], $5::int[], $6::bigint[], $7::text[], $8::text[])
  AS v(id, scenario, version, trigger, incomplete, created, input, blueprint)`;

interface Waiting {
  rows: NewExecutionRows;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Stores new executions on PostgreSQL (distributed mode): the API stores every webhook call's run
 * before queueing it, and under load many arrive while a statement is under way: they go together
 * in the next one (GroupWrites). Each caller's promise settles once its rows are committed; a
 * batch that fails is retried row by row, so one bad row (its scenario deleted a moment ago)
 * fails only its own caller.
 */
export class PgStarts {
  private readonly writes = new GroupWrites<Waiting>((batch) => this.flush(batch));

  constructor(private readonly db: DataSource) {}

  store(rows: NewExecutionRows): Promise<void> {
    return new Promise((resolve, reject) => this.writes.add({ rows, resolve, reject }));
  }

  private async flush(batch: Waiting[]): Promise<void> {
    try {
      await this.insert(batch.map((w) => w.rows));
      for (const w of batch) w.resolve();
    } catch {
      for (const w of batch) await this.insert([w.rows]).then(w.resolve, w.reject);
    }
  }

  private async insert(rows: NewExecutionRows[]): Promise<void> {
    const column = <T>(pick: (r: NewExecutionRows) => T) => rows.map(pick);
    const runner = this.db.createQueryRunner();
    try {
      await preparedQuery(runner, INSERT, [
        column((r) => r.id),
        column((r) => r.scenarioId),
        column((r) => r.version),
        column((r) => r.trigger),
        column((r) => r.incompleteId),
        column((r) => r.createdAt),
        column((r) => r.input),
        column((r) => r.blueprint),
      ]);
    } finally {
      await runner.release();
    }
  }
}
