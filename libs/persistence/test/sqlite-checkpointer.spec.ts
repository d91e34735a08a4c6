import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { HotSql, openDatabase, sqliteCheckpointerOf, SqliteCheckpointer } from '@integrator/persistence';

// The main connection does not checkpoint (wal_autocheckpoint = 0): a worker thread does. If the
// thread stopped checkpointing, the write-ahead log would hold everything ever written.

const MiB = 1024 * 1024;
const tick = () => new Promise((resolve) => setImmediate(resolve));
const walSize = (file: string) => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
const mainConnection = (db: DataSource) =>
  (db.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;

describe('SQLite checkpoints on a worker thread', () => {
  let file: string;
  let db: DataSource | undefined;
  beforeEach(() => {
    file = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'x.db');
  });
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  test('the log stays bounded under a long write load, and nothing written is lost', async () => {
    db = await openDatabase({ sqlitePath: file });
    expect(mainConnection(db).pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const sql = new HotSql(db);
    await sql.run(db, 'CREATE TABLE load (id INTEGER PRIMARY KEY, body BLOB)');
    // 200 MiB through the log in 64 KiB commits; the table itself never holds more than 4 MiB.
    let largest = 0;
    for (let i = 1; i <= 3200; i++) {
      await sql.runMany([
        ['INSERT INTO load (id, body) VALUES (?, ?)', [i, randomBytes(64 * 1024)]],
        ['DELETE FROM load WHERE id <= ?', [i - 64]],
      ]);
      largest = Math.max(largest, walSize(file));
      if (i % 8 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(largest).toBeLessThan(64 * MiB); // without the thread: all 200 MiB
    const stats = await sqliteCheckpointerOf(db)!.stats();
    expect(stats.checkpoints).toBeGreaterThan(0);
    expect(stats.framesCopied).toBeGreaterThan((100 * MiB) / 4096);
    const { rows } = await sql.run(db, 'SELECT COUNT(*) AS n, MAX(id) AS last FROM load');
    expect(rows[0]).toEqual({ n: 64, last: 3200 });
  }, 60_000);

  test('destroying the data source stops the thread and closes its connection', async () => {
    db = await openDatabase({ sqlitePath: file });
    const checkpointer = sqliteCheckpointerOf(db)!;
    expect(checkpointer.running).toBe(true);
    await db.destroy();
    db = undefined;
    expect(checkpointer.running).toBe(false);
    // SQLite removes the log when its last connection closes: the thread's is closed too.
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  test('should the thread die, the main connection checkpoints itself again', async () => {
    db = await openDatabase({ sqlitePath: file });
    const checkpointer = sqliteCheckpointerOf(db)!;
    await (checkpointer as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    for (let i = 0; i < 100 && checkpointer.running; i++) await tick();
    expect(checkpointer.running).toBe(false);
    expect(mainConnection(db).pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });

  test('a reader holding an old snapshot: writes are held back for a checkpoint, then a warning', async () => {
    const main = new Database(file);
    main.pragma('journal_mode = WAL');
    main.pragma('wal_autocheckpoint = 0');
    main.exec('CREATE TABLE t (body BLOB)');
    const reader = new Database(file);
    const warnings: string[] = [];
    let held = 0;
    const checkpointer = new SqliteCheckpointer(
      file,
      async (whileHeld) => {
        held++;
        await whileHeld();
      },
      (message) => warnings.push(message),
      () => warnings.push('lost'),
      { everyMs: 5, pauseAfterFrames: 50 },
    );
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT COUNT(*) FROM t').get(); // the snapshot is taken here
      for (let i = 0; i < 400 && !warnings.length; i++) {
        main.prepare('INSERT INTO t VALUES (?)').run(randomBytes(8000));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      expect(held).toBeGreaterThan(0);
      expect(warnings[0]).toMatch(/a reader keeps from being copied/);
      // Once the reader lets go, the log is copied and the next write starts it over.
      reader.exec('COMMIT');
      const before = (main.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0].log;
      for (let i = 0; i < 100; i++) await tick();
      await new Promise((resolve) => setTimeout(resolve, 50));
      main.prepare('INSERT INTO t VALUES (?)').run(randomBytes(10));
      const after = (main.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0].log;
      expect(before).toBeGreaterThan(200);
      expect(after).toBeLessThan(5);
    } finally {
      await checkpointer.stop();
      reader.close();
      main.close();
    }
  });
});
