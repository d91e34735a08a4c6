import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';

// Security headers for every answer (DESIGN security notes). React Flow positions nodes with
// inline styles, hence 'unsafe-inline' for styles only.
export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
};

// Vite names every built asset after its content hash, so a changed file gets a new address:
// those can be cached for a year. index.html names the current assets and must be revalidated.
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** Paths the app never serves as files: source maps (the build makes none; belt and braces). */
const HIDDEN = /\.map$/i;

/**
 * Serves the web app's production build at / with a fallback to index.html for client routes.
 * Files are sent precompressed (scripts/build-web.js writes .br and .gz next to each asset).
 */
export async function serveWeb(app: NestFastifyApplication, configured?: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply) => {
    // The API docs page needs its own scripts; everything else gets the strict policy.
    if (request.url.startsWith('/api/docs')) return;
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!reply.hasHeader(k)) reply.header(k, v);
  });
  const dist = resolve(configured ?? join(process.cwd(), 'apps/web/dist'));
  if (!existsSync(join(dist, 'index.html'))) return;
  await fastify.register(fastifyStatic, {
    root: dist,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    preCompressed: true,
    cacheControl: false,
    allowedPath: (pathName: string) => !HIDDEN.test(pathName),
    setHeaders: (res: FastifyReply, path: string) => {
      res.header('cache-control', /[\\/]assets[\\/]/.test(path) ? IMMUTABLE : REVALIDATE);
    },
  });
  // Client-side routes (/scenarios/12, /connections…) get the app, which shows "Not found" for a
  // page it does not know; static files and the API win over this wildcard because the router
  // prefers the more specific route. A missing asset or map is a plain 404, never the app.
  fastify.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    if (
      path.startsWith('/api/') ||
      path.startsWith('/hooks/') ||
      path.startsWith('/assets/') ||
      HIDDEN.test(path)
    ) {
      return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route GET ${path}` });
    }
    reply.header('cache-control', REVALIDATE);
    return reply.type('text/html').sendFile('index.html', { cacheControl: false });
  });
}
