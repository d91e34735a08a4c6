import { BullMqQueue, redisConnection } from '../../apps/api/src/executions/bullmq-queue';
import type { ExecutionJob } from '../../apps/api/src/executions/queue';

// Issue 14, distributed mode: jobs enqueued in the same tick reach Redis in one bulk add.
const url = process.env.REDIS_URL;
(url ? describe : describe.skip)('the BullMQ execution queue', () => {
  let queue: BullMqQueue;
  beforeEach(() => {
    queue = new BullMqQueue(redisConnection(url!), `bulk-${process.pid}-${Date.now()}`);
  });
  afterEach(() => queue.close(1000));

  const job = (i: number): ExecutionJob => ({
    executionId: `e${i}`,
    scenarioId: 1,
    kind: 'run',
    enqueuedAt: i,
  });

  test('jobs enqueued together go in one bulk add and each runs once', async () => {
    const seen: string[] = [];
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    await Promise.all(Array.from({ length: 25 }, (_, i) => queue.enqueue(job(i))));
    expect(queue.bulkAdds).toBe(1);
    // The same execution queued again while it waits is not a second job.
    await queue.enqueue(job(3));
    expect(queue.bulkAdds).toBe(2);
    expect(await queue.depth()).toBe(25);
    queue.consume(async (j) => {
      seen.push(j.executionId);
      if (seen.length === 25) done();
    }, 4);
    await all;
    expect([...seen].sort()).toEqual(Array.from({ length: 25 }, (_, i) => `e${i}`).sort());
  });
});
