import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';

// Security headers for every answer (DESIGN security notes). React Flow positions nodes with
// inline styles, hence 'unsafe-inline' for styles only.
const HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
};

/** Serves the web app's production build at / with a fallback to index.html for client routes. */
export async function serveWeb(app: NestFastifyApplication, configured?: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    // The API docs page needs its own scripts; everything else gets the strict policy.
    if (request.url.startsWith('/api/docs')) return;
    for (const [k, v] of Object.entries(HEADERS)) if (!reply.hasHeader(k)) reply.header(k, v);
  });
  const dist = resolve(configured ?? join(process.cwd(), 'apps/web/dist'));
  if (!existsSync(join(dist, 'index.html'))) return;
  await fastify.register(fastifyStatic, { root: dist, prefix: '/', wildcard: false, index: ['index.html'] });
  // Client-side routes (/scenarios/12, /connections…) get the app; static files and the API win
  // over this wildcard because the router prefers the more specific route.
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    if (request.url.startsWith('/api/') || request.url.startsWith('/hooks/')) {
      return reply
        .code(404)
        .send({ statusCode: 404, error: 'Not Found', message: `no route GET ${request.url.split('?')[0]}` });
    }
    return reply.type('text/html').sendFile('index.html');
  });
}
