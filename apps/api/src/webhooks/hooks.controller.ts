import { All, Controller, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/current-user';
import { wireAnswer } from './hook-answer';
import { HookReceiver } from './hook-receiver';
import { rawBodyOf } from './raw-body';

/**
 * The public webhook address: /hooks/<token>, any method, JSON, form or query data. Plain JSON
 * and body-less requests usually arrive through the fast path (hook-fast-path.ts) and never
 * reach this route; it takes the rest (forms, text, chunked bodies, unusual URLs).
 */
@ApiExcludeController()
@Controller('hooks')
export class HooksController {
  constructor(private readonly receiver: HookReceiver) {}

  @Public()
  @All(':token')
  async receive(@Param('token') token: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const answer = await this.receiver.receive(token, {
      method: request.method,
      headers: request.headers,
      query: request.query as Record<string, unknown>,
      body: request.body,
      rawBody: rawBodyOf(request),
    });
    const wire = wireAnswer(answer);
    return reply.status(wire.status).headers(wire.headers).send(wire.payload);
  }
}
