import { silentLogger } from '@integrator/engine';
import { rollbackWrite, type RecordUndo } from '../src';
import { contents, ds, failWhenBadJson, hook, opsOf, people, run, STORE } from './harness';

// Data store modules are ACID: their writes commit or roll back with the cycle
// (make-semantics §1 and the directives table of §3).

const initial = { a: { name: 'old a' }, existing: { name: 'E', age: 1 }, gone: { name: 'G' } };
const input = [
  { k: 'a', n: 10, json: '{}' },
  { k: 'b', n: 20, json: 'not json' },
  { k: 'c', n: 30, json: '{}' },
];
const snapshot = {
  a: { name: 'old a', active: true },
  existing: { name: 'E', age: 1, active: true },
  gone: { name: 'G', active: true },
};

// Every kind of write, then a module that fails on the second bundle.
function writes(onerror?: string) {
  return [
    hook(),
    ds(2, 'addRecord', { key: '{{1.k}}', overwrite: true, data: { name: 'new {{1.k}}' } }),
    ds(3, 'updateRecord', { key: 'existing', data: { age: '{{1.n}}' } }),
    ds(4, 'deleteRecord', { key: 'gone' }),
    failWhenBadJson(5, onerror ? { onerror: [{ id: 6, module: `builtin:${onerror}`, version: 1 }] } : {}),
  ];
}

describe('data store writes in the cycle', () => {
  it('with auto commit off, a failure undoes every write of the cycle', async () => {
    const store = people(initial);
    const result = await run(writes(), store, { input, scenario: { autoCommit: false } });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ moduleId: 5, field: 'json' });
    expect(await contents(store)).toEqual(snapshot);
    expect(opsOf(result, 2)).toBe(2); // the third bundle never ran
  });

  it('with auto commit on, writes of finished operations stay and only the failed bundle stops', async () => {
    const store = people(initial);
    const result = await run(writes(), store, { input });
    expect(result.status).toBe('error');
    expect(await contents(store)).toEqual({
      a: { name: 'new a', active: true },
      b: { name: 'new b', active: true },
      existing: { name: 'E', age: 20, active: true },
    });
  });

  it('with auto commit on, a failing data store operation leaves the store as it was', async () => {
    const store = people({ b: { name: 'taken' } });
    const flow = [hook(), ds(2, 'addRecord', { key: '{{1.k}}', data: { name: '{{1.k}}' } })];
    const result = await run(flow, store, { input });
    expect(result.error).toMatchObject({ type: 'DuplicateDataError', moduleId: 2 });
    expect(await contents(store)).toEqual({
      a: { name: 'a', active: true },
      b: { name: 'taken', active: true },
    });
  });

  it('an explicit Rollback directive undoes the cycle too', async () => {
    const store = people(initial);
    const result = await run(writes('Rollback'), store, { input, scenario: { autoCommit: false } });
    expect(result.status).toBe('error');
    expect(await contents(store)).toEqual(snapshot);
  });

  it('a Commit directive keeps the writes and stops the run', async () => {
    const store = people(initial);
    const result = await run(writes('Commit'), store, { input, scenario: { autoCommit: false } });
    expect(result.status).toBe('success');
    expect(await contents(store)).toEqual({
      a: { name: 'new a', active: true },
      b: { name: 'new b', active: true },
      existing: { name: 'E', age: 20, active: true },
    });
  });

  it("Break stores the failed bundle and keeps the other bundles' writes", async () => {
    const store = people(initial);
    const result = await run(writes('Break'), store, { input, scenario: { autoCommit: false, dlq: true } });
    expect(result.status).toBe('warning');
    expect(result.incomplete).toHaveLength(1);
    expect(result.incomplete[0]).toMatchObject({ moduleId: 5 });
    expect(await contents(store)).toEqual({
      a: { name: 'new a', active: true },
      b: { name: 'new b', active: true },
      c: { name: 'new c', active: true },
      existing: { name: 'E', age: 30, active: true },
    });
  });

  it('rolls back "delete all" and repeated writes of one key to where the cycle started', async () => {
    const store = people(initial);
    const flow = [
      hook(),
      ds(2, 'updateRecord', { key: 'a', data: { age: '{{1.n}}' } }),
      ds(3, 'deleteAll'),
      ds(4, 'addRecord', { key: 'a', data: { name: 'again {{1.k}}' } }),
      failWhenBadJson(5),
    ];
    const result = await run(flow, store, { input, scenario: { autoCommit: false } });
    expect(opsOf(result, 3)).toBe(2);
    expect(await contents(store)).toEqual(snapshot);
    expect(await store.count(STORE)).toBe(3);
  });
});

describe('rollbackWrite', () => {
  const ctx = (store: ReturnType<typeof people>) => ({
    moduleId: 2,
    services: { datastores: store },
    log: silentLogger,
  });

  it('refuses to undo over a change someone else made since (InconsistencyError)', async () => {
    const store = people({ a: { name: 'mine' } });
    const undo: RecordUndo = {
      storeId: STORE,
      key: 'a',
      before: { name: 'before', active: true },
      after: { name: 'mine', active: true },
    };
    await store.put(STORE, 'a', { name: 'theirs', active: true });
    await expect(rollbackWrite(ctx(store), undo)).rejects.toMatchObject({ type: 'InconsistencyError' });
    expect(await contents(store)).toEqual({ a: { name: 'theirs', active: true } });
  });

  it('removes an inserted record, and will not restore a deleted record whose key was taken since', async () => {
    const store = people({ a: { name: 'A' } });
    const undo: RecordUndo = { storeId: STORE, key: 'a', after: { name: 'A', active: true } };
    await rollbackWrite(ctx(store), undo);
    expect(await contents(store)).toEqual({});
    await store.put(STORE, 'a', { name: 'someone' });
    await expect(
      rollbackWrite(ctx(store), { storeId: STORE, removed: [{ key: 'a', data: { name: 'A' } }] }),
    ).rejects.toThrow('record "a" of data store 7 was changed by someone else');
  });
});
