import { contents, ds, hook, opsOf, outputsOf, people, run, STORE } from './harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('datastore:addRecord', () => {
  it('adds mapped fields under the given key and outputs the stored record', async () => {
    const store = people();
    const flow = [
      hook(),
      ds(2, 'addRecord', {
        key: '{{1.id}}',
        data: { name: '{{1.name}}', age: '{{1.age}}', tags: '{{1.tags}}' },
      }),
    ];
    const result = await run(flow, store, { input: { id: 42, name: 'Ada', age: '36', tags: ['x'] } });
    expect(result.status).toBe('success');
    // The number key is text, "36" became a number and the default filled "active".
    expect(outputsOf(result, 2)).toEqual([
      { key: '42', data: { name: 'Ada', age: 36, active: true, tags: ['x'] } },
    ]);
    expect(await contents(store)).toEqual({ '42': { name: 'Ada', age: 36, active: true, tags: ['x'] } });
  });

  it('generates a UUID when the key is empty', async () => {
    const store = people();
    const result = await run([hook(), ds(2, 'addRecord', { key: '', data: { name: 'Bob' } })], store);
    const [out] = outputsOf(result, 2);
    expect(out.key).toMatch(UUID);
    expect(await store.get(STORE, out.key as string)).toEqual({
      key: out.key,
      data: { name: 'Bob', active: true },
    });
  });

  it('refuses an existing key unless "overwrite" is on', async () => {
    const store = people({ a: { name: 'Old', age: 1 } });
    const refused = await run([hook(), ds(2, 'addRecord', { key: 'a', data: { name: 'New' } })], store);
    expect(refused.status).toBe('error');
    expect(refused.error).toMatchObject({
      type: 'DuplicateDataError',
      kind: 'user',
      field: 'key',
      moduleId: 2,
    });
    expect(refused.error?.message).toContain('"a" already exists');
    expect(await contents(store)).toEqual({ a: { name: 'Old', age: 1, active: true } });

    const replaced = await run(
      [hook(), ds(2, 'addRecord', { key: 'a', overwrite: true, data: { name: 'New' } })],
      store,
    );
    expect(replaced.status).toBe('success');
    // Replace, not merge: the old age is gone.
    expect(await contents(store)).toEqual({ a: { name: 'New', active: true } });
  });
});

describe('datastore:updateRecord', () => {
  it('merges the given fields into the existing record', async () => {
    const store = people({ a: { name: 'Ada', age: 36, tags: ['x'] } });
    const result = await run(
      [hook(), ds(2, 'updateRecord', { key: 'a', data: { age: '{{1.age}}' } })],
      store,
      { input: { age: 37 } },
    );
    expect(outputsOf(result, 2)).toEqual([
      { key: 'a', data: { name: 'Ada', age: 37, active: true, tags: ['x'] } },
    ]);
    expect(await contents(store)).toEqual({ a: { name: 'Ada', age: 37, active: true, tags: ['x'] } });
  });

  it('fails on a missing key unless "insert missing record" is on', async () => {
    const store = people();
    const missing = await run([hook(), ds(2, 'updateRecord', { key: 'zed', data: { name: 'Zed' } })], store);
    expect(missing.status).toBe('error');
    expect(missing.error).toMatchObject({ type: 'DataError', field: 'key' });
    expect(missing.error?.message).toContain('no record with key "zed"');

    const upsert = await run(
      [hook(), ds(2, 'updateRecord', { key: 'zed', upsert: true, data: { name: 'Zed' } })],
      store,
    );
    expect(upsert.status).toBe('success');
    expect(await contents(store)).toEqual({ zed: { name: 'Zed', active: true } });
  });

  it('checks the whole structure when it inserts', async () => {
    const result = await run(
      [hook(), ds(2, 'updateRecord', { key: 'zed', upsert: true, data: { age: 3 } })],
      people(),
    );
    expect(result.error).toMatchObject({
      type: 'BundleValidationError',
      field: 'data.name',
      message: 'data.name: is required',
    });
  });
});

describe('datastore:getRecord and datastore:recordExists', () => {
  it('outputs the record fields plus the key, or wrapped as search does', async () => {
    const store = people({ a: { name: 'Ada', age: 36 } });
    const result = await run(
      [hook(), ds(2, 'getRecord', { key: 'a' }), ds(3, 'getRecord', { key: 'a', returnWrapped: true })],
      store,
    );
    expect(outputsOf(result, 2)).toEqual([{ name: 'Ada', age: 36, active: true, key: 'a' }]);
    expect(outputsOf(result, 3)).toEqual([{ key: 'a', data: { name: 'Ada', age: 36, active: true } }]);
  });

  it('outputs an empty bundle for an unknown key and the route goes on', async () => {
    const store = people();
    const flow = [hook(), ds(2, 'getRecord', { key: 'nobody' }), ds(3, 'recordExists', { key: 'nobody' })];
    const result = await run(flow, store);
    expect(result.status).toBe('success');
    expect(outputsOf(result, 2)).toEqual([{}]);
    expect(outputsOf(result, 3)).toEqual([{ exists: false, exist: false }]);
  });

  it('says whether a key exists', async () => {
    const result = await run(
      [hook(), ds(2, 'recordExists', { key: '{{1.k}}' })],
      people({ a: { name: 'Ada' } }),
      { input: [{ k: 'a' }, { k: 'b' }] },
    );
    expect(outputsOf(result, 2)).toEqual([
      { exists: true, exist: true },
      { exists: false, exist: false },
    ]);
  });
});

describe('datastore:countRecords, deleteRecord and deleteAll', () => {
  it('counts, deletes one record and then all of them', async () => {
    const store = people({ a: { name: 'A' }, b: { name: 'B' }, c: { name: 'C' } });
    const flow = [
      hook(),
      ds(2, 'countRecords'),
      ds(3, 'deleteRecord', { key: 'a' }),
      ds(4, 'deleteRecord', { key: 'missing' }),
      ds(5, 'countRecords'),
      ds(6, 'deleteAll'),
      ds(7, 'countRecords'),
    ];
    const result = await run(flow, store);
    expect(result.status).toBe('success');
    expect(outputsOf(result, 2)).toEqual([{ count: 3 }]);
    expect(outputsOf(result, 3)).toEqual([{ key: 'a', deleted: true }]);
    expect(outputsOf(result, 4)).toEqual([{ key: 'missing', deleted: false }]);
    expect(outputsOf(result, 5)).toEqual([{ count: 2 }]);
    expect(outputsOf(result, 6)).toEqual([{ deleted: 2 }]);
    expect(outputsOf(result, 7)).toEqual([{ count: 0 }]);
    expect(await store.usedBytes(STORE)).toBe(0);
    expect(opsOf(result, 6)).toBe(1);
  });
});

describe('the data store and the runtime', () => {
  it('names an unknown data store', async () => {
    const result = await run(
      [hook(), { ...ds(2, 'countRecords'), parameters: { datastore: 999 } }],
      people(),
    );
    expect(result.error).toMatchObject({
      type: 'InvalidConfigurationError',
      field: 'datastore',
      message: 'datastore: data store 999 does not exist',
    });
  });

  it('finds a store by its name as well as its id', async () => {
    const result = await run(
      [hook(), { ...ds(2, 'countRecords'), parameters: { datastore: 'People' } }],
      people({ a: { name: 'A' } }),
    );
    expect(outputsOf(result, 2)).toEqual([{ count: 1 }]);
  });

  it('fails clearly in a runtime without data stores', async () => {
    const result = await run([hook(), ds(2, 'countRecords')], null);
    expect(result.error).toMatchObject({
      kind: 'internal',
      message: 'data stores are not available in this runtime',
    });
  });
});
