import {
  HttpException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import { scenarioSettings, type Blueprint } from '@integrator/engine';
import { changes, ScenarioEntity, WebhookEntity, WebhookRequestEntity } from '@integrator/persistence';
import { hashToken } from '../auth/tokens';
import { CLOCK, type ServerClock } from '../common/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { FieldsException } from '../common/errors.filter';
import { SharedState } from '../common/shared-state';
import { VAULT } from '../connections/vault.provider';
import type { Vault } from '../connections/vault';
import { Dispatcher } from '../executions/dispatcher';
import { ScenarioCache, type CachedScenario } from '../scenarios/scenario-cache';
import { SchedulerService } from '../scheduler/scheduler.service';
import { takesRequestsNow } from './runnable';
import { ExecutionsService } from '../executions/executions.service';
import type { CreateWebhookDto, UpdateWebhookDto } from './webhooks.dto';
import { missingFields } from './payload';
import { webhookView } from './webhook-view';
import { HookSamples } from './hook-samples';
import { cleanUpRequests, queueFull } from './queue-upkeep';
import {
  idempotencyKeyOf,
  isKeyConflict,
  KeyInFlight,
  WebhookIdempotency,
  type Acknowledgement,
} from './idempotency';

/** Another process handed the request on first (its transaction is rolled back). */
class AlreadyTaken extends Error {}

export interface Accepted {
  requestId?: number;
  scenario: CachedScenario | null;
  /** Set when the request was handed to a run at once. */
  executionId?: string;
  hook: WebhookEntity;
  /** The request's idempotency key: its acknowledgement is to be remembered. */
  idempotencyKey?: string;
  /** A repeat of a request already acknowledged: this answer is sent again, nothing runs. */
  replay?: Acknowledgement;
  /** The hook was listening: the request became its data structure and nothing runs. */
  determined?: boolean;
}

/**
 * Webhooks and their queues. Every request is stored before it is answered, then handed to runs
 * in arrival order while the scenario can run; a scenario that is off (or on a time schedule:
 * ScheduledHooks) keeps its (bounded) queue, drained when it is switched on (or at its runs).
 */
@Injectable()
export class WebhooksService implements OnModuleInit, OnApplicationBootstrap {
  private readonly log = new Logger('Webhooks');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    @Inject(VAULT) private readonly vault: Vault,
    private readonly executions: ExecutionsService,
    private readonly dispatcher: Dispatcher,
    private readonly scheduler: SchedulerService,
    private readonly scenarios: ScenarioCache,
    private readonly idempotency: WebhookIdempotency,
    private readonly shared: SharedState,
    private readonly samples: HookSamples,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    shared.on('hook', () => this.byToken.clear());
  }

  /** Hooks that may have requests waiting in their queue (new requests must queue behind them). */
  private readonly queued = new Set<number>();
  private readonly byToken = new Map<string, { at: number; hook: WebhookEntity | null }>();

  onModuleInit(): void {
    this.dispatcher.onIdle((scenarioId) => this.drain(scenarioId).then(() => undefined));
    this.scheduler.addTask('webhook-request-cleanup', (now) => cleanUpRequests(this.db, now, this.log));
    this.scheduler.addTask('webhook-idempotency-cleanup', (now) => this.idempotency.prune(now));
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
    const kind = dto.kind ?? 'web';
    // A mail address's local part may be lower-cased on the way: mail tokens are lower-case hex.
    const token = kind === 'mail' ? randomBytes(20).toString('hex') : randomBytes(24).toString('base64url');
    const hook = await this.hooks.save(
      this.hooks.create({
        name: dto.name,
        kind,
        teamId,
        tokenHash: hashToken(token),
        tokenEncrypted: this.vault.encrypt(token),
        scenarioId: dto.scenarioId ?? null,
        requiredFields: dto.requiredFields ?? [],
        maxQueue: dto.maxQueue ?? 10_000,
        // Mail carries attachments (in base64): its default limit is the largest a hook takes.
        maxBodyBytes: dto.maxBodyBytes ?? (kind === 'mail' ? 10 * 1024 * 1024 : 1024 * 1024),
        responseTimeoutSeconds: dto.responseTimeoutSeconds ?? 30,
        idempotencyField: dto.idempotencyField ?? null,
        idempotencyWindowHours: dto.idempotencyWindowHours ?? 24,
        createdAt: this.clock.now(),
      }),
    );
    // A process that looked this token up before it existed cached "no hook".
    await this.shared.changed('hook', hook.id);
    return this.view(hook, origin);
  }

  async update(id: number, dto: UpdateWebhookDto, origin: string) {
    const hook = await this.find(id);
    Object.assign(hook, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
    const saved = await this.hooks.save(hook);
    await this.shared.changed('hook', id);
    return this.view(saved, origin);
  }

  async remove(id: number) {
    const hook = await this.find(id);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(WebhookRequestEntity).delete({ webhookId: id });
      await this.idempotency.forget(tx, id);
      await tx.getRepository(WebhookEntity).remove(hook);
    });
    await this.shared.changed('hook', id);
  }

  /** "Redetermine data structure": the next request becomes the hook's sample instead of a run. */
  async listen(id: number, on: boolean, origin: string) {
    return this.view(await this.samples.listen(await this.find(id), on), origin);
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
  async receive(
    token: string,
    payload: Record<string, unknown>,
    bodyBytes: number,
    idempotencyHeader?: string | string[],
  ): Promise<Accepted> {
    return this.accept(await this.webHook(token), payload, bodyBytes, idempotencyHeader);
  }

  /** The HTTP hook of a /hooks/<token> address, or a 404. */
  async webHook(token: string): Promise<WebhookEntity> {
    const hook = await this.hookByToken(token);
    // A mailhook has no HTTP address: its token only works as an email address.
    if (!hook || hook.kind === 'mail') throw new NotFoundException('no webhook at this address');
    return hook;
  }

  /** The mailhook of an inbound recipient's local part (case-insensitive), or null. */
  async mailHook(localPart: string): Promise<WebhookEntity | null> {
    const hook = await this.hookByToken(localPart.toLowerCase());
    return hook?.kind === 'mail' ? hook : null;
  }

  /** Stores (or dispatches) one request of a known hook: what /hooks and the mail listener share. */
  async accept(
    hook: WebhookEntity,
    payload: Record<string, unknown>,
    bodyBytes: number,
    idempotencyHeader?: string | string[],
  ): Promise<Accepted> {
    if (bodyBytes > hook.maxBodyBytes)
      throw new HttpException(
        `the request is larger than this webhook accepts (${hook.maxBodyBytes} bytes)`,
        413,
      );
    if (await this.samples.capture(hook, payload)) return { scenario: null, hook, determined: true };
    const key = idempotencyKeyOf(hook, idempotencyHeader, payload);
    if (key) {
      const replay = await this.idempotency.replay(hook, key);
      if (replay) return { scenario: null, hook, replay };
    }
    const missing = missingFields(payload, hook.requiredFields);
    if (missing.length) throw new FieldsException(missing.map((path) => ({ path, message: 'is required' })));
    return this.store(hook, payload, key).catch((err) => {
      throw key && isKeyConflict(err) ? new KeyInFlight() : err;
    });
  }

  // With an idempotency key, the key is claimed in the transaction that stores the run or request.
  private async store(
    hook: WebhookEntity,
    payload: Record<string, unknown>,
    key?: string,
  ): Promise<Accepted> {
    const scenario = hook.scenarioId ? await this.scenarios.get(hook.scenarioId) : null;
    // Parallel, "immediately as data arrives" (not a time schedule nor "On demand"), and
    // nothing waiting before it: run at once.
    const atOnce = scenario?.active && !scenario.settings.sequential && !scenario.queuesRequests;
    if (atOnce && !this.queued.has(hook.id)) {
      const run = { scenarioId: scenario.id, version: scenario.version, trigger: 'webhook', input: payload };
      if (!key) return { scenario, executionId: await this.executions.startNow(run), hook };
      const executionId = await this.db.transaction(async (tx) => {
        const id = await this.executions.createQueued(tx, run);
        await this.idempotency.claim(tx, hook, key, { executionId: id });
        return id;
      });
      await this.executions.enqueue(executionId, run);
      return { scenario, executionId, hook, idempotencyKey: key };
    }
    const queued = await this.requests.countBy({ webhookId: hook.id, status: 'queued' });
    if (queued >= hook.maxQueue) throw queueFull(queued);
    const saved = await this.db.transaction(async (tx) => {
      const requests = tx.getRepository(WebhookRequestEntity);
      const row = await requests.save(
        requests.create({ webhookId: hook.id, payload, status: 'queued', receivedAt: this.clock.now() }),
      );
      if (key) await this.idempotency.claim(tx, hook, key, { requestId: row.id });
      return row;
    });
    // The hook may have been deleted by another process a moment ago: never queue for nobody.
    if (!(await this.hooks.existsBy({ id: hook.id }))) {
      await this.requests.delete({ id: saved.id });
      this.byToken.clear();
      throw new NotFoundException('no webhook at this address');
    }
    this.queued.add(hook.id);
    if (scenario) await this.drain(scenario.id);
    // Our drain, or one running at the same time (an activation, a finished run), may have taken it.
    const after = await this.requests.findOneBy({ id: saved.id });
    return {
      requestId: saved.id,
      scenario,
      executionId: after?.executionId ?? undefined,
      hook,
      idempotencyKey: key,
    };
  }

  /** The acknowledgement sent for a request with an idempotency key: repeats get the same. */
  remember(hookId: number, key: string, answer: Acknowledgement): Promise<void> {
    return this.idempotency.remember(hookId, key, answer);
  }

  // Hooks are looked up by token hash on every request: kept a few seconds, and dropped in every
  // process when one changes (SharedState). The cache is keyed by the token as sent, so a hit
  // costs no hash (a SHA-256 per request was ~1 % of a short run); it lives in memory only.
  private async hookByToken(token: string): Promise<WebhookEntity | null> {
    const hit = this.byToken.get(token);
    if (hit && Date.now() - hit.at < 5_000) return hit.hook;
    const hook = await this.hooks.findOneBy({ tokenHash: hashToken(token) });
    this.byToken.set(token, { at: Date.now(), hook });
    if (this.byToken.size > 10_000) this.byToken.clear();
    return hook;
  }

  /** Hands queued requests of the scenario's hooks to runs, oldest first, while it can run. */
  async drain(scenarioId: number): Promise<Map<number, string>> {
    const dispatched = new Map<number, string>();
    for (;;) {
      const scenario = await this.db.getRepository(ScenarioEntity).findOneBy({ id: scenarioId });
      if (!scenario || !(await takesRequestsNow(this.db, scenario))) return dispatched;
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
    const queued = await this.requests.countBy({ webhookId: h.id, status: 'queued' });
    return webhookView(h, this.vault.decrypt(h.tokenEncrypted), origin, this.config, queued);
  }
}
