import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hostname } from 'node:os';
import type { DataSource } from 'typeorm';
import type { Logger as Pino } from 'pino';
import {
  forRunOnce,
  resumeIncomplete,
  runScenario,
  RunStop,
  systemClock,
  type IncompleteRecord,
  type RunEvent,
  type RunOptions,
  type RunResult,
} from '@integrator/engine';
import {
  ExecutionEntity,
  HotSql,
  IncompleteExecutionEntity,
  ScenarioVersionEntity,
} from '@integrator/persistence';
import { CLOCK, type ServerClock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { ConnectionsService } from '../connections/connections.service';
import { ConnectionChecks } from '../connections/connection-checks';
import { engineLogger, PINO } from '../observability/logger';
import { RunSummaries } from '../observability/run-summaries';
import { OrganizationService } from '../organization/organization.service';
import { Metrics } from '../observability/metrics';
import { ScenarioCache, type CachedScenario } from '../scenarios/scenario-cache';
import { claimExecution } from './claim';
import { CompiledCache } from './compiled-cache';
import { RunEventBus } from './events';
import { HttpClients } from './http-clients';
import { PendingRuns } from './pending-runs';
import { PgClaims } from './pg-claims';
import type { ExecutionJob } from './queue';
import { ResultWriter } from './result-writer';
import { RUNTIME_SERVICES, type RuntimeServices } from './runtime-services';
import { TeamReferences } from '../teams/team-references';
import { RunThreads } from './threads/run-threads';

/** Make's limit on one run; past it the run ends cleanly with a warning. */
const DEFAULT_TIME_LIMIT_MS = 40 * 60 * 1000;

/** Events nobody follows live (webhook and scheduled runs) are not published, except these. */
const ALWAYS_PUBLISHED = new Set<RunEvent['type']>(['webhook.response', 'module.error']);
/** What such a run asks the engine for: the engine builds no other event (issue 14). */
const UNFOLLOWED_EVENTS = new Set<RunEvent['type']>([...ALWAYS_PUBLISHED, 'execution.finished']);

/**
 * Executes a queued job: claims the execution row, runs the compiled scenario with the engine,
 * and hands the result to the batched writer. The same code runs in the API process (embedded)
 * and in workers.
 */
@Injectable()
export class ExecutionRunner implements OnApplicationShutdown {
  private readonly log = new Logger('Runner');
  readonly workerId = `${hostname()}:${process.pid}`;
  private readonly running = new Map<string, RunStop>();
  private readonly sql: HotSql;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    @Inject(RUNTIME_SERVICES) private readonly services: RuntimeServices,
    private readonly cache: CompiledCache,
    private readonly scenarios: ScenarioCache,
    private readonly bus: RunEventBus,
    private readonly connections: ConnectionsService,
    private readonly http: HttpClients,
    private readonly writer: ResultWriter,
    private readonly metrics: Metrics,
    @Inject(PINO) private readonly pino: Pino,
    private readonly organization: OrganizationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly references: TeamReferences,
    private readonly pending: PendingRuns,
    private readonly checks: ConnectionChecks,
    private readonly threads: RunThreads,
  ) {
    this.sql = new HotSql(db);
    if (db.options.type === 'postgres') this.pgClaims = new PgClaims(db, this.workerId);
    this.summaries = new RunSummaries(pino);
  }

  /** Each execution's summary line, written in batches (its fields are fixed: no redaction). */
  private readonly summaries: RunSummaries;

  onApplicationShutdown(): void {
    this.summaries.flush(); // the lines kept back for a batch
  }

  /** PostgreSQL: the plain claims of one tick go in one statement. */
  private readonly pgClaims?: PgClaims;

  // Made once, not per run: what every run's options share.
  private readonly runClock = { now: () => this.clock.now(), sleep: systemClock.sleep };
  private readonly scenarioUrls = new Map<number, string | undefined>();
  private orgSeen?: { from: object; value: { name: string; timezone: string } };

  private scenarioUrl(id: number): string | undefined {
    if (!this.scenarioUrls.has(id)) {
      if (this.scenarioUrls.size > 10_000) this.scenarioUrls.clear();
      const base = this.config.publicUrl?.replace(/\/+$/, '');
      this.scenarioUrls.set(id, base ? `${base}/#/scenarios/${id}` : undefined);
    }
    return this.scenarioUrls.get(id);
  }

  // The organisation service hands out its cached row until it changes: same row, same summary.
  private orgOf(org: { name: string; timezone: string }) {
    if (this.orgSeen?.from !== org)
      this.orgSeen = { from: org, value: { name: org.name, timezone: org.timezone } };
    return this.orgSeen.value;
  }

  /** Executions this process is running now. */
  get activeIds(): string[] {
    return [...this.running.keys()];
  }

  /** Asks every running execution to stop after its current operation (shutdown past its timeout). */
  abortAll(): void {
    for (const stop of this.running.values()) stop.stop();
  }

  /** Asks a running execution to stop after its current operation. */
  stop(executionId: string): boolean {
    const stop = this.running.get(executionId);
    stop?.stop();
    return Boolean(stop);
  }

  /** Called when a scenario may have queued work to move forward (a sequential successor). */
  onIdle?: (scenarioId: number) => void;

  /** `release` frees the job's slot early: called once its result only waits for its commit. */
  async handle(job: ExecutionJob, release?: () => void): Promise<void> {
    const scenario = await this.scenarios.get(job.scenarioId);
    const claimed = await this.claim(job, scenario);
    if (!claimed) return; // taken, finished, or waiting its turn (a sequential scenario)
    // Its AbortSignal is made only if a module waits or sends a request (engine: stop-switch).
    const stop = new RunStop();
    this.running.set(job.executionId, stop);
    try {
      await this.execute(job, claimed, scenario, stop, release);
    } catch (err) {
      this.log.error(
        `execution ${job.executionId} failed outside the engine: ${(err as Error).stack ?? err}`,
      );
      await this.failOutside(claimed, (err as Error).message);
    } finally {
      this.running.delete(job.executionId);
      // The next queued run of a sequential scenario may go now.
      if (scenario?.settings.sequential) this.onIdle?.(claimed.scenarioId);
    }
  }

  // Only one process may run an execution: the queued -> running update decides. A sequential
  // scenario needs the fuller claim (one at a time, in order); the rest one conditional update.
  private async claim(job: ExecutionJob, scenario: CachedScenario | null): Promise<ExecutionEntity | null> {
    const now = this.clock.now();
    const simple = job.row && scenario && !scenario.settings.sequential;
    // Not written yet (embedded mode): claimed in memory, written once with the rest.
    if (simple && this.pending.claim(job.executionId, now, this.workerId)) return this.claimed(job, now);
    // The fuller claim reads the stored rows: they may be in a commit under way.
    await this.pending.written(job.executionId);
    if (!simple) {
      const outcome = await claimExecution(
        this.db,
        job.executionId,
        this.workerId,
        this.runClock.now,
        job.kind,
      );
      return 'claimed' in outcome ? outcome.claimed : null;
    }
    if (this.pgClaims)
      return (await this.pgClaims.claim(job.executionId, now)) ? this.claimed(job, now) : null;
    const { affected } = await this.sql.run(
      this.db,
      'UPDATE executions SET "status" = ?, "startedAt" = ?, "worker" = ? WHERE "id" = ? AND "status" = ?',
      ['running', now, this.workerId, job.executionId, 'queued'],
    );
    if (!affected) return null;
    return this.claimed(job, now);
  }

  private claimed(job: ExecutionJob, now: number): ExecutionEntity {
    return {
      id: job.executionId,
      scenarioId: job.scenarioId,
      scenarioVersion: job.row!.version,
      status: 'running',
      trigger: job.row!.trigger,
      createdAt: job.row!.createdAt,
      startedAt: now,
      incompleteId: job.incompleteId ?? null,
      recoveries: 0,
      worker: this.workerId,
    } as ExecutionEntity;
  }

  private async blueprintOf(
    execution: ExecutionEntity,
    scenario: CachedScenario,
  ): Promise<Record<string, unknown> | undefined> {
    if (execution.scenarioVersion === scenario.version) return scenario.blueprint;
    const row = await this.db
      .getRepository(ScenarioVersionEntity)
      .findOneBy({ scenarioId: scenario.id, version: execution.scenarioVersion });
    return row?.blueprint;
  }

  private logOf(executionId: string) {
    return this.db
      .getRepository(ExecutionEntity)
      .findOne({ where: { id: executionId }, select: { id: true, input: true, blueprint: true } });
  }

  private async execute(
    job: ExecutionJob,
    execution: ExecutionEntity,
    scenario: CachedScenario | null,
    stop: RunStop,
    release?: () => void,
  ): Promise<void> {
    if (!scenario) return this.failOutside(execution, 'the scenario was deleted');
    // The log row holds the input and, for a draft run, its blueprint. A fresh job carries the
    // input and says whether there is a draft, so most runs skip this read.
    const log = !job.row || job.row.draft ? await this.logOf(execution.id) : undefined;
    const draft = log?.blueprint ?? undefined;
    const blueprint = draft ?? (await this.blueprintOf(execution, scenario));
    if (!blueprint)
      return this.failOutside(
        execution,
        `version ${execution.scenarioVersion} of the scenario no longer exists`,
      );
    // A draft is compiled for its one run: caching it by version would shadow the saved one.
    const cached = draft
      ? this.cache.compile(draft)
      : this.cache.get(scenario.id, execution.scenarioVersion, blueprint);
    // Run once (manual) runs with required module fields still empty, as Make does: the first
    // module without its value fails its bundle. Scheduled and webhook runs stay refused.
    const compiled = execution.trigger === 'manual' ? forRunOnce(cached) : cached;
    if (compiled.issues.length) {
      return this.failOutside(
        execution,
        `the scenario is not valid: ${compiled.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      );
    }
    // Checked again on every run: a record moved to another team, or a share withdrawn, since
    // the blueprint was saved must not let this run use it.
    const foreign = await this.references.violations(blueprint, scenario.teamId);
    if (foreign.length)
      return this.failOutside(execution, foreign.map((f) => `${f.path}: ${f.message}`).join('; '));
    const input = job.row ? job.row.input : log?.input;
    const live = execution.trigger === 'manual'; // the editor follows its runs bundle by bundle
    let finished: RunEvent | undefined;
    const onEvent = (event: RunEvent) => {
      if (event.type === 'execution.finished') finished = event;
      else if (live || ALWAYS_PUBLISHED.has(event.type)) this.bus.publish(event);
    };
    const org = await this.organization.get(); // cached in memory
    const incompleteId = job.incompleteId ?? execution.incompleteId;
    let incomplete: IncompleteExecutionEntity | null = null;
    let result: RunResult;
    // What a run is told wherever it is made: Make's var.scenario.* and var.organization.* (date
    // functions default to the organisation's zone), the input, Make's time limit.
    const about = {
      executionId: execution.id,
      scenarioId: scenario.id,
      scenarioName: scenario.name,
      scenarioUrl: this.scenarioUrl(scenario.id),
      organization: this.orgOf(org),
      trigger: execution.trigger,
      input: input ?? undefined,
      timeLimitMs: DEFAULT_TIME_LIMIT_MS,
    };
    const place = !incompleteId && !draft && !live ? this.threads.place(compiled) : 'main';
    if (place === 'thread') {
      // On a run thread: what crosses is the input, the result and the events others follow.
      this.pending.runningOnThread(execution.id);
      const out = await this.threads.run(
        `${scenario.id}:${execution.scenarioVersion}`,
        blueprint,
        { blockPrivateNetworks: Boolean(this.config.hostedProfile) || org.privateNetworkGuard, ...about },
        stop,
        onEvent,
      );
      result = out.result;
      finished = out.finished;
    } else {
      // `about` spread last: on Node 20's V8 an object made by a spread and then given more
      // properties builds a new hidden class per property each time (about 0.6 µs apiece, and
      // those classes kept run data from dying young): docs/BENCHMARKS.md, "object spreads on
      // the per-run path".
      const options: RunOptions = {
        runOnce: execution.trigger === 'manual',
        stop,
        // The run reads the server's time (tests pin it); waits (the sleep module) are real.
        clock: this.runClock,
        services: this.services,
        logger: engineLogger(this.pino, execution.id, scenario.id),
        connections: (ref) => this.connections.resolve(ref, scenario.teamId),
        // A 401 answer to an OAuth2 connection's request gets one fresh token and one more try.
        http: this.http.factory(org, stop, (c) => this.connections.refresh(c.id, scenario.teamId)),
        // The finish event waits until the result is stored, so whoever waits can read it.
        onEvent,
        eventTypes: live ? undefined : UNFOLLOWED_EVENTS,
        ...about,
      };
      if (incompleteId) {
        incomplete = await this.db.getRepository(IncompleteExecutionEntity).findOneBy({ id: incompleteId });
        if (!incomplete)
          return this.failOutside(execution, `incomplete execution ${incompleteId} no longer exists`);
        result = await resumeIncomplete(compiled, incomplete.record as unknown as IncompleteRecord, options);
      } else {
        try {
          result = await runScenario(compiled, options);
        } finally {
          if (place === 'main-heavy') this.threads.leftMain();
        }
      }
    }
    this.threads.observe(cached, result.durationMs);
    // A short run's result goes into its not-yet-written rows: the next group commit writes it,
    // so the run frees its slot now. Holding it to the commit made runs that arrived meanwhile
    // wait past that commit and cost a claim and two result updates each (a third of all runs
    // under load, docs/BENCHMARKS.md).
    await this.writer.record(
      { execution, scenario, result, incomplete, now: this.clock.now(), input },
      release,
    );
    // Connections that worked in this run show as verified (at most every few minutes each).
    void this.checks
      .afterRun(compiled, result, this.clock.now())
      .catch((e: Error) => this.pino.warn({ err: e.message }, 'could not mark connections verified'));
    if (finished) this.bus.publish(finished);
    if (result.status !== 'success') this.scenarios.invalidate(scenario.id); // its error count changed
    const summary = {
      status: result.status,
      trigger: execution.trigger,
      operations: result.operations,
      durationMs: result.durationMs,
    };
    this.metrics.observeRun({ waitMs: (execution.startedAt ?? 0) - execution.createdAt, ...summary });
    // Checked first: the fields would be gathered for nothing at a quieter level.
    if (this.summaries.enabled)
      this.summaries.write({
        executionId: execution.id,
        scenarioId: scenario.id,
        status: summary.status,
        trigger: summary.trigger,
        operations: summary.operations,
        durationMs: summary.durationMs,
        error: result.error?.message,
      });
  }

  /** A run that could not start (deleted scenario, invalid blueprint…) still ends, in error. */
  private async failOutside(execution: ExecutionEntity, message: string): Promise<void> {
    await this.pending.written(execution.id); // the updates below need its rows
    const now = this.clock.now();
    // A retry that could not even start leaves its incomplete execution for a person to look at.
    if (execution.incompleteId) {
      await this.db
        .getRepository(IncompleteExecutionEntity)
        .update(
          { id: execution.incompleteId, status: 'in_progress' },
          { status: 'unresolved', lastError: message, updatedAt: now },
        );
    }
    await this.db.getRepository(ExecutionEntity).update(execution.id, {
      status: 'error',
      finishedAt: now,
      error: { message, kind: 'user', type: 'InvalidConfigurationError' },
    });
    this.bus.publish({
      type: 'execution.finished',
      executionId: execution.id,
      status: 'error',
      operations: 0,
      durationMs: 0,
    });
  }
}
