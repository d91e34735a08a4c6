import { HttpException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LessThan, type DataSource, type EntityManager } from 'typeorm';
import { changes, WebhookIdempotencyEntity, type WebhookEntity } from '@integrator/persistence';
import { CLOCK, type ServerClock } from '../common/clock';
import { FieldsException } from '../common/errors.filter';

/** What a webhook caller got: kept so a repeat gets exactly the same. */
export interface Acknowledgement {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export const MAX_KEY_LENGTH = 200;

/**
 * The key that makes a webhook request a repeat: the Idempotency-Key header, else the hook's
 * idempotency field of the body (dotted path). Absent means no deduplication.
 */
export function idempotencyKeyOf(
  hook: Pick<WebhookEntity, 'idempotencyField'>,
  header: string | string[] | undefined,
  payload: Record<string, unknown>,
): string | undefined {
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader !== undefined && fromHeader !== '') return checked(fromHeader, 'Idempotency-Key header');
  if (!hook.idempotencyField) return undefined;
  let v: unknown = payload;
  for (const part of hook.idempotencyField.split('.'))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string' && typeof v !== 'number')
    throw new FieldsException([
      { path: hook.idempotencyField, message: 'must be a text or a number (it is the idempotency key)' },
    ]);
  return checked(String(v), hook.idempotencyField);
}

function checked(key: string, where: string): string {
  if (key.length > MAX_KEY_LENGTH)
    throw new FieldsException([{ path: where, message: `is longer than ${MAX_KEY_LENGTH} characters` }]);
  return key;
}

/** A request with this key is being stored by another request right now. */
export class KeyInFlight extends HttpException {
  constructor() {
    super(
      'a request with this idempotency key is still being processed; repeat it in a moment to get its answer',
      409,
    );
  }
}

/**
 * Idempotency keys of webhook requests. The key is claimed in the transaction that stores the
 * request (or its run), so a request is never stored twice; the acknowledgement is added once
 * it is sent. Keys expire after the hook's window and are pruned by the scheduler.
 */
@Injectable()
export class WebhookIdempotency {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
  ) {}

  private get rows() {
    return this.db.getRepository(WebhookIdempotencyEntity);
  }

  /**
   * The answer for a repeat, or undefined for a first request. A first request still waiting
   * for its answer is a 409 while it may still come; after that the repeat is acknowledged as
   * accepted (the run exists) rather than run twice.
   */
  async replay(hook: WebhookEntity, key: string): Promise<Acknowledgement | undefined> {
    const now = this.clock.now();
    const row = await this.rows.findOneBy({ webhookId: hook.id, key });
    if (!row) return undefined;
    if (row.expiresAt <= now) {
      await this.rows.delete({ webhookId: hook.id, key, expiresAt: row.expiresAt });
      return undefined;
    }
    if (row.response) return row.response;
    if (now - row.createdAt < (hook.responseTimeoutSeconds + 30) * 1000) throw new KeyInFlight();
    const body = row.executionId
      ? { accepted: true, executionId: row.executionId }
      : { accepted: true, queued: true };
    return { status: 202, headers: {}, body };
  }

  /** Claims the key inside the caller's transaction (a concurrent twin fails its insert). */
  async claim(
    tx: EntityManager,
    hook: WebhookEntity,
    key: string,
    stored: { executionId?: string; requestId?: number },
  ): Promise<void> {
    const now = this.clock.now();
    await tx.getRepository(WebhookIdempotencyEntity).insert({
      webhookId: hook.id,
      key,
      executionId: stored.executionId ?? null,
      requestId: stored.requestId ?? null,
      response: null,
      createdAt: now,
      expiresAt: now + hook.idempotencyWindowHours * 3600_000,
    });
  }

  async remember(hookId: number, key: string, answer: Acknowledgement): Promise<void> {
    await this.rows.update(
      { webhookId: hookId, key },
      changes<WebhookIdempotencyEntity>({ response: answer }),
    );
  }

  prune(now: number) {
    return this.rows.delete({ expiresAt: LessThan(now) });
  }

  forget(tx: EntityManager, hookId: number) {
    return tx.getRepository(WebhookIdempotencyEntity).delete({ webhookId: hookId });
  }
}

/** A unique violation of the key's primary key: the twin request got there first. */
export function isKeyConflict(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === '23505' || /UNIQUE constraint failed: webhook_idempotency/.test(e?.message ?? '');
}
