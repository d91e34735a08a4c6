import {
  HttpException,
  Inject,
  Injectable,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { In, LessThan, type DataSource } from 'typeorm';
import { scenarioSettings, type Blueprint } from '@integrator/engine';
import {
  changes,
  ExecutionEntity,
  IncompleteExecutionEntity,
  ScenarioEntity,
  WebhookEntity,
  WebhookRequestEntity,
} from '@integrator/persistence';
import { hashToken } from '../auth/tokens';
import { CLOCK, type ServerClock } from '../common/clock';
import { FieldsException } from '../common/errors.filter';
import { VAULT } from '../connections/vault.provider';
import type { Vault } from '../connections/vault';
import { Dispatcher } from '../executions/dispatcher';
import { ScenarioCache, type CachedScenario } from '../scenarios/scenario-cache';
import { SchedulerService } from '../scheduler/scheduler.service';
import { ExecutionsService } from '../executions/executions.service';
import type { CreateWebhookDto, UpdateWebhookDto } from './webhooks.dto';
import { missingFields } from './payload';

/** Another process handed the request on first (its transaction is rolled back). */
class AlreadyTaken extends Error {}

export interface Accepted {
  requestId?: number;
  scenario: CachedScenario | null;
  /** Set when the request was handed to a run at once. */
  executionId?: string;
  hook: WebhookEntity;
}

/**
 * Webhooks and their queues. Every request is stored before it is answered, then handed to runs
 * in arrival order while the scenario can run; a scenario that is off keeps its (bounded) queue
 * and drains it when switched on.
 */
@Injectable()
export class WebhooksService implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    @Inject(VAULT) private readonly vault: Vault,
    private readonly executions: ExecutionsService,
    private readonly dispatcher: Dispatcher,
    private readonly scheduler: SchedulerService,
    private readonly scenarios: ScenarioCache,
  ) {}

  /** Hooks that may have requests waiting in their queue (new requests must queue behind them). */
  private readonly queued = new Set<number>();
  private readonly byToken = new Map<string, { at: number; hook: WebhookEntity | null }>();

  onModuleInit(): void {
    this.dispatcher.onIdle((scenarioId) => this.drain(scenarioId).then(() => undefined));
    // Handled requests keep only their execution id; an hour later they go.
    this.scheduler.addTask('webhook-request-cleanup', (now) =>
      this.requests.delete({ status: 'done', claimedAt: LessThan(now - 3600_000) }),
    );
  }

  /** Requests acknowledged before a restart run now. */
  async onApplicationBootstrap(): Promise<void> {
    await this.drainAll();
  }

  private get hooks() {
    return this.db.getRepository(WebhookEntity);
  }

  private get requests() {
    return this.db.getRepository(WebhookRequestEntity);
  }

  async list(origin: string, teamId: number) {
    const hooks = await this.hooks.find({ where: { teamId }, order: { id: 'ASC' } });
    return Promise.all(hooks.map((h) => this.view(h, origin)));
  }

  async get(id: number, origin: string) {
    return this.view(await this.find(id), origin);
  }

  async create(dto: CreateWebhookDto, origin: string, teamId: number) {
    if (dto.scenarioId !== undefined && dto.scenarioId !== null) await this.scenario(dto.scenarioId, teamId);
    const token = randomBytes(24).toString('base64url');
    const hook = await this.hooks.save(
      this.hooks.create({
        name: dto.name,
        teamId,
        tokenHash: hashToken(token),
        tokenEncrypted: this.vault.encrypt(token),
        scenarioId: dto.scenarioId ?? null,
        requiredFields: dto.requiredFields ?? [],
        maxQueue: dto.maxQueue ?? 10_000,
        maxBodyBytes: dto.maxBodyBytes ?? 1024 * 1024,
        responseTimeoutSeconds: dto.responseTimeoutSeconds ?? 30,
        createdAt: this.clock.now(),
      }),
    );
    return this.view(hook, origin);
  }

  async update(id: number, dto: UpdateWebhookDto, origin: string) {
    this.byToken.clear();
    const hook = await this.find(id);
    Object.assign(hook, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    return this.view(await this.hooks.save(hook), origin);
  }

  async remove(id: number) {
    this.byToken.clear();
    const hook = await this.find(id);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(WebhookRequestEntity).delete({ webhookId: id });
      await tx.getRepository(WebhookEntity).remove(hook);
    });
  }

  async queue(id: number) {
    await this.find(id);
    const [items, total] = await this.requests.findAndCount({
      where: { webhookId: id, status: 'queued' },
      order: { id: 'ASC' },
      take: 100,
    });
    return { total, items: items.map((r) => ({ id: r.id, receivedAt: r.receivedAt, payload: r.payload })) };
  }

  /**
   * Stores a request before it is answered. A runnable scenario with nothing queued before it
   * gets the request as its stored, queued run at once; otherwise it waits in the hook's queue.
   */
  async receive(token: string, payload: Record<string, unknown>, bodyBytes: number): Promise<Accepted> {
    const hook = await this.hookByToken(token);
    if (!hook) throw new NotFoundException('no webhook at this address');
    if (bodyBytes > hook.maxBodyBytes)
      throw new HttpException(
        `the request is larger than this webhook accepts (${hook.maxBodyBytes} bytes)`,
        413,
      );
    const missing = missingFields(payload, hook.requiredFields);
    if (missing.length) throw new FieldsException(missing.map((path) => ({ path, message: 'is required' })));
    const scenario = hook.scenarioId ? await this.scenarios.get(hook.scenarioId) : null;
    if (scenario?.active && !scenario.settings.sequential && !this.queued.has(hook.id)) {
      const executionId = await this.executions.start({
        scenarioId: scenario.id,
        version: scenario.version,
        trigger: 'webhook',
        input: payload,
      });
      return { scenario, executionId, hook };
    }
    const queued = await this.requests.countBy({ webhookId: hook.id, status: 'queued' });
    if (queued >= hook.maxQueue) {
      throw new HttpException(
        {
          statusCode: 429,
          error: 'Too Many Requests',
          message: `the webhook queue is full: ${queued} requests wait to be processed`,
        },
        429,
      );
    }
    const saved = await this.requests.save(
      this.requests.create({ webhookId: hook.id, payload, status: 'queued', receivedAt: this.clock.now() }),
    );
    this.queued.add(hook.id);
    if (scenario) await this.drain(scenario.id);
    // Our drain, or one running at the same time (an activation, a finished run), may have taken it.
    const after = await this.requests.findOneBy({ id: saved.id });
    return { requestId: saved.id, scenario, executionId: after?.executionId ?? undefined, hook };
  }

  // Hooks are looked up by token hash on every request: kept a few seconds (and dropped here on change).
  private async hookByToken(token: string): Promise<WebhookEntity | null> {
    const key = hashToken(token);
    const hit = this.byToken.get(key);
    if (hit && Date.now() - hit.at < 5_000) return hit.hook;
    const hook = await this.hooks.findOneBy({ tokenHash: key });
    this.byToken.set(key, { at: Date.now(), hook });
    if (this.byToken.size > 10_000) this.byToken.clear();
    return hook;
  }

  /** Hands queued requests of the scenario's hooks to runs, oldest first, while it can run. */
  async drain(scenarioId: number): Promise<Map<number, string>> {
    const dispatched = new Map<number, string>();
    for (;;) {
      const scenario = await this.db.getRepository(ScenarioEntity).findOneBy({ id: scenarioId });
      if (!scenario || !(await this.runnable(scenario))) return dispatched;
      const hookIds = (await this.hooks.find({ where: { scenarioId }, select: { id: true } })).map(
        (h) => h.id,
      );
      if (!hookIds.length) return dispatched;
      const next = await this.requests.findOne({
        where: { webhookId: In(hookIds), status: 'queued' },
        order: { id: 'ASC' },
      });
      if (!next) {
        for (const id of hookIds) this.queued.delete(id);
        return dispatched;
      }
      const executionId = await this.dispatch(next, scenario);
      if (executionId) dispatched.set(next.id, executionId);
      if (scenarioSettings(scenario.blueprint as unknown as Blueprint).sequential) return dispatched;
    }
  }

  // The request becomes a stored, queued run in one transaction: acknowledged means never lost.
  // The row keeps only the execution id from then on (the payload lives in the run's log).
  private async dispatch(request: WebhookRequestEntity, scenario: ScenarioEntity): Promise<string | null> {
    const run = {
      scenarioId: scenario.id,
      version: scenario.version,
      trigger: 'webhook',
      input: request.payload,
    };
    const id = await this.db
      .transaction(async (tx) => {
        const executionId = await this.executions.createQueued(tx, run);
        const taken = await tx.getRepository(WebhookRequestEntity).update(
          { id: request.id, status: 'queued' },
          changes<WebhookRequestEntity>({
            status: 'done',
            executionId,
            payload: {},
            claimedAt: this.clock.now(),
          }),
        );
        if (!taken.affected) throw new AlreadyTaken();
        return executionId;
      })
      .catch((err) => {
        if (err instanceof AlreadyTaken) return null;
        throw err;
      });
    if (id) await this.executions.enqueue(id, run);
    return id;
  }

  // Off, or paused by sequential processing (a run in progress, or an unresolved incomplete execution).
  private async runnable(scenario: ScenarioEntity): Promise<boolean> {
    if (!scenario.active) return false;
    if (!scenarioSettings(scenario.blueprint as unknown as Blueprint).sequential) return true;
    const busy = await this.db
      .getRepository(ExecutionEntity)
      .existsBy({ scenarioId: scenario.id, status: In(['queued', 'running']) });
    if (busy) return false;
    const blocked = await this.db
      .getRepository(IncompleteExecutionEntity)
      .existsBy({ scenarioId: scenario.id, status: In(['unresolved', 'pending', 'in_progress']) });
    return !blocked;
  }

  /** Drains every hook that has queued requests (after a restart). */
  async drainAll(): Promise<void> {
    const rows: Array<{ webhookId: number | string }> = await this.requests
      .createQueryBuilder('r')
      .select('DISTINCT r.webhookId', 'webhookId')
      .where('r.status = :queued', { queued: 'queued' })
      .getRawMany();
    const hooks = rows.length
      ? await this.hooks.findBy({ id: In(rows.map((r) => Number(r.webhookId))) })
      : [];
    for (const h of hooks) this.queued.add(h.id);
    for (const scenarioId of new Set(
      hooks.map((h) => h.scenarioId).filter((id): id is number => id !== null),
    ))
      await this.drain(scenarioId);
  }

  private async find(id: number): Promise<WebhookEntity> {
    const hook = await this.hooks.findOneBy({ id });
    if (!hook) throw new NotFoundException(`webhook ${id} not found`);
    return hook;
  }

  /** A hook starts only a scenario of its own team; another team's is as if it did not exist. */
  private async scenario(id: number, teamId: number): Promise<ScenarioEntity> {
    const s = await this.db.getRepository(ScenarioEntity).findOneBy({ id, teamId });
    if (!s) throw new FieldsException([{ path: 'scenarioId', message: `scenario ${id} does not exist` }]);
    return s;
  }

  private async view(h: WebhookEntity, origin: string) {
    return {
      id: h.id,
      name: h.name,
      url: `${origin}/hooks/${this.vault.decrypt(h.tokenEncrypted)}`,
      scenarioId: h.scenarioId,
      requiredFields: h.requiredFields,
      maxQueue: h.maxQueue,
      maxBodyBytes: h.maxBodyBytes,
      responseTimeoutSeconds: h.responseTimeoutSeconds,
      queued: await this.requests.countBy({ webhookId: h.id, status: 'queued' }),
      createdAt: h.createdAt,
    };
  }
}
