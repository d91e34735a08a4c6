import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createApp } from '../app.factory';
import type { AppConfig } from '../config/app-config';
import { buildOpenApiDocument } from './document';

/**
 * The document without a running server (scripts/openapi.js): the real app module on a
 * throw-away SQLite database, no workers, no port, closed again at once.
 */
export async function generateDocument(): Promise<OpenAPIObject> {
  const dataDir = mkdtempSync(join(tmpdir(), 'integrator-openapi-'));
  const config: AppConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    runWorkers: false,
    concurrency: 1,
    runThreads: 0,
    encryptionKey: randomBytes(32).toString('base64'),
    adminEmail: 'openapi@localhost',
    adminPassword: randomBytes(18).toString('base64'),
    sessionHours: 1,
    bodyLimitBytes: 1024 * 1024,
    schedulerIntervalMs: 0,
    metricsPort: 0,
    shutdownTimeoutMs: 1000,
    recovery: { heartbeatMs: 5000, sweepMs: 15000, staleAfterMs: 30000, jobLockMs: 30000 },
    logStream: { write: () => undefined },
  };
  const app = await createApp(config, { logger: false });
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
