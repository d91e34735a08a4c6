import { Worker } from 'node:worker_threads';
import type { Statements } from './hot-sql';

/**
 * EXPERIMENT (issue 14, step 2): the group commit on a worker thread with its own connection.
 * The main side keeps the connection's lock while the thread commits, so its own connection
 * never writes at the same time (no busy wait, no SQLITE_BUSY on a read-then-write).
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = 0');
db.pragma('busy_timeout = 5000');
db.pragma('foreign_keys = ON');
const cache = new Map();
const value = (v) =>
  typeof v === 'boolean' ? (v ? 1 : 0) : v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v;
function run(sql, params) {
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  const values = params.map(value);
  if (stmt.reader) stmt.all(...values);
  else stmt.run(...values);
}
const apply = (groups) => db.transaction(() => { for (const g of groups) for (const [sql, p] of g) run(sql, p); })();
parentPort.on('message', (m) => {
  if (m === 'stop') { db.close(); parentPort.close(); return; }
  let results;
  try {
    apply(m.groups);
    results = m.groups.map(() => null);
  } catch {
    // One bad group must not fail the others: commit them one by one.
    results = m.groups.map((g) => {
      try { apply([g]); return null; } catch (e) { return { message: e.message, code: e.code }; }
    });
  }
  parentPort.postMessage({ id: m.id, results });
});
`;

export class SqliteWriter {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private next = 0;
  private readonly waiting = new Map<number, (results: Array<Error | null>) => void>();

  constructor(file: string) {
    this.worker = new Worker(THREAD, {
      eval: true,
      workerData: { file, driver: require.resolve('better-sqlite3') },
    });
    this.worker.unref();
    this.worker.on(
      'message',
      (m: { id: number; results: Array<{ message: string; code?: string } | null> }) => {
        const resolve = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        resolve?.(m.results.map((r) => (r ? Object.assign(new Error(r.message), { code: r.code }) : null)));
      },
    );
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('exit', () => {
      for (const resolve of this.waiting.values()) resolve([new Error('the SQLite writer thread stopped')]);
    });
  }

  /** Commits the groups in one transaction (one by one when one fails); null = committed. */
  commit(groups: Statements[]): Promise<Array<Error | null>> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, (results) => resolve(groups.map((_, i) => results[i] ?? results[0] ?? null)));
      this.worker.postMessage({ id, groups });
    });
  }

  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    await this.exited;
  }
}
