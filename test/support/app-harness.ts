import { builtinApps } from '@integrator/apps/builtin';
import {
  compileBlueprint,
  createHttpClient,
  FakeClock,
  importBlueprint,
  ModuleRegistry,
  runScenario,
  type ModuleNode,
  type RunResult,
} from '@integrator/engine';
import type { AppDefinition, Services } from '@integrator/sdk';
import { createServer, type IncomingMessage, type Server } from 'node:http';

// Runs one app's module through the engine against a local fake, the way a scenario would:
// a webhook (module 1) carries the input, the app's module is module 2.

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  headers: IncomingMessage['headers'];
  /** The raw body. */
  body: Buffer;
  /** JSON or form bodies parsed; multipart as a FormData. */
  json?: unknown;
  form?: FormData;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sent as it is instead of `body` as JSON (file downloads); set content-type in `headers`. */
  raw?: Buffer;
}

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  /** The next request gets this answer instead of the handler's. */
  failNext(status: number, body: unknown, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/** A node:http server on 127.0.0.1:0 that records each request and hands it to `handle`. */
export async function startFake(
  handle: (req: RecordedRequest) => FakeReply | Promise<FakeReply>,
): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const queued: FakeReply[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const rec: RecordedRequest = {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks),
        };
        await parseBody(rec);
        requests.push(rec);
        const reply = queued.shift() ?? (await handle(rec));
        const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
        res.end(text);
      })().catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake crashed: ${String(err)}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext: (status, body, headers) => queued.push({ status, body, headers }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Multipart is parsed by the platform's own parser (undici's Request.formData), not by hand.
async function parseBody(rec: RecordedRequest): Promise<void> {
  const type = String(rec.headers['content-type'] ?? '');
  if (!rec.body.length) return;
  if (type.startsWith('application/json')) {
    try {
      rec.json = JSON.parse(rec.body.toString('utf8'));
    } catch {
      rec.json = Symbol.for('invalid-json');
    }
  } else if (type.startsWith('multipart/form-data') || type.startsWith('application/x-www-form-urlencoded')) {
    rec.form = await new Request('http://fake/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(rec.body),
    }).formData();
  }
}

export interface AppHarness {
  clock: FakeClock;
  /** Runs one module with this mapper (and parameters); `{{1.x}}` reads `input.x`. */
  run(
    module: string,
    mapper: Record<string, unknown>,
    options?: {
      input?: unknown;
      parameters?: Record<string, unknown>;
      services?: Partial<Services>;
      /** The module is a trigger: it runs as the scenario's first module (still id 2). */
      trigger?: boolean;
      scenarioId?: string | number;
    },
  ): Promise<RunResult>;
}

export function appHarness(
  app: AppDefinition,
  credentials: () => Record<string, unknown>,
  clock = new FakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true }),
  connectionType?: string,
): AppHarness {
  const registry = new ModuleRegistry([...builtinApps, app]);
  const type = app.connectionTypes!.find((t) => connectionType === undefined || t.key === connectionType)!;
  return {
    clock,
    run: async (module, mapper, options = {}) => {
      const node: ModuleNode = {
        id: 2,
        module,
        version: 1,
        parameters: { connection: 7, ...options.parameters },
        mapper,
      };
      const flow: ModuleNode[] = options.trigger
        ? [node]
        : [{ id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: {} }, node];
      const compiled = compileBlueprint({ name: 'app test', flow, metadata: {} }, registry);
      if (compiled.issues.length)
        throw new Error(compiled.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      return runScenario(compiled, {
        input: options.input ?? {},
        clock,
        services: options.services,
        scenarioId: options.scenarioId ?? 1,
        logLimits: { bundlesPerOp: 100000 },
        connections: async () => ({ id: 7, type: type.key, credentials: credentials() }),
        http: (connection) => createHttpClient({ connection, connectionType: type, clock }),
      });
    },
  };
}

/** The bundles module 2 emitted. */
export function outputs(result: RunResult): Record<string, unknown>[] {
  const m = result.modules.find((x) => x.id === 2);
  return (m?.ops ?? []).flatMap((op) => (op.output ?? []) as Record<string, unknown>[]);
}

export function output(result: RunResult): Record<string, unknown> {
  const all = outputs(result);
  if (all.length !== 1)
    throw new Error(`expected one bundle, got ${all.length}: ${JSON.stringify(result.error ?? all)}`);
  return all[0];
}

export function errorOf(result: RunResult) {
  const error = result.modules.find((x) => x.id === 2)?.ops.find((op) => op.error)?.error;
  if (!error) throw new Error(`expected an error, the run ended ${result.status}`);
  return error;
}

/** Imports a Make-shaped export (no format marker) of one module of this app. */
export function importMake(app: AppDefinition, node: Record<string, unknown>) {
  const registry = new ModuleRegistry([...builtinApps, app]);
  return importBlueprint(
    {
      name: 'Make export',
      flow: [{ id: 1, version: 1, ...node }],
      metadata: { scenario: { roundtrips: 1 } },
    },
    registry,
  );
}
