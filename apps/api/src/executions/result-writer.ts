import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { HotSql } from '@integrator/persistence';
import { GroupWrites } from './group-writes';
import { PendingRuns } from './pending-runs';
import { fitsInOne, recordAllInOne, recordResults } from './record-batch';
import { recordResult, type ResultToRecord } from './record-result';

interface Pending {
  record: ResultToRecord;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/**
 * Writes finished executions in batches: under load several executions share one transaction
 * (DESIGN §4: no database round trip per module, batch per transaction), and a scenario's
 * "last run" is updated once per batch however many of its runs the batch holds. Each caller's
 * promise settles when its own result is committed.
 */
@Injectable()
export class ResultWriter {
  private readonly log = new Logger('ResultWriter');
  private readonly sql: HotSql;
  // One batch under way at a time; results that finish meanwhile go together in the next.
  private readonly writes = new GroupWrites<Pending>((batch) => this.flush(batch));

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly runs: PendingRuns,
  ) {
    this.sql = new HotSql(db);
  }

  /** `merged` is called when the result joined its run's unwritten rows (the next commit). */
  async record(record: ResultToRecord, merged?: () => void): Promise<void> {
    // A short run whose rows are not written yet: its result goes into that one insert.
    const written = this.runs.finish(record);
    if (written) {
      merged?.();
      return written;
    }
    // Its rows may be in a commit under way: the updates below need them.
    await this.runs.written(record.execution.id);
    return new Promise((resolve, reject) => this.writes.add({ record, resolve, reject }));
  }

  private async flush(batch: Pending[]): Promise<void> {
    try {
      const records = batch.map((item) => item.record);
      if (fitsInOne(this.db, records)) await recordAllInOne(this.db, records, latestOf(batch));
      else
        await this.db.transaction(async (tx) => {
          await recordResults(tx, this.sql, records);
          await this.lastRuns(tx, batch);
        });
      for (const item of batch) item.resolve();
    } catch (err) {
      // One bad write must not lose the others: retry them one by one.
      this.log.warn(`batched write failed, retrying one by one: ${(err as Error).message}`);
      for (const item of batch) {
        try {
          await this.db.transaction(async (tx) => {
            await recordResult(tx, this.sql, item.record);
            await this.lastRuns(tx, [item]);
          });
          item.resolve();
        } catch (e) {
          item.reject(e);
        }
      }
    }
  }

  private async lastRuns(tx: EntityManager, batch: Pending[]): Promise<void> {
    for (const r of latestOf(batch)) {
      await this.sql.run(
        tx,
        'UPDATE scenarios SET "lastExecutionId" = ?, "lastStatus" = ?, "lastRunAt" = ? WHERE "id" = ? AND ("lastRunAt" IS NULL OR "lastRunAt" <= ?)',
        [r.execution.id, r.result.status, r.result.finishedAt, r.scenario.id, r.result.finishedAt],
      );
    }
  }
}

/** The newest result of each scenario in the batch (its "last run" columns). */
function latestOf(batch: Pending[]): ResultToRecord[] {
  const latest = new Map<number, ResultToRecord>();
  for (const { record } of batch) {
    const seen = latest.get(record.scenario.id);
    if (!seen || seen.result.finishedAt <= record.result.finishedAt) latest.set(record.scenario.id, record);
  }
  return [...latest.values()];
}
