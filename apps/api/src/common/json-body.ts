import type { FastifyAdapter } from '@nestjs/platform-fastify';

/**
 * `Content-Type: application/json` with an empty body means "no body" (clients and proxies send
 * the header on body-less POSTs such as /activate); the stock parser answers those with a 400.
 * Nest's parsers (JSON and forms) are registered now rather than at init, then the JSON one is
 * replaced: an empty body is passed on as none, anything else goes to Fastify's default JSON
 * parser (with its prototype-poisoning protection). Size and depth limits still apply: the
 * server's bodyLimit binds every parser and boundBodies checks the parsed value.
 */
export function acceptEmptyJson(adapter: FastifyAdapter): void {
  adapter.registerParserMiddleware();
  const fastify = adapter.getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    return parseJson(request, body as string, done);
  });
}
