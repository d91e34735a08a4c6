import type { ServerResponse } from 'node:http';
import type { ModuleError } from '@integrator/sdk';
import { FakeClock } from '../../src';
import { createHttpClient, type HttpLogEntry } from '../../src/http';
import { json, startServer, type FakeServer, type Received } from './fake-server';

const START = Date.UTC(2026, 0, 1);
let clock: FakeClock;
let server: FakeServer;
/** Scripted answers, one per request; the last one repeats. */
let script: Array<(req: Received, res: ServerResponse) => void>;

beforeAll(async () => {
  server = await startServer((req, res) => (script.length > 1 ? script.shift()! : script[0])(req, res));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  clock = new FakeClock(START, { autoAdvance: true });
});

const status =
  (code: number, headers: Record<string, string> = {}) =>
  (_req: Received, res: ServerResponse) =>
    json(res, code, { error: `status ${code}` }, headers);
const ok = (_req: Received, res: ServerResponse) => json(res, 200, { ok: true });

test('429 with Retry-After in seconds waits through the injected clock, then succeeds', async () => {
  script = [status(429, { 'retry-after': '7' }), ok];
  const res = await createHttpClient({ clock }).request({
    method: 'POST',
    url: `${server.url}/x`,
    body: { type: 'json', data: { a: 1 } },
  });
  expect(res.body).toEqual({ ok: true });
  expect(server.requests).toHaveLength(2);
  expect(server.requests[1].body.toString()).toBe('{"a":1}');
  expect(clock.now() - START).toBe(7000);
});

test('Retry-After as an HTTP date is measured against the clock', async () => {
  script = [status(503, { 'retry-after': new Date(START + 120_000).toUTCString() }), ok];
  await createHttpClient({ clock }).request({ url: `${server.url}/x` });
  expect(clock.now() - START).toBe(120_000);
});

test('a Retry-After beyond five minutes is not waited for: the error carries it', async () => {
  script = [status(429, { 'retry-after': '3600' })];
  const err = (await createHttpClient({ clock })
    .request({ url: `${server.url}/x` })
    .catch((e: unknown) => e)) as ModuleError;
  expect(err).toMatchObject({
    kind: 'transient',
    type: 'RateLimitError',
    status: 429,
    retryAfterMs: 3_600_000,
  });
  expect(server.requests).toHaveLength(1);
  expect(clock.now()).toBe(START);
});

test('5xx is retried with capped exponential backoff, then fails as a transient error', async () => {
  script = [status(500)];
  const client = createHttpClient({ clock, retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 150 } });
  const err = (await client.request({ url: `${server.url}/x` }).catch((e: unknown) => e)) as ModuleError;
  expect(err).toMatchObject({ kind: 'transient', type: 'ConnectionError', status: 500 });
  expect(err.message).toContain('(after 3 retries)');
  expect(server.requests).toHaveLength(4);
  // Waits: 50..100, then capped at 150 → 75..150 twice.
  const waited = clock.now() - START;
  expect(waited).toBeGreaterThanOrEqual(200);
  expect(waited).toBeLessThanOrEqual(400);
});

test('POST is not retried on a 500 by default, but is on 429 and 503', async () => {
  script = [status(500)];
  const client = createHttpClient({ clock });
  await expect(client.request({ method: 'POST', url: `${server.url}/x` })).rejects.toMatchObject({
    status: 500,
  });
  expect(server.requests).toHaveLength(1);

  server.requests.length = 0;
  script = [status(503), ok];
  await expect(client.request({ method: 'POST', url: `${server.url}/x` })).resolves.toMatchObject({
    status: 200,
  });
  expect(server.requests).toHaveLength(2);
});

test('a module that passes its own retry policy gets POST retried on a 500', async () => {
  script = [status(500), ok];
  const client = createHttpClient({ clock });
  await expect(
    client.request({ method: 'POST', url: `${server.url}/x`, retry: { retries: 1 } }),
  ).resolves.toMatchObject({ status: 200 });
  expect(server.requests).toHaveLength(2);

  server.requests.length = 0;
  script = [status(500), ok];
  await expect(
    client.request({ method: 'POST', url: `${server.url}/x`, retry: { retries: 1, nonIdempotent: false } }),
  ).rejects.toMatchObject({ status: 500 });
  expect(server.requests).toHaveLength(1);
});

test('retry: false and retries: 0 make one attempt', async () => {
  script = [status(503)];
  await expect(
    createHttpClient({ clock, retry: false }).request({ url: `${server.url}/x` }),
  ).rejects.toMatchObject({ status: 503 });
  await expect(
    createHttpClient({ clock }).request({ url: `${server.url}/x`, retry: { retries: 0 } }),
  ).rejects.toMatchObject({ status: 503 });
  expect(server.requests).toHaveLength(2);
});

test('a dropped connection is retried for GET, not for POST', async () => {
  const drop = (_req: Received, res: ServerResponse) => res.socket?.destroy();
  script = [drop, ok];
  await expect(createHttpClient({ clock }).request({ url: `${server.url}/x` })).resolves.toMatchObject({
    status: 200,
  });
  expect(server.requests).toHaveLength(2);

  server.requests.length = 0;
  script = [drop, ok];
  const err = (await createHttpClient({ clock })
    .request({ method: 'POST', url: `${server.url}/x` })
    .catch((e: unknown) => e)) as ModuleError;
  expect(err).toMatchObject({ kind: 'transient', type: 'ConnectionError' });
  expect(err.message).toContain(`network error with 127.0.0.1:${server.port}`);
  expect(server.requests).toHaveLength(1);
});

test('a refused connection is retried for any method (nothing was sent), then is a transient error', async () => {
  const gone = await startServer(ok);
  await gone.close();
  const entries: HttpLogEntry[] = [];
  const client = createHttpClient({ clock, onRequest: (e) => entries.push(e) });
  const err = (await client
    .request({ method: 'POST', url: `${gone.url}/x` })
    .catch((e: unknown) => e)) as ModuleError;
  expect(err).toMatchObject({ kind: 'transient', type: 'ConnectionError' });
  expect(err.message).toContain('the connection was refused (ECONNREFUSED)');
  expect(entries.map((e) => e.attempt)).toEqual([1, 2, 3, 4]);
  expect(entries.every((e) => e.error !== undefined && e.status === undefined)).toBe(true);
});
