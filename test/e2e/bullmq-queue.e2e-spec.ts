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

  test('runs enqueued together travel in jobs of up to 16, in one bulk add; each runs once, within the concurrency', async () => {
    const seen: string[] = [];
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    await Promise.all(Array.from({ length: 25 }, (_, i) => queue.enqueue(job(i))));
    expect(queue.bulkAdds).toBe(1);
    expect(await queue.depth()).toBe(2); // 16 + 9
    // A run queued alone is a job of its own, whose id is the run's: queued again while it
    // waits, it is not a second job.
    await queue.enqueue(job(25));
    await queue.enqueue(job(25));
    expect(queue.bulkAdds).toBe(3);
    expect(await queue.depth()).toBe(3);
    let running = 0;
    let most = 0;
    queue.consume(async (j) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      seen.push(j.executionId);
      if (seen.length === 26) done();
    }, 4);
    await all;
    expect([...seen].sort()).toEqual(Array.from({ length: 26 }, (_, i) => `e${i}`).sort());
    expect(most).toBe(4); // 4 runs at once, though a job of 16 was taken
  });
});
