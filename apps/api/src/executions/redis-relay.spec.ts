import Redis from 'ioredis';
import type { RunEvent } from '@integrator/engine';
import type { AppConfig } from '../config/app-config';
import { finishedEvent } from '../../../../test/support/run-events';
import { RunEventBus } from './events';
import { RedisRelay } from './redis-relay';
import type { ExecutionRunner } from './runner.service';

// Distributed mode: run events travel between processes over Redis pub/sub, the events of one
// tick in one message. Needs a real Redis (REDIS_URL); skipped without it.
const redisUrl = process.env.REDIS_URL;
const maybe = redisUrl ? describe : describe.skip;

maybe('RedisRelay', () => {
  const prefix = `relay-spec-${process.pid}-${Date.now()}`;
  const relays: RedisRelay[] = [];

  function member(origin: string, follow = true): { bus: RunEventBus; relay: RedisRelay } {
    const bus = new RunEventBus();
    const config = { databaseUrl: 'postgres://x', redisUrl, queuePrefix: prefix, followRunEvents: follow };
    const relay = new RedisRelay(config as AppConfig, bus, { workerId: origin } as ExecutionRunner);
    relays.push(relay);
    return { bus, relay };
  }

  afterAll(async () => {
    for (const r of relays) await r.onApplicationShutdown();
  });

  test('the events of one tick reach the other process in one message, in order; none come back', async () => {
    const api = member('api');
    const worker = member('worker', false);
    await api.relay.onModuleInit();
    await worker.relay.onModuleInit();
    // A third connection counts the messages on the channel.
    const spy = new Redis(redisUrl!);
    const messages: string[] = [];
    await spy.subscribe(`${prefix}:run-events`);
    spy.on('message', (_c, text) => messages.push(text));

    const seenByApi: RunEvent[] = [];
    const seenByWorker: RunEvent[] = [];
    for (const id of ['a', 'b', 'c']) {
      api.bus.subscribe(id, (e) => seenByApi.push(e));
      worker.bus.subscribe(id, (e) => seenByWorker.push(e));
    }
    worker.bus.publish(finishedEvent('a'));
    worker.bus.publish(finishedEvent('b'));
    worker.bus.publish(finishedEvent('c'));
    await waitFor(() => seenByApi.length === 3);
    expect(seenByApi.map((e) => e.executionId)).toEqual(['a', 'b', 'c']);
    expect(messages).toHaveLength(1);
    expect(messages[0].startsWith('worker\n')).toBe(true);

    // The API's own events reach its own bus at once and are not delivered twice; the worker,
    // which does not follow run events, never receives them.
    api.bus.publish(finishedEvent('a'));
    await waitFor(() => messages.length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(seenByApi).toHaveLength(4);
    expect(seenByWorker).toHaveLength(3); // only its own, published locally
    await spy.quit();
  });
});

async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
