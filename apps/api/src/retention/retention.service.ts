import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HotSql, reclaimSqliteSpace } from '@integrator/persistence';
import { OrganizationService } from '../organization/organization.service';
import { SchedulerService } from '../scheduler/scheduler.service';

const AGE_EVERY_MS = 60 * 60 * 1000;
// The count and size limits are checked every minute: a burst of runs is trimmed soon after.
const LIMITS_EVERY_MS = 60 * 1000;
const CHUNK = 500;

/**
 * What a run takes beside its text columns (the summary row's numbers, ids and indexes): an
 * estimate, so the size limit stays close to what the database holds.
 */
export const ROW_OVERHEAD_BYTES = 200;

// Runs that may go: finished, and not waiting as an incomplete execution someone must resolve.
const PRUNABLE = `"status" NOT IN ('queued', 'running')
  AND NOT EXISTS (SELECT 1 FROM incomplete_executions i WHERE i."executionId" = kept."id" AND i."status" <> 'resolved')`;

const STORED_BYTES = `${ROW_OVERHEAD_BYTES} + COALESCE(LENGTH(l."modules"), 0) + COALESCE(LENGTH(l."input"), 0)
  + COALESCE(LENGTH(l."response"), 0) + COALESCE(LENGTH(l."blueprint"), 0)
  + COALESCE(LENGTH(e."error"), 0) + COALESCE(LENGTH(e."warnings"), 0)`;

/**
 * Keeps execution history within the organisation's limits: runs younger than N days, at most
 * N runs per scenario (the newest) and at most N bytes in all (the newest first). Runs and their
 * logs go in small chunks so no transaction holds the database long; on SQLite the freed pages
 * are given back and the write-ahead log truncated, so the file does not grow without bound.
 * Queued and running runs, and runs still referenced by an unresolved incomplete execution, are
 * kept whatever the limits say.
 */
@Injectable()
export class RetentionService implements OnModuleInit {
  private readonly log = new Logger('Retention');
  private lastAgeRun = 0;
  private lastLimitsRun = 0;
  private readonly sql: HotSql;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organization: OrganizationService,
    private readonly scheduler: SchedulerService,
  ) {
    this.sql = new HotSql(db);
  }

  onModuleInit(): void {
    this.scheduler.addTask('execution-retention', async (now) => {
      let removed = 0;
      if (now - this.lastAgeRun >= AGE_EVERY_MS) {
        this.lastAgeRun = now;
        removed += await this.pruneByAge(now);
      }
      if (now - this.lastLimitsRun >= LIMITS_EVERY_MS) {
        this.lastLimitsRun = now;
        removed += (await this.pruneByCount()) + (await this.pruneBySize());
      }
      if (removed) await reclaimSqliteSpace(this.db);
    });
  }

  /** Applies every limit (age, count per scenario, total size); returns how many runs went. */
  async prune(now: number): Promise<number> {
    const removed = (await this.pruneByAge(now)) + (await this.pruneByCount()) + (await this.pruneBySize());
    if (removed) await reclaimSqliteSpace(this.db);
    return removed;
  }

  /** Deletes executions older than the retention period; returns how many went. */
  async pruneByAge(now: number): Promise<number> {
    const days = (await this.organization.get()).executionRetentionDays;
    const removed = await this.removeWhile(
      `SELECT kept."id" AS id FROM executions kept WHERE kept."createdAt" < ? AND ${PRUNABLE} LIMIT ${CHUNK}`,
      [now - days * 86_400_000],
    );
    await this.sql.run(
      this.db,
      `DELETE FROM incomplete_executions WHERE "status" = 'resolved' AND "updatedAt" < ?`,
      [now - 30 * 86_400_000],
    );
    if (removed) this.log.log(`removed ${removed} execution(s) older than ${days} days`);
    return removed;
  }

  /** Keeps the newest N runs of each scenario. */
  async pruneByCount(): Promise<number> {
    const count = (await this.organization.get()).executionRetentionCount;
    if (!count) return 0;
    const removed = await this.removeWhile(
      `SELECT kept."id" AS id FROM (
         SELECT e."id", e."status",
           ROW_NUMBER() OVER (PARTITION BY e."scenarioId" ORDER BY e."createdAt" DESC, e."id" DESC) AS n
         FROM executions e) kept
       WHERE kept.n > ? AND ${PRUNABLE} LIMIT ${CHUNK}`,
      [count],
    );
    if (removed) this.log.log(`removed ${removed} execution(s) past the newest ${count} of their scenario`);
    return removed;
  }

  /** Drops the oldest runs until the stored history is under the size limit. */
  async pruneBySize(): Promise<number> {
    const bytes = (await this.organization.get()).executionRetentionBytes;
    if (!bytes) return 0;
    const removed = await this.removeWhile(
      `SELECT kept."id" AS id FROM (
         SELECT e."id", e."status",
           SUM(${STORED_BYTES}) OVER (ORDER BY e."createdAt" DESC, e."id" DESC ROWS UNBOUNDED PRECEDING) AS total
         FROM executions e LEFT JOIN execution_logs l ON l."executionId" = e."id") kept
       WHERE kept.total > ? AND ${PRUNABLE} LIMIT ${CHUNK}`,
      [bytes],
    );
    if (removed) this.log.log(`removed ${removed} execution(s) to keep the history under ${bytes} bytes`);
    return removed;
  }

  /** Stored bytes of the history as the size limit counts them. */
  async storedBytes(): Promise<number> {
    const { rows } = await this.sql.run(
      this.db,
      `SELECT SUM(${STORED_BYTES}) AS total FROM executions e LEFT JOIN execution_logs l ON l."executionId" = e."id"`,
    );
    return Number(rows[0]?.total ?? 0);
  }

  /** Runs `select` and deletes what it finds, chunk after chunk, until it finds no more. */
  private async removeWhile(select: string, params: unknown[]): Promise<number> {
    let removed = 0;
    for (;;) {
      const { rows } = await this.sql.run(this.db, select, params);
      if (!rows.length) break;
      const ids = rows.map((r) => String(r.id));
      const marks = ids.map(() => '?').join(', ');
      await this.sql.runMany([
        [`DELETE FROM execution_logs WHERE "executionId" IN (${marks})`, ids],
        [`DELETE FROM executions WHERE "id" IN (${marks})`, ids],
      ]);
      removed += ids.length;
      if (rows.length < CHUNK) break;
    }
    return removed;
  }
}
