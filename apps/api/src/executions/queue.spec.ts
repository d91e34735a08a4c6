import { InProcessQueue, type ExecutionJob } from './queue';

// The in-process queue's slots: a job that calls release() (its result only waits for the next
// group commit) lets the next job start at once, and still counts until it settles.
const job = (executionId: string): ExecutionJob => ({ executionId, scenarioId: 1, kind: 'run' });

test('a released slot starts the next job before the first settles; idle waits for both', async () => {
  const queue = new InProcessQueue();
  const started: string[] = [];
  let commit!: () => void;
  const committed = new Promise<void>((resolve) => (commit = resolve));
  queue.consume(async (j, release) => {
    started.push(j.executionId);
    if (j.executionId !== 'a') return;
    release();
    release(); // twice is once
    await committed;
  }, 1);
  await queue.enqueue(job('a'));
  await queue.enqueue(job('b'));
  await queue.enqueue(job('c'));
  expect(started).toEqual(['a', 'b', 'c']);
  let idle = false;
  const whenIdle = queue.whenIdle().then(() => (idle = true));
  await new Promise((r) => setImmediate(r));
  expect(idle).toBe(false); // 'a' has not settled
  commit();
  await whenIdle;
  expect(idle).toBe(true);
});

test('without release a slot is held until the job settles', async () => {
  const queue = new InProcessQueue();
  const started: string[] = [];
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  queue.consume(async (j) => {
    started.push(j.executionId);
    if (j.executionId === 'a') await finished;
  }, 1);
  await queue.enqueue(job('a'));
  await queue.enqueue(job('b'));
  expect(started).toEqual(['a']);
  finish();
  await queue.whenIdle();
  expect(started).toEqual(['a', 'b']);
});
