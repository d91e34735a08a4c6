import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  ExecutionEntity,
  readExecutionLog,
  HotSql,
  IncompleteExecutionEntity,
  type ExecutionStatus,
} from '@integrator/persistence';
import { capValue } from '@integrator/engine';
import { CLOCK, type ServerClock } from '../common/clock';
import { RunEventBus } from './events';
import { PendingRuns } from './pending-runs';
import { EXECUTION_QUEUE, type ExecutionQueue } from './queue';
import { readStoredLog } from './log-codec';
import { newExecutionId } from './execution-id';
import { PgStarts, type NewExecutionRows } from './pg-starts';

export interface StartRun {
  scenarioId: number;
  version: number;
  trigger: string;
  input?: unknown;
  /** A manual run of the editor's unsaved blueprint (stored with the run, never as a version). */
  draft?: Record<string, unknown>;
  /** Retry of an incomplete execution. */
  incompleteId?: number;
}

const TEAM_SCENARIOS = 'e.scenarioId IN (SELECT s.id FROM scenarios s WHERE s."teamId" = :teamId)';

export interface ExecutionQuery {
  /** Only executions of this team's scenarios. */
  teamId: number;
  scenarioId?: number;
  status?: ExecutionStatus;
  /** Created at or after this instant (ms since epoch). */
  from?: number;
  /** Created before this instant (ms since epoch): exclusive, so days chain without overlap. */
  to?: number;
  page: number;
  pageSize: number;
}

/** Starting runs (stored first, then queued) and reading the history. */
@Injectable()
export class ExecutionsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(EXECUTION_QUEUE) private readonly queue: ExecutionQueue,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly bus: RunEventBus,
    private readonly pending: PendingRuns,
  ) {
    this.sql = new HotSql(db);
    if (db.options.type === 'postgres') this.pgStarts = new PgStarts(db);
  }

  private readonly sql: HotSql;
  /** PostgreSQL: the runs stored in one tick go in one statement. */
  private readonly pgStarts?: PgStarts;

  /**
   * start() for the webhook hot path (embedded mode): the run is queued at once and its rows
   * are written by the next group commit, with its result when it finished by then (one write);
   * resolves once the input is durable, so acknowledging after it loses nothing. The caller
   * vouches that the scenario is not sequential (a sequential claim reads the stored rows).
   */
  async startNow(run: StartRun): Promise<string> {
    if (!this.pending.enabled || run.draft || run.incompleteId) return this.start(run);
    const id = newExecutionId();
    const createdAt = this.clock.now();
    const { scenarioId, version, trigger, input } = run;
    const written = this.pending.store({ id, scenarioId, version, trigger, createdAt, input });
    await this.enqueue(id, run, createdAt);
    await written;
    return id;
  }

  /** Stores the execution (with its input) before queueing it: a queued run survives a restart. */
  async start(run: StartRun): Promise<string> {
    const id = newExecutionId();
    const createdAt = this.clock.now();
    if (this.pgStarts) await this.pgStarts.store(rowsOf(id, createdAt, run));
    else await this.sql.runMany(this.inserts(id, createdAt, run));
    await this.enqueue(id, run, createdAt);
    return id;
  }

  /** The stored half of start(), inside the caller's transaction (a slot claim, a webhook dispatch). */
  async createQueued(tx: EntityManager, run: StartRun): Promise<string> {
    return (await this.store(tx, run)).id;
  }

  private async store(tx: EntityManager, run: StartRun): Promise<{ id: string; createdAt: number }> {
    const id = newExecutionId();
    const createdAt = this.clock.now();
    for (const [sql, params] of this.inserts(id, createdAt, run)) await this.sql.run(tx, sql, params);
    return { id, createdAt };
  }

  // One plain insert (the run's row holds its log): this runs for every execution (see HotSql).
  // PgStarts writes the same.
  private inserts(id: string, createdAt: number, run: StartRun): Array<[string, unknown[]]> {
    return [
      [
        'INSERT INTO executions ("id", "scenarioId", "scenarioVersion", "status", "trigger", "incompleteId", "createdAt", "input", "blueprint") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        [
          id,
          run.scenarioId,
          run.version,
          'queued',
          run.trigger,
          run.incompleteId ?? null,
          createdAt,
          run.input === undefined || run.input === null ? null : JSON.stringify(run.input),
          run.draft ? JSON.stringify(run.draft) : null,
        ],
      ],
    ];
  }

  /** The queued half of start(), after the caller's transaction committed. */
  async enqueue(id: string, run: StartRun, createdAt?: number): Promise<void> {
    await this.queue.enqueue({
      executionId: id,
      scenarioId: run.scenarioId,
      kind: run.incompleteId ? 'retry' : 'run',
      incompleteId: run.incompleteId,
      enqueuedAt: this.clock.now(),
      row:
        createdAt === undefined
          ? undefined
          : {
              version: run.version,
              trigger: run.trigger,
              createdAt,
              input: run.input,
              draft: Boolean(run.draft),
            },
    });
  }

  /** Starts a run and waits for its stored result (the event bus replays a finish that came first). */
  async startAndWait(run: StartRun) {
    return this.waitFor(await this.start(run));
  }

  /** Waits for a started run's stored result (startAndWait's second half). */
  async waitFor(id: string) {
    // A confidential run stores no response; its caller still gets it, from the live event
    // (the bus replays what happened before this subscription).
    let live: unknown = null;
    const off = this.bus.subscribe(id, (event) => {
      if (event.type === 'webhook.response') live = event.response;
    });
    try {
      await this.bus.finished(id);
    } finally {
      off();
    }
    const detail = await this.detail(id);
    return detail.response === null && live !== null ? Object.assign({}, detail, { response: live }) : detail;
  }

  async list(q: ExecutionQuery) {
    const qb = this.db.getRepository(ExecutionEntity).createQueryBuilder('e');
    qb.where(TEAM_SCENARIOS, { teamId: q.teamId });
    if (q.scenarioId !== undefined) qb.andWhere('e.scenarioId = :scenarioId', { scenarioId: q.scenarioId });
    if (q.status) qb.andWhere(statusIs(q.status), { status: q.status });
    if (q.from !== undefined) qb.andWhere('e.createdAt >= :from', { from: q.from });
    if (q.to !== undefined) qb.andWhere('e.createdAt < :to', { to: q.to });
    const [items, total] = await qb
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items: items.map(summary), total, page: q.page, pageSize: q.pageSize };
  }

  async detail(id: string) {
    const execution = await this.db.getRepository(ExecutionEntity).findOneBy({ id });
    if (!execution) throw new NotFoundException(`execution ${id} not found`);
    const log = await readExecutionLog(this.db, id);
    const incomplete = await this.db
      .getRepository(IncompleteExecutionEntity)
      .find({ where: { executionId: id }, select: { id: true, moduleId: true, status: true } });
    // The response is in its own column (older rows, or when no output holds it) or in the log.
    const stored = readStoredLog(log);
    return Object.assign(summary(execution), {
      modules: stored.modules,
      // Shown capped like module bundles (a mailhook's attachments are long base64 text).
      input: log?.input === undefined || log?.input === null ? null : capValue(log.input),
      response: stored.response,
      // Run once on the editor's unsaved blueprint: its modules may differ from the saved version.
      draft: Boolean(log?.blueprint),
      // No bundle data was kept: the page says so instead of showing empty operations.
      confidential: Boolean(log?.confidential),
      incomplete,
    });
  }

  /**
   * Runs and operations per day (UTC), for the history chart, under the list's filters. The chart
   * spans from..to when given (at most MAX_STAT_DAYS days), else the last `days` days up to now.
   */
  async stats(q: StatsQuery) {
    const days = statDays(q, this.clock.now());
    const qb = this.db
      .getRepository(ExecutionEntity)
      .createQueryBuilder('e')
      .select(['e.createdAt AS "createdAt"', 'e.operations AS "operations"', 'e.status AS "status"'])
      .where('e.createdAt >= :since', { since: Math.max(Date.parse(days[0]), q.from ?? 0) })
      .andWhere(TEAM_SCENARIOS, { teamId: q.teamId });
    if (q.to !== undefined) qb.andWhere('e.createdAt < :to', { to: q.to });
    if (q.scenarioId !== undefined) qb.andWhere('e.scenarioId = :scenarioId', { scenarioId: q.scenarioId });
    if (q.status) qb.andWhere(statusIs(q.status), { status: q.status });
    const rows: Array<{ createdAt: string | number; operations: string | number; status: string }> =
      await qb.getRawMany();
    const byDay = new Map(days.map((date) => [date, { date, runs: 0, operations: 0, errors: 0 }]));
    for (const row of rows) {
      const day = byDay.get(new Date(Number(row.createdAt)).toISOString().slice(0, 10));
      if (!day) continue;
      day.runs++;
      day.operations += Number(row.operations);
      if (row.status === 'error') day.errors++;
    }
    return [...byDay.values()];
  }
}

/**
 * The status filter. Runs not finished (queued, running) also say "finishedAt" IS NULL, which lets
 * PostgreSQL use the partial index of unfinished runs (there is no index on status).
 */
function statusIs(status: ExecutionStatus): string {
  return status === 'queued' || status === 'running'
    ? 'e.finishedAt IS NULL AND e.status = :status'
    : 'e.status = :status';
}

function rowsOf(id: string, createdAt: number, run: StartRun): NewExecutionRows {
  return {
    id,
    scenarioId: run.scenarioId,
    version: run.version,
    trigger: run.trigger,
    incompleteId: run.incompleteId ?? null,
    createdAt,
    input: run.input === undefined || run.input === null ? null : JSON.stringify(run.input),
    blueprint: run.draft ? JSON.stringify(run.draft) : null,
  };
}

export interface StatsQuery {
  teamId: number;
  scenarioId?: number;
  status?: ExecutionStatus;
  from?: number;
  to?: number;
  /** Days up to today when no range is given. */
  days: number;
}

const DAY_MS = 86_400_000;
export const MAX_STAT_DAYS = 366;

/** The chart's UTC days (YYYY-MM-DD), oldest first. */
function statDays(q: StatsQuery, now: number): string[] {
  const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
  const last = dayOf(q.to !== undefined ? q.to - 1 : now);
  const first = q.from !== undefined ? Math.max(dayOf(q.from), last - MAX_STAT_DAYS + 1) : last - q.days + 1;
  const days: string[] = [];
  for (let d = first; d <= last; d++) days.push(new Date(d * DAY_MS).toISOString().slice(0, 10));
  return days;
}

export function summary(e: ExecutionEntity) {
  return {
    id: e.id,
    scenarioId: e.scenarioId,
    scenarioVersion: e.scenarioVersion,
    status: e.status,
    trigger: e.trigger,
    createdAt: e.createdAt,
    startedAt: e.startedAt,
    finishedAt: e.finishedAt,
    durationMs: e.durationMs,
    operations: e.operations,
    cycles: e.cycles,
    dataSize: e.dataSize,
    error: e.error,
    warnings: e.warnings ?? [],
  };
}
