import { MAX_RECORD_BYTES, MemoryDataStoreService, validateRecord, type DataStoreInfo } from '../src';
import { contents, ds, hook, people, run, STORE } from './harness';

const info: DataStoreInfo = {
  id: 1,
  name: 'Info',
  strict: true,
  maxSizeBytes: 1024,
  fields: [
    { name: 'name', type: 'text', required: true },
    { name: 'age', type: 'number' },
    { name: 'vip', type: 'boolean', default: false },
    { name: 'seen', type: 'date' },
    { name: 'address', type: 'collection' },
    { name: 'raw', type: 'any' },
  ],
};

describe('data structures in scenarios', () => {
  it('rejects fields a strict structure does not declare, naming the field', async () => {
    const store = people({}, true);
    const result = await run(
      [hook(), ds(2, 'addRecord', { key: 'a', data: { name: 'Ada', nickname: 'A' } })],
      store,
    );
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ type: 'BundleValidationError', field: 'data.nickname' });
    expect(result.error?.message).toBe(
      'data.nickname: is not a field of the data structure (the data store is strict)',
    );
    expect(await contents(store)).toEqual({});
  });

  it('keeps extra fields when the structure is not strict', async () => {
    const store = people();
    await run([hook(), ds(2, 'addRecord', { key: 'a', data: { name: 'Ada', nickname: 'A' } })], store);
    expect(await contents(store)).toEqual({ a: { name: 'Ada', active: true, nickname: 'A' } });
  });

  it('requires required fields and fills defaults', async () => {
    const store = people();
    const missing = await run([hook(), ds(2, 'addRecord', { key: 'a', data: { age: 3 } })], store);
    expect(missing.error?.message).toBe('data.name: is required');
    await run([hook(), ds(2, 'addRecord', { key: 'b', data: { name: 'Bo', active: false } })], store);
    await run([hook(), ds(2, 'addRecord', { key: 'c', data: { name: 'Cy' } })], store);
    expect(await contents(store)).toEqual({
      b: { name: 'Bo', active: false },
      c: { name: 'Cy', active: true },
    });
  });

  it('refuses a value of the wrong type', async () => {
    const result = await run(
      [hook(), ds(2, 'addRecord', { key: 'a', data: { name: 'Ada', age: '{{1.age}}' } })],
      people(),
      { input: { age: 'old' } },
    );
    expect(result.error).toMatchObject({ type: 'BundleValidationError', field: 'data.age' });
    expect(result.error?.message).toBe('data.age: must be a number (got "old")');
  });

  it('checks only the given fields on update, and still refuses clearing a required one', async () => {
    const store = people({ a: { name: 'Ada' } }, true);
    const cleared = await run(
      [hook(), ds(2, 'updateRecord', { key: 'a', data: { name: '{{1.nothing}}' } })],
      store,
      { input: { nothing: '' } },
    );
    expect(cleared.error?.message).toBe('data.name: is required');
    const extra = await run([hook(), ds(2, 'updateRecord', { key: 'a', data: { shoe: 42 } })], store);
    expect(extra.error?.field).toBe('data.shoe');
    expect(await contents(store)).toEqual({ a: { name: 'Ada', active: true } });
  });
});

describe('validateRecord', () => {
  it('coerces values to the declared types', () => {
    expect(
      validateRecord(info, {
        name: 7,
        age: '41.5',
        vip: 'TRUE',
        seen: Date.UTC(2026, 1, 2),
        address: { city: 'Brno' },
        raw: [1],
      }),
    ).toEqual({
      name: '7',
      age: 41.5,
      vip: true,
      seen: '2026-02-02T00:00:00.000Z',
      address: { city: 'Brno' },
      raw: [1],
    });
  });

  it('names the field of each kind of type error', () => {
    expect(() => validateRecord(info, { name: 'a', vip: 'maybe' })).toThrow(
      'data.vip: must be a boolean (true or false) (got "maybe")',
    );
    expect(() => validateRecord(info, { name: 'a', seen: 'soon' })).toThrow('data.seen: must be a date');
    expect(() => validateRecord(info, { name: 'a', address: 'Brno' })).toThrow(
      'data.address: must be a collection',
    );
    expect(() => validateRecord(info, { name: { first: 'a' } })).toThrow('data.name: must be text');
    expect(() =>
      validateRecord({ ...info, fields: [{ name: 'tags', type: 'array' }] }, { tags: 'x' }),
    ).toThrow('data.tags: must be an array');
    expect(() => validateRecord(info, 'text')).toThrow('data: must be a collection of fields');
  });

  it('keeps explicit empty values, drops absent ones, and leaves absent fields alone when partial', () => {
    expect(validateRecord(info, { name: 'a', age: null })).toEqual({ name: 'a', age: null, vip: false });
    expect(validateRecord(info, { age: 3 }, { partial: true })).toEqual({ age: 3 });
    expect(validateRecord(info, { vip: '' }, { partial: true })).toEqual({ vip: false });
  });
});

describe('size limits', () => {
  it('refuses a record that would overflow the store with an OutOfSpaceError', async () => {
    const store = new MemoryDataStoreService([{ id: STORE, name: 'Tiny', maxSizeBytes: 60 }]);
    const flow = [hook(), ds(2, 'addRecord', { key: '{{1.k}}', data: { text: '{{1.text}}' } })];
    const result = await run(flow, store, {
      input: [
        { k: 'a', text: 'x'.repeat(20) },
        { k: 'b', text: 'y'.repeat(20) },
      ],
    });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ type: 'OutOfSpaceError', kind: 'user', moduleId: 2 });
    expect(result.error?.message).toMatch(/^data store "Tiny" is full/);
    expect(Object.keys(await contents(store))).toEqual(['a']);
  });

  it('counts a replaced record once', async () => {
    const store = new MemoryDataStoreService([{ id: STORE, maxSizeBytes: 40 }]);
    await store.put(STORE, 'a', { text: 'x'.repeat(20) });
    await store.put(STORE, 'a', { text: 'y'.repeat(20) });
    expect(await store.usedBytes(STORE)).toBe(1 + JSON.stringify({ text: 'y'.repeat(20) }).length);
  });

  it('refuses a record over 15 MB', async () => {
    const store = new MemoryDataStoreService([{ id: STORE, maxSizeBytes: 64 * 1024 * 1024 }]);
    await expect(store.put(STORE, 'big', { blob: 'x'.repeat(MAX_RECORD_BYTES) })).rejects.toMatchObject({
      type: 'DataError',
      message: expect.stringContaining('a record may be at most 15 MB'),
    });
    expect(await store.count(STORE)).toBe(0);
  });

  it('refuses an empty or overlong key', async () => {
    const store = new MemoryDataStoreService([{ id: STORE }]);
    await expect(store.put(STORE, '', {})).rejects.toThrow('key: is required');
    await expect(store.put(STORE, 'k'.repeat(301), {})).rejects.toThrow(
      'key: must be at most 300 characters',
    );
  });
});
