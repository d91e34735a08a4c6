import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import type { AppConfig } from '../../apps/api/src/config/app-config';
import { closeDatabase, type DatabaseTarget } from './databases';
import { ensureBuilt, Processes } from './processes';

export const ADMIN = { email: 'admin@example.com', password: 'correct horse battery staple' };

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  http: () => ReturnType<typeof request>;
  /** A bearer token for the super user. */
  token: string;
  login(email: string, password: string): Promise<string>;
  db(): DataSource;
  close(): Promise<void>;
}

/** The real app module on a fresh database (SQLite file or a PostgreSQL schema). */
/** Everything the app logged, to check that no secret ever reaches a log. */
export class CapturedLogs implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown, ...rest: unknown[]) {
    this.lines.push(JSON.stringify([message, ...rest]));
  }
  error(message: unknown, ...rest: unknown[]) {
    this.log(message, ...rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.log(message, ...rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.log(message, ...rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.log(message, ...rest);
  }
  /** The structured (pino) log lines come here too, one or several a write (run summaries). */
  write(chunk: string) {
    for (const line of chunk.split(/(?<=\n)/)) this.lines.push(line);
  }
}

export interface SharedDatabase {
  database: ReturnType<DatabaseTarget['config']>;
  dataDir: string;
}

/** A database two app instances can share (the "two API processes" tests). */
export function sharedDatabase(target: DatabaseTarget): SharedDatabase {
  return { database: target.config(), dataDir: mkdtempSync(join(tmpdir(), 'integrator-e2e-')) };
}

export async function startTestApp(
  target: DatabaseTarget,
  overrides: Partial<AppConfig> = {},
  logs = new CapturedLogs(),
  shared?: SharedDatabase,
): Promise<TestApp & { logs: CapturedLogs }> {
  const database = shared?.database ?? target.config();
  const dataDir = shared?.dataDir ?? mkdtempSync(join(tmpdir(), 'integrator-e2e-'));
  const url = database.url && database.schema ? withSearchPath(database.url, database.schema) : undefined;
  if (database.url && database.schema) await ensureSchema(database.url, database.schema);
  const config: AppConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: url,
    runWorkers: true,
    concurrency: 4,
    // One run thread, as a 2-core machine has by default (INTEGRATOR_TEST_THREADS=0: none).
    runThreads: Number(process.env.INTEGRATOR_TEST_THREADS ?? 1),
    encryptionKey: Buffer.alloc(32, 7).toString('base64'),
    adminEmail: ADMIN.email,
    adminPassword: ADMIN.password,
    sessionHours: 24,
    bodyLimitBytes: 2 * 1024 * 1024,
    schedulerIntervalMs: 0,
    metricsPort: 0,
    logStream: logs,
    shutdownTimeoutMs: 5_000,
    recovery: { heartbeatMs: 5_000, sweepMs: 15_000, staleAfterMs: 30_000, jobLockMs: 30_000 },
    ...overrides,
  };
  // Distributed: this process is an API that only accepts, stores and enqueues; a worker
  // process (the built apps/worker) runs the executions.
  let worker: Processes | undefined;
  if (target.name === 'distributed') {
    ensureBuilt();
    Object.assign(config, {
      redisUrl: process.env.REDIS_URL,
      queuePrefix: `e2e-${process.pid}-${Date.now()}`,
      runWorkers: false,
    });
    worker = new Processes({
      DATABASE_URL: url!,
      REDIS_URL: process.env.REDIS_URL!,
      INTEGRATOR_QUEUE_PREFIX: config.queuePrefix!,
      INTEGRATOR_ENCRYPTION_KEY: config.encryptionKey!,
    });
  }
  const app = await createApp(config, { logger: logs });
  if (worker) await worker.worker();
  const http = () => request(app.getHttpServer());
  const login = async (email: string, password: string) => {
    const res = await http().post('/api/auth/login').send({ email, password }).expect(200);
    return res.body.token as string;
  };
  const token = await login(ADMIN.email, ADMIN.password);
  const db = () => app.get<DataSource>(getDataSourceToken());
  return {
    logs,
    app,
    config,
    http,
    token,
    login,
    db,
    close: async () => {
      const ds = db();
      await worker?.stopAll();
      await app.close();
      if (shared) return; // the owner of the shared database cleans up
      if (database.schema) {
        const { DataSource: DS } = await import('typeorm');
        const admin = new DS({ type: 'postgres', url: database.url });
        await admin.initialize();
        await admin.query(`DROP SCHEMA IF EXISTS "${database.schema}" CASCADE`);
        await admin.destroy();
      } else await closeDatabase(ds, database);
    },
  };
}

// The app reads DATABASE_URL only; a test schema is chosen through the connection options.
function withSearchPath(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

async function ensureSchema(url: string, schema: string): Promise<void> {
  const { DataSource: DS } = await import('typeorm');
  const admin = new DS({ type: 'postgres', url });
  await admin.initialize();
  await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  await admin.destroy();
}

export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Drops a shared PostgreSQL schema once every app on it is closed (SQLite needs nothing). */
export async function dropSharedDatabase(shared: SharedDatabase): Promise<void> {
  const { url, schema } = shared.database;
  if (!url || !schema) return;
  const { DataSource: DS } = await import('typeorm');
  const admin = new DS({ type: 'postgres', url });
  await admin.initialize();
  await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.destroy();
}

/**
 * A webhook and an active scenario on it (`blueprint` gets the hook's id): what most run tests
 * set up first. Returns the hook's path and the scenario's id.
 */
export async function hookedScenario(
  app: TestApp,
  blueprint: (hookId: number) => unknown,
  name = 'hooked',
): Promise<{ path: string; id: number }> {
  const h = auth(app.token);
  const { body: hook } = await app.http().post('/api/hooks').set(h).send({ name }).expect(201);
  const { body: s } = await app
    .http()
    .post('/api/scenarios')
    .set(h)
    .send({ name, blueprint: blueprint(hook.id) })
    .expect(201);
  await app.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
  return { path: new URL(hook.url).pathname, id: s.id as number };
}
