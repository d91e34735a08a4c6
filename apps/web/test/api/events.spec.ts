/**
 * @jest-environment node
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunEvent } from '@integrator/engine/runner/types';
import { ApiError, createApiClient, TOKEN_KEY } from '../../src/api/client';

// A local server that streams GET /api/executions/:id/events the way the API does
// (text/event-stream, frames written as the run goes, a keep-alive comment, end after
// execution.finished), refusing any request without the bearer token.

const TOKEN = 'tok-sse';
let server: Server;
let baseUrl: string;
const seen: Array<{ url: string; authorization?: string; accept?: string }> = [];

const events: RunEvent[] = [
  { type: 'module.started', executionId: 'ex-1', moduleId: 1, operation: 1, cycle: 1 },
  {
    type: 'bundle.out',
    executionId: 'ex-1',
    moduleId: 1,
    operation: 1,
    index: 1,
    bundle: { email: 'ada@example.com' },
  },
  { type: 'module.finished', executionId: 'ex-1', moduleId: 1, operation: 1, outputCount: 1, durationMs: 3 },
  { type: 'execution.finished', executionId: 'ex-1', status: 'success', operations: 1, durationMs: 5 },
];

function stream(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const frames = events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
  // Split frames across writes at awkward places, with a keep-alive comment in between.
  const text = `${frames[0]}: keep-alive\n\n${frames.slice(1).join('')}`;
  const cut = [7, 40, 41, 120, text.length];
  let from = 0;
  const next = (i: number) => {
    if (i >= cut.length) return res.end();
    res.write(text.slice(from, cut[i]));
    from = cut[i];
    setImmediate(() => next(i + 1));
  };
  next(0);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization, accept: req.headers.accept });
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({ statusCode: 401, error: 'Unauthorized', message: 'a bearer token is required' }),
      );
    }
    if (req.url === '/api/executions/ex-1/events') return stream(res);
    res.writeHead(404).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const storage = (token?: string) => {
  const data = new Map(token ? [[TOKEN_KEY, token]] : []);
  return {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
};

describe('live run events', () => {
  it('reads the event stream with the bearer header and hands over every RunEvent in order', async () => {
    const api = createApiClient({ baseUrl, storage: storage(TOKEN) });
    const received: RunEvent[] = [];
    await api.executions.events('ex-1', (e) => received.push(e));
    expect(received).toEqual(events);
    expect(seen.at(-1)).toEqual({
      url: '/api/executions/ex-1/events',
      authorization: `Bearer ${TOKEN}`,
      accept: 'text/event-stream',
    });
  });

  it('a refused token is an ApiError, and the session handler hears of it', async () => {
    let told = 0;
    const api = createApiClient({ baseUrl, storage: storage('expired'), onUnauthorized: () => told++ });
    const failure = await api.executions.events('ex-1', () => undefined).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(401);
    expect(told).toBe(1);
  });
});
