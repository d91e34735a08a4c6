import 'reflect-metadata';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { boundBodies, parseUtf8, refuseBodiesOnReads } from './common/body-limits';
import { acceptEmptyJson } from './common/json-body';
import { keepRawHookBodies } from './webhooks/raw-body';
import { fastifyJsonParser, hookFastPath } from './webhooks/hook-fast-path';
import { HookReceiver } from './webhooks/hook-receiver';
import { validationPipe } from './common/validation';
import type { AppConfig } from './config/app-config';
import { buildOpenApiDocument } from './openapi/document';
import { serveWeb } from './web';
import { createPino, PinoNestLogger } from './observability/logger';
import { stopGracefullyOnSignals } from './lifecycle';

/** Builds the HTTP app (used by main.ts and by the end-to-end tests). */
export async function createApp(
  config: AppConfig,
  options: { logger?: false | LoggerService } = {},
): Promise<NestFastifyApplication> {
  // Webhook requests in the common shapes skip Fastify and Nest (webhooks/hook-fast-path.ts);
  // the filter is set once the app is built, and until then every request goes to Fastify.
  const hooks: { fastPath?: (req: IncomingMessage, res: ServerResponse) => boolean } = {};
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy ?? false,
    serverFactory: (
      handler: (req: IncomingMessage, res: ServerResponse) => void,
      options: Record<string, unknown>,
    ) => {
      const server = createServer((req, res) => {
        if (!hooks.fastPath?.(req, res)) handler(req, res);
      });
      // What Fastify sets on a server it makes itself (keep-alive 72 s, so that a proxy in front
      // with a shorter idle timeout closes first), applied here as Fastify would.
      const number = (key: string, fallback: number) =>
        typeof options[key] === 'number' ? (options[key] as number) : fallback;
      server.keepAliveTimeout = number('keepAliveTimeout', 72_000);
      server.requestTimeout = number('requestTimeout', 0);
      server.setTimeout(number('connectionTimeout', 0));
      if (number('maxRequestsPerSocket', 0) > 0)
        server.maxRequestsPerSocket = number('maxRequestsPerSocket', 0);
      return server;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger === undefined ? new PinoNestLogger(createPino()) : options.logger,
    bufferLogs: false,
    // A refusal to start (a wrong encryption key) reaches the caller, which prints its message.
    abortOnError: false,
  });
  app.useGlobalPipes(validationPipe());
  // Webhooks take form posts (Nest's adapter parses those) and plain text too, besides JSON.
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser(
    ['text/plain', 'application/xml', 'text/xml', 'text/csv'],
    { parseAs: 'buffer' },
    (_req, body, done) => {
      try {
        done(null, parseUtf8(body as Buffer));
      } catch (err) {
        done(err as Error, undefined);
      }
    },
  );
  acceptEmptyJson(adapter);
  refuseBodiesOnReads(fastify);
  keepRawHookBodies(fastify, config.bodyLimitBytes);
  boundBodies(fastify, config.bodyMaxDepth ?? 64);
  stopGracefullyOnSignals(app);
  const document = buildOpenApiDocument(app, config.publicUrl);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  await serveWeb(app, config.webDist);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  hooks.fastPath = hookFastPath({
    receiver: app.get(HookReceiver),
    bodyLimitBytes: config.bodyLimitBytes,
    maxDepth: config.bodyMaxDepth ?? 64,
    parseJson: fastifyJsonParser(fastify),
  });
  return app;
}
