import { HttpException } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * A request refused for its shape or size (depth, bytes, text that is not UTF-8). The errors
 * filter answers it with its 4xx and one short log line, never a stack: these are what an
 * attacker sends by the thousand, and a stack per request would flood the log.
 */
export class BodyLimitException extends HttpException {
  constructor(status: 400 | 413, message: string) {
    super(
      { statusCode: status, error: status === 413 ? 'Payload Too Large' : 'Bad Request', message },
      status,
    );
  }
}

/**
 * How deep a value nests (objects and arrays), counted without recursion so that the check
 * itself cannot overflow the stack; it stops as soon as `limit` is passed.
 */
export function exceedsDepth(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as object))
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Every body, whatever parsed it (JSON, form, text; webhooks included), is checked before any
 * handler, pipe or guard sees it: nested deeper than `maxDepth` is a 400 naming the limit. Text
 * bodies must be valid UTF-8 (a lone surrogate or replacement character means bytes were lost).
 */
export function boundBodies(fastify: FastifyInstance, maxDepth: number): void {
  fastify.addHook('preValidation', async (request: FastifyRequest) => {
    const body = request.body;
    if (body !== null && typeof body === 'object' && exceedsDepth(body, maxDepth))
      throw new BodyLimitException(400, `the body is nested deeper than ${maxDepth} levels`);
  });
}

/** Text parsers (webhooks take plain text, XML and CSV) refuse bytes that are not UTF-8. */
export function parseUtf8(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new BodyLimitException(400, 'the body is not valid UTF-8 text');
  }
}

export function tooLargeMessage(limitBytes: number): string {
  return `the request body is too large: the limit is ${limitBytes} bytes`;
}

/**
 * A GET or HEAD has no body (RFC 9110 §9.3.1): one that brings one is refused at once. Left
 * unread, a large body made the server close the connection under a large answer (the module
 * catalog), so the client lost the answer; a short 400 naming it reaches the client whole.
 */
export function refuseBodiesOnReads(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const length = request.headers['content-length'];
    if ((length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined)
      throw new BodyLimitException(400, `body: a ${request.method} request takes no body`);
  });
}
