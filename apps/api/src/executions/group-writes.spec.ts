import { GroupWrites } from './group-writes';

// One batch under way at a time: what comes while it is written goes together in the next one.

const tick = () => new Promise((r) => setImmediate(r));

function recorder(max?: number) {
  const batches: number[][] = [];
  const finish: Array<() => void> = [];
  const writes = new GroupWrites<number>((batch) => {
    batches.push([...batch]);
    return new Promise<void>((resolve) => finish.push(resolve));
  }, max);
  // Ends the nth write, then lets the next batch start.
  const done = async (n: number) => {
    finish[n]();
    await tick();
  };
  return { writes, batches, done };
}

test('items of one tick go together; those that come while it is written go in the next batch', async () => {
  const { writes, batches, done } = recorder();
  writes.add(1);
  writes.add(2);
  expect(batches).toEqual([]); // at the next tick, not at once
  await tick();
  expect(batches).toEqual([[1, 2]]);
  // Several ticks while the first batch is under way: no second write starts.
  writes.add(3);
  await tick();
  writes.add(4);
  await tick();
  writes.add(5);
  await tick();
  expect(batches).toEqual([[1, 2]]);
  await done(0);
  expect(batches).toEqual([
    [1, 2],
    [3, 4, 5],
  ]);
  await done(1);
  // Quiet again: the next item goes at the next tick, on its own.
  writes.add(6);
  await tick();
  expect(batches).toEqual([[1, 2], [3, 4, 5], [6]]);
  expect(writes.batches).toBe(3);
});

test('a batch holds at most maxBatch items; the rest follow in order', async () => {
  const { writes, batches, done } = recorder(2);
  for (let i = 1; i <= 5; i++) writes.add(i);
  await tick();
  expect(batches).toEqual([[1, 2]]);
  await done(0);
  expect(batches).toEqual([
    [1, 2],
    [3, 4],
  ]);
  await done(1);
  expect(batches).toEqual([[1, 2], [3, 4], [5]]);
});
