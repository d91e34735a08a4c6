import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HotSql, reclaimSqliteSpace } from '@integrator/persistence';
import { OrganizationService } from '../organization/organization.service';
import { SchedulerService } from '../scheduler/scheduler.service';
import { HistoryLimits } from './history-limits';
import { breathe, CHUNK, LIVE_BYTES, marks, PRUNABLE } from './retention-sql';

const AGE_EVERY_MS = 60 * 60 * 1000;
// The count and size limits are checked every minute: a burst of runs is trimmed soon after.
const LIMITS_EVERY_MS = 60 * 1000;

/**
 * Keeps execution history within the organisation's limits: runs younger than N days, at most
 * N runs per scenario (the newest) and at most N bytes in all (the newest first). Runs and their
 * logs go in small chunks so no transaction holds the database long; on SQLite the freed pages
 * are given back and the write-ahead log truncated, so the file does not grow without bound.
 * Queued and running runs, and runs still referenced by an unresolved incomplete execution, are
 * kept whatever the limits say. The count and size limits look only at what changed since the
 * last pass (see HistoryLimits); the hourly pass looks at everything again.
 */
@Injectable()
export class RetentionService implements OnModuleInit {
  private readonly log = new Logger('Retention');
  private lastAgeRun = 0;
  private lastLimitsRun = 0;
  private readonly sql: HotSql;
  private readonly limits: HistoryLimits;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly organization: OrganizationService,
    private readonly scheduler: SchedulerService,
  ) {
    this.sql = new HotSql(db);
    this.limits = new HistoryLimits(db, this.sql, (ids) => this.remove(ids));
  }

  onModuleInit(): void {
    this.scheduler.addTask('execution-retention', async (now) => {
      let removed = 0;
      if (now - this.lastAgeRun >= AGE_EVERY_MS) {
        this.lastAgeRun = now;
        // Runs written late (another process's clock behind) are found by looking at all again.
        this.limits.forget();
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
    let removed = 0;
    // Scenario by scenario, through the index on (scenarioId, createdAt).
    for (const { id } of await this.limits.scenarios()) {
      removed += await this.removeWhile(
        `SELECT e."id" AS id FROM executions e WHERE e."scenarioId" = ? AND e."createdAt" < ? AND ${PRUNABLE} LIMIT ${CHUNK}`,
        [id, now - days * 86_400_000],
      );
      await breathe();
    }
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
    const removed = await this.limits.byCount(count);
    if (removed) this.log.log(`removed ${removed} execution(s) past the newest ${count} of their scenario`);
    return removed;
  }

  /** Drops the oldest runs until the stored history is under the size limit. */
  async pruneBySize(): Promise<number> {
    const bytes = (await this.organization.get()).executionRetentionBytes;
    if (!bytes) return 0;
    const removed = await this.limits.bySize(bytes);
    if (removed) this.log.log(`removed ${removed} execution(s) to keep the history under ${bytes} bytes`);
    return removed;
  }

  /** Stored bytes of the history as the size limit counts it, read from every run's text. */
  async storedBytes(): Promise<number> {
    const { rows } = await this.sql.run(this.db, `SELECT SUM(${LIVE_BYTES}) AS total FROM executions e`);
    return Number(rows[0]?.total ?? 0);
  }

  /** Runs `select` and deletes what it finds, chunk after chunk, until it finds no more. */
  private async removeWhile(select: string, params: unknown[]): Promise<number> {
    let removed = 0;
    for (;;) {
      const { rows } = await this.sql.run(this.db, select, params);
      if (!rows.length) break;
      removed += await this.remove(rows.map((r) => String(r.id)));
      if (rows.length < CHUNK) break;
      await breathe();
    }
    return removed;
  }

  /**
   * Deletes runs (their logs are in their rows), off the main thread where it can be
   * (HotSql.runAside); returns how many.
   */
  private async remove(ids: string[]): Promise<number> {
    await this.sql.runAside([[`DELETE FROM executions WHERE "id" IN (${marks(ids)})`, ids]]);
    return ids.length;
  }
}
