import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BodyLimitException, tooLargeMessage } from '../common/body-limits';

// An instant trigger checks a signature over the body's bytes as sent (Slack signs
// `v0:<timestamp>:<raw body>`), which parsed and re-encoded JSON would not reproduce. So the
// bytes of every /hooks/ request are kept beside the parsed body; the parsers read a copy.

const RAW = Symbol('rawBody');

export function keepRawHookBodies(fastify: FastifyInstance, limitBytes: number): void {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (!request.url.startsWith('/hooks/')) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += bytes.length;
      if (size > limitBytes) throw new BodyLimitException(413, tooLargeMessage(limitBytes));
      chunks.push(bytes);
    }
    const raw = Buffer.concat(chunks);
    (request as unknown as Record<symbol, Buffer>)[RAW] = raw;
    const copy = Readable.from([raw]) as Readable & { receivedEncodedLength?: number };
    copy.receivedEncodedLength = raw.length;
    return copy;
  });
}

/** The request's body bytes as received (empty when it had none). */
export function rawBodyOf(request: FastifyRequest): Buffer {
  return (request as unknown as Record<symbol, Buffer | undefined>)[RAW] ?? Buffer.alloc(0);
}
