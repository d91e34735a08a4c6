import { Injectable, UnauthorizedException } from '@nestjs/common';
import type { RunEvent } from '@integrator/engine';
import type { IncomingHookRequest } from '@integrator/sdk';
import { RunEventBus } from '../executions/events';
import { Metrics } from '../observability/metrics';
import type { Acknowledgement } from './idempotency';
import { InstantHooks } from './instant-hooks';
import { webhookPayload } from './payload';
import { WebhooksService, type Accepted } from './webhooks.service';

// Headers a response module may not set: the server owns the framing.
const RESERVED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);

/** A webhook request as both of its carriers see it (Fastify's route and the fast path). */
export interface HookRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  /** The parsed body (undefined when there was none). */
  body: unknown;
  /** The body's bytes as received (an app's instant trigger checks a signature over them). */
  rawBody: Buffer;
}

/**
 * What a request to /hooks/<token> is answered with: the hook is looked up, an app's instant
 * trigger checks it, the payload is stored and handed to a run, and the answer is the run's
 * webhook response or an acknowledgement. Errors are thrown as HTTP exceptions; the carrier
 * turns them into answers with the one error format (common/errors.filter.ts).
 */
@Injectable()
export class HookReceiver {
  constructor(
    private readonly hooks: WebhooksService,
    private readonly bus: RunEventBus,
    private readonly metrics: Metrics,
    private readonly instant: InstantHooks,
  ) {}

  async receive(token: string, request: HookRequest): Promise<Acknowledgement> {
    const hook = await this.hooks.webHook(token).catch((err: unknown) => {
      this.metrics.webhookRequests.inc({ outcome: 'rejected' });
      throw err;
    });
    // An app's instant trigger checks the request first (a signature, a secret header) and may
    // answer a handshake itself; a refused request is answered 401 and nothing is stored.
    const verdict = await this.instant.verify(hook, () => incoming(request));
    if (verdict && 'reply' in verdict) {
      this.metrics.webhookRequests.inc({ outcome: 'handshake' });
      return { headers: {}, ...verdict.reply };
    }
    if (verdict && !verdict.ok) {
      this.metrics.webhookRequests.inc({ outcome: 'rejected' });
      throw new UnauthorizedException(`the request was refused: ${verdict.reason}`);
    }
    const payload = webhookPayload(request.query, request.body);
    const bytes =
      Number(request.headers['content-length'] ?? 0) || Buffer.byteLength(JSON.stringify(payload));
    const accepted = await this.hooks
      .accept(hook, payload, bytes, request.headers['idempotency-key'])
      .catch((err: { status?: number }) => {
        this.metrics.webhookRequests.inc({ outcome: err.status === 429 ? 'queue_full' : 'rejected' });
        throw err;
      });
    if (accepted.replay) {
      // A repeat of an acknowledged request: the first answer again, and nothing runs.
      this.metrics.webhookRequests.inc({ outcome: 'replayed' });
      return Object.assign({}, accepted.replay, {
        headers: { 'idempotent-replayed': 'true', ...accepted.replay.headers },
      });
    }
    if (accepted.determined) {
      this.metrics.webhookRequests.inc({ outcome: 'determined' });
      return { status: 200, headers: {}, body: { accepted: true, determined: true } };
    }
    this.metrics.webhookRequests.inc({ outcome: accepted.executionId ? 'dispatched' : 'queued' });
    const answer = await this.answerFor(accepted);
    if (accepted.idempotencyKey) await this.hooks.remember(accepted.hook.id, accepted.idempotencyKey, answer);
    return answer;
  }

  private async answerFor(accepted: Accepted): Promise<Acknowledgement> {
    const ack = (body: Record<string, unknown>) => ({ status: 202, headers: {}, body });
    // Stored in the queue; it runs when the scenario is on (and free, if it is sequential).
    if (!accepted.executionId) return ack({ accepted: true, queued: true });
    if (!accepted.scenario?.hasResponder) return ack({ accepted: true, executionId: accepted.executionId });
    const event = await this.firstAnswer(accepted.executionId, accepted.hook.responseTimeoutSeconds * 1000);
    if (event?.type === 'webhook.response') {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(event.response.headers ?? {}))
        if (!RESERVED.has(k.toLowerCase())) headers[k] = String(v);
      return { status: event.response.status, headers, body: event.response.body };
    }
    // No response module answered in time (or the run ended without reaching it).
    return ack({
      accepted: true,
      executionId: accepted.executionId,
      ...(event
        ? { status: event.type === 'execution.finished' ? event.status : undefined }
        : { timedOut: true }),
    });
  }

  private firstAnswer(executionId: string, timeoutMs: number): Promise<RunEvent | undefined> {
    // A short run has answered before its input was durable (the group commit this request
    // waited for): its answer is read back, with no timer or subscription made for it.
    const given = this.bus.find(executionId, isAnswer);
    if (given) return Promise.resolve(given);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const off = this.bus.subscribe(executionId, (e) => {
        if (isAnswer(e)) done(e);
      });
      function done(e: RunEvent | undefined) {
        clearTimeout(timer);
        queueMicrotask(() => off());
        resolve(e);
      }
    });
  }
}

/** What a webhook request waits for: the run's response, or its end without one. */
function isAnswer(e: RunEvent): boolean {
  return e.type === 'webhook.response' || e.type === 'execution.finished';
}

function incoming(request: HookRequest): IncomingHookRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(request.headers))
    headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return { method: request.method, headers, rawBody: request.rawBody, body: request.body };
}
