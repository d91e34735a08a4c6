import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, LessThan, Not, type DataSource, type EntityManager } from 'typeorm';
import { compileSchedule, dueSlotOf, type CompiledSchedule, type Schedule } from '@integrator/engine';
import { ScenarioEntity } from '@integrator/persistence';
import { CLOCK, type ServerClock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { Dispatcher } from '../executions/dispatcher';
import { ExecutionsService, type StartRun } from '../executions/executions.service';
import { IncompleteService } from '../incomplete/incomplete.service';
import { OrganizationService } from '../organization/organization.service';

const UNSCHEDULED = new Set(['onDemand', 'immediately']);

/**
 * What a scheduled run of a scenario started by webhooks takes from their queue: undefined when
 * the scenario has no hook (a plain run), null when nothing waits (the slot passes without a
 * run), else the waiting requests and how to mark them taken by the run (in the same transaction).
 */
export type QueuedInput = (
  tx: EntityManager,
  scenario: ScenarioEntity,
) => Promise<{ input: unknown[]; take(executionId: string): Promise<void> } | null | undefined>;

/** Thrown by a QueuedInput's take when another process took the requests first. */
export class QueueRaced extends Error {}

/**
 * Starts scheduled runs. Each tick finds, per active scenario, the latest slot that is due and
 * claims it in the database (lastSlot moves forward only once), in the same transaction that
 * stores the run: after downtime a missed slot fires once, and two processes sharing the
 * database never both fire a slot.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly log = new Logger('Scheduler');
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private ticks = 0;
  private readonly compiled = new Map<number, { key: string; schedule: CompiledSchedule }>();
  private readonly tasks: Array<{ name: string; run: (now: number) => Promise<unknown> }> = [];
  private queuedInput?: QueuedInput;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organization: OrganizationService,
    private readonly executions: ExecutionsService,
    private readonly incomplete: IncompleteService,
    private readonly dispatcher: Dispatcher,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.schedulerIntervalMs;
    if (!every) return; // tests drive tick() themselves
    this.timer = setInterval(() => void this.tick(), every);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Features add periodic work that runs on every tick (daily key-result check-ins, say). */
  addTask(name: string, run: (now: number) => Promise<unknown>): void {
    this.tasks.push({ name, run });
  }

  /** The webhooks feature hands scheduled runs their queued requests. */
  setQueuedInput(source: QueuedInput): void {
    this.queuedInput = source;
  }

  /** One pass: due slots, due automatic retries, feature tasks, and every tenth tick a sweep for stuck queued runs. */
  async tick(): Promise<{ started: number[]; retries: number }> {
    if (this.ticking) return { started: [], retries: 0 };
    this.ticking = true;
    try {
      const now = this.clock.now();
      const started = await this.fireDueSlots(now);
      const retries = await this.incomplete.retryDue(now);
      for (const task of this.tasks) {
        try {
          await task.run(now);
        } catch (err) {
          this.log.error(`scheduled task ${task.name} failed: ${(err as Error).message}`);
        }
      }
      if (++this.ticks % 10 === 0) await this.dispatcher.sweep(now);
      return { started, retries };
    } catch (err) {
      this.log.error(`scheduler tick failed: ${(err as Error).message}`);
      return { started: [], retries: 0 };
    } finally {
      this.ticking = false;
    }
  }

  private async fireDueSlots(now: number): Promise<number[]> {
    const zone = (await this.organization.get()).timezone;
    const scenarios = await this.db
      .getRepository(ScenarioEntity)
      .find({ where: { active: true, schedule: Not(IsNull()) } });
    const started: number[] = [];
    for (const s of scenarios) {
      const type = (s.schedule as { type?: string }).type ?? '';
      if (UNSCHEDULED.has(type)) continue;
      const schedule = this.scheduleOf(s, zone);
      if (!schedule) continue;
      const slot = dueSlotOf(schedule, s.lastSlot, now, s.activatedAt ?? s.updatedAt);
      if (slot === null) continue;
      if (await this.claimAndStart(s, slot)) started.push(s.id);
    }
    return started;
  }

  private async claimAndStart(s: ScenarioEntity, slot: number): Promise<boolean> {
    const plain: StartRun = { scenarioId: s.id, version: s.version, trigger: 'schedule' };
    const started = await this.db
      .transaction(async (tx) => {
        const claim = await tx.getRepository(ScenarioEntity).update(
          [
            { id: s.id, active: true, lastSlot: IsNull() },
            { id: s.id, active: true, lastSlot: LessThan(slot) },
          ],
          { lastSlot: slot },
        );
        if (!claim.affected) return null;
        // A webhook scenario with nothing waiting: the slot passes without an empty run.
        return this.storeWithQueue(tx, s, plain, true);
      })
      .catch((err) => {
        // Rolled back whole (the slot too): the next tick tries again.
        if (err instanceof QueueRaced) return null;
        throw err;
      });
    if (!started) return false;
    await this.executions.enqueue(started.id, started.run);
    return true;
  }

  /**
   * A run on demand of a scenario whose requests wait in its hooks' queue ("On demand" with an
   * instant trigger): it takes the oldest of them as a scheduled run would, marked taken in the
   * transaction that stores it. Null when nothing waits (or the scenario has no hook): the
   * caller runs it as it would any other.
   */
  async startFromQueue(s: ScenarioEntity, run: StartRun): Promise<string | null> {
    // Another run may take the same requests first: then try again with what is left.
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = await this.db
        .transaction((tx) => this.storeWithQueue(tx, s, run, false))
        .catch((err) => {
          if (err instanceof QueueRaced) return 'raced' as const;
          throw err;
        });
      if (started === 'raced') continue;
      if (!started) return null;
      await this.executions.enqueue(started.id, started.run);
      return started.id;
    }
    return null;
  }

  // Stores the run with the waiting requests as its input and marks them taken, in `tx`. Null
  // when nothing waits; without a hook, a plain run for a slot (`plainWithoutHook`), else null.
  private async storeWithQueue(
    tx: EntityManager,
    s: ScenarioEntity,
    plain: StartRun,
    plainWithoutHook: boolean,
  ): Promise<{ id: string; run: StartRun } | null> {
    const queued = await this.queuedInput?.(tx, s);
    if (queued === null || (!queued && !plainWithoutHook)) return null;
    const run = queued ? { ...plain, input: queued.input } : plain;
    const id = await this.executions.createQueued(tx, run);
    await queued?.take(id);
    return { id, run };
  }

  private scheduleOf(s: ScenarioEntity, zone: string): CompiledSchedule | undefined {
    const key = `${s.updatedAt}:${zone}`;
    const cached = this.compiled.get(s.id);
    if (cached?.key === key) return cached.schedule;
    try {
      const schedule = compileSchedule(s.schedule as unknown as Schedule, zone);
      this.compiled.set(s.id, { key, schedule });
      return schedule;
    } catch (err) {
      this.log.warn(`scenario ${s.id} has an unusable schedule: ${(err as Error).message}`);
      return undefined;
    }
  }
}
