import { defineConnectionType, field } from '@integrator/sdk';
import { FakeClock } from '../../src';
import { createHttpClient, RateLimiter, RateLimiterRegistry } from '../../src/http';
import { json, startServer } from './fake-server';

const START = Date.UTC(2026, 0, 1);

test('a sliding window: bursts up to the limit, then waits until the oldest leaves the window', async () => {
  const clock = new FakeClock(START);
  const limiter = new RateLimiter(3, 1000, clock);
  const done: number[] = [];
  const take = (n: number) => limiter.acquire().then(() => done.push(n));
  await Promise.all([take(1), take(2), take(3)]);
  const fourth = take(4);
  const fifth = take(5);
  await clock.advance(0);
  expect(done).toEqual([1, 2, 3]);
  await clock.advance(999);
  expect(done).toEqual([1, 2, 3]);
  await clock.advance(1);
  await fourth;
  await clock.advance(0);
  await fifth;
  expect(done).toEqual([1, 2, 3, 4, 5]);
});

test('an aborted wait rejects without taking a slot', async () => {
  const clock = new FakeClock(START);
  const limiter = new RateLimiter(1, 1000, clock);
  await limiter.acquire();
  const controller = new AbortController();
  const waiting = limiter.acquire(controller.signal);
  controller.abort();
  await expect(waiting).rejects.toMatchObject({ kind: 'transient' });
});

test('bad limits are refused', () => {
  expect(() => new RateLimiter(0, 1000)).toThrow('requests must be a positive whole number');
  expect(() => new RateLimiter(5, 0)).toThrow('perMs must be positive');
});

test('the registry keeps one limiter per connection and replaces it when the limit changes', () => {
  const registry = new RateLimiterRegistry();
  const a = registry.for('conn-1', { requests: 25, perMs: 5000 });
  expect(registry.for('conn-1', { requests: 25, perMs: 5000 })).toBe(a);
  expect(registry.for('conn-2', { requests: 25, perMs: 5000 })).not.toBe(a);
  expect(registry.for('conn-1', { requests: 10, perMs: 5000 })).not.toBe(a);
});

test('a connection type rate limit is acquired before each request, through the clock', async () => {
  const server = await startServer((_req, res) => json(res, 200, {}));
  try {
    const clock = new FakeClock(START, { autoAdvance: true });
    const limited = defineConnectionType({
      key: 'limited',
      label: 'Limited',
      fields: { token: field.text() },
      rateLimit: { requests: 2, perMs: 1000 },
    });
    const client = createHttpClient({
      clock,
      connection: { id: 5, type: 'limited', credentials: {} },
      connectionType: limited,
    });
    for (let i = 0; i < 5; i++) await client.request({ url: server.url });
    expect(server.requests).toHaveLength(5);
    expect(clock.now() - START).toBe(2000);
  } finally {
    await server.close();
  }
});
