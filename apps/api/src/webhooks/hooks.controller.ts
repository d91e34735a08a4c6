import { All, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RunEvent } from '@integrator/engine';
import { Public } from '../auth/current-user';
import { RunEventBus } from '../executions/events';
import { Metrics } from '../observability/metrics';
import { webhookPayload } from './payload';
import { WebhooksService } from './webhooks.service';

// Headers a response module may not set: the server owns the framing.
const RESERVED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade']);

/** The public webhook address: /hooks/<token>, any method, JSON, form or query data. */
@ApiExcludeController()
@Controller('hooks')
export class HooksController {
  constructor(
    private readonly hooks: WebhooksService,
    private readonly bus: RunEventBus,
    private readonly metrics: Metrics,
  ) {}

  @Public()
  @All(':token')
  async receive(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const payload = webhookPayload(request.query as Record<string, unknown>, request.body);
    const bytes =
      Number(request.headers['content-length'] ?? 0) || Buffer.byteLength(JSON.stringify(payload));
    const accepted = await this.hooks.receive(token, payload, bytes).catch((err: { status?: number }) => {
      this.metrics.webhookRequests.inc({ outcome: err.status === 429 ? 'queue_full' : 'rejected' });
      throw err;
    });
    this.metrics.webhookRequests.inc({ outcome: accepted.executionId ? 'dispatched' : 'queued' });
    if (!accepted.executionId) {
      // Stored in the queue; it runs when the scenario is on (and free, if it is sequential).
      return reply.status(202).send({ accepted: true, queued: true });
    }
    if (!accepted.scenario?.hasResponder)
      return reply.status(202).send({ accepted: true, executionId: accepted.executionId });
    const event = await this.firstAnswer(accepted.executionId, accepted.hook.responseTimeoutSeconds * 1000);
    if (event?.type === 'webhook.response') {
      for (const [k, v] of Object.entries(event.response.headers ?? {}))
        if (!RESERVED.has(k.toLowerCase())) void reply.header(k, v);
      const body = event.response.body;
      if (body !== null && typeof body === 'object') return reply.status(event.response.status).send(body);
      if (!reply.hasHeader('content-type')) void reply.header('content-type', 'text/plain; charset=utf-8');
      return reply
        .status(event.response.status)
        .send(body === undefined || body === null ? '' : String(body));
    }
    // No response module answered in time (or the run ended without reaching it).
    return reply.status(202).send({
      accepted: true,
      executionId: accepted.executionId,
      ...(event
        ? { status: event.type === 'execution.finished' ? event.status : undefined }
        : { timedOut: true }),
    });
  }

  private firstAnswer(executionId: string, timeoutMs: number): Promise<RunEvent | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const off = this.bus.subscribe(executionId, (e) => {
        if (e.type === 'webhook.response' || e.type === 'execution.finished') done(e);
      });
      function done(e: RunEvent | undefined) {
        clearTimeout(timer);
        queueMicrotask(() => off());
        resolve(e);
      }
    });
  }
}
