import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';

// What the stored history costs per execution, read from the SQLite file of an embedded run:
// each execution's row (its log included), text columns by their length and every other column as 8 bytes
// (as test/e2e/history-size.e2e-spec.ts counts), and the file (with its write-ahead log) divided
// by the executions it holds (row headers, indexes and free pages included).
export function storedBytes(file: string): {
  perExecution: number;
  filePerExecution: number;
  executions: number;
} {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT * FROM executions ORDER BY "id" DESC LIMIT 1000').all() as Array<
      Record<string, unknown>
    >;
    let columns = 0;
    for (const row of rows)
      for (const v of Object.values(row))
        if (v !== null && v !== undefined) columns += typeof v === 'string' ? Buffer.byteLength(v) : 8;
    const perExecution = rows.length ? columns / rows.length : 0;
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM executions').get() as { n: number };
    const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
    return {
      perExecution,
      filePerExecution: (size(file) + size(`${file}-wal`)) / Math.max(1, n),
      executions: n,
    };
  } finally {
    db.close();
  }
}
