import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { HotSql, reclaimSqliteSpace } from '@integrator/persistence';
import { OrganizationService } from '../organization/organization.service';
import { SchedulerService } from '../scheduler/scheduler.service';

const EVERY_MS = 60 * 60 * 1000;
const CHUNK = 500;

/**
 * Keeps the last N days of executions (organisation setting). Old runs and their logs go in
 * small chunks so no transaction holds the database long; on SQLite the freed pages are given
 * back and the write-ahead log truncated, so the file does not grow without bound. Runs still
 * referenced by an unresolved incomplete execution are kept.
 */
@Injectable()
export class RetentionService implements OnModuleInit {
  private readonly log = new Logger('Retention');
  private lastRun = 0;
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
      if (now - this.lastRun < EVERY_MS) return;
      this.lastRun = now;
      await this.prune(now);
    });
  }

  /** Deletes executions older than the retention period; returns how many went. */
  async prune(now: number): Promise<number> {
    const days = (await this.organization.get()).executionRetentionDays;
    const cutoff = now - days * 86_400_000;
    let removed = 0;
    for (;;) {
      const { rows } = await this.sql.run(
        this.db,
        `SELECT e."id" AS id FROM executions e WHERE e."createdAt" < ? AND e."status" NOT IN ('queued', 'running')
           AND NOT EXISTS (SELECT 1 FROM incomplete_executions i WHERE i."executionId" = e."id" AND i."status" <> 'resolved')
         LIMIT ${CHUNK}`,
        [cutoff],
      );
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
    await this.sql.run(
      this.db,
      `DELETE FROM incomplete_executions WHERE "status" = 'resolved' AND "updatedAt" < ?`,
      [now - 30 * 86_400_000],
    );
    if (removed) await reclaimSqliteSpace(this.db);
    if (removed) this.log.log(`removed ${removed} execution(s) older than ${days} days`);
    return removed;
  }
}
