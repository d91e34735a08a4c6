import type { DataSource } from 'typeorm';
import { sqliteCheckpointerOf } from './data-source';
import { sqliteLockOf } from './sqlite-lock';

// Giving the space of pruned runs back to the file system (retention calls it after a pass).

export interface ReclaimOptions {
  /**
   * Free pages under this share of the file stay in it: new rows reuse them, and giving them
   * back only for the file to grow again costs page moves and a checkpoint. 0 reclaims always
   * (and checkpoints even when nothing was free).
   */
  minFreeShare?: number;
  /** Pages given back per step; the connection's lock is let go between steps. */
  stepPages?: number;
}

type PragmaConnection = { pragma(sql: string, options?: { simple: boolean }): unknown };

/**
 * Gives freed pages back to the file system (incremental auto-vacuum) and truncates the
 * write-ahead log, when enough of the file is free (see ReclaimOptions). Run on the connection
 * itself (the pragma must be stepped to the end), a few hundred pages at a time: each step moves
 * pages on the main thread, and in between the writes and the event loop go on (issue 14: one
 * pass after pruning a minute of runs took 20–120 ms in one piece). Returns the pages given back.
 */
export async function reclaimSqliteSpace(
  dataSource: DataSource,
  { minFreeShare = 0.25, stepPages = 256 }: ReclaimOptions = {},
): Promise<number> {
  const lock = sqliteLockOf(dataSource);
  const connection = (dataSource.driver as unknown as { databaseConnection?: PragmaConnection })
    .databaseConnection;
  if (!lock || !connection) return 0;
  const free = () => Number(connection.pragma('freelist_count', { simple: true }));
  const first = await lock.run(() => ({
    free: free(),
    pages: Number(connection.pragma('page_count', { simple: true })),
  }));
  if (minFreeShare > 0 && (first.free === 0 || first.free < first.pages * minFreeShare)) return 0;
  let left = first.free;
  while (left > 0) {
    const before = left;
    left = await lock.run(() => {
      connection.pragma(`incremental_vacuum(${Math.max(1, Math.floor(stepPages))})`);
      return free();
    });
    if (left >= before) break; // nothing moved (another connection holds pages): try next pass
    await new Promise((resolve) => setImmediate(resolve));
  }
  await lock.run(async () => {
    // The log holds every page moved: the checkpoint thread copies it and cuts it while this
    // connection's writes wait (the event loop goes on). Without the thread, or when it could
    // not, it is done here; while the thread is copying, SQLite answers busy at once: try again
    // shortly (the lock keeps this connection's writes out meanwhile).
    if (await sqliteCheckpointerOf(dataSource)?.truncate()) return;
    for (let attempt = 0; attempt < 100; attempt++) {
      const [result] = connection.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      if (!result?.busy) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  return first.free - left;
}
