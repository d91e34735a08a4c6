import { matchesConditions, sortRecords, type StoredRecord } from '../src';
import { ds, hook, opsOf, outputsOf, people, run } from './harness';

const records = {
  ada: { name: 'Ada', age: 36, joined: '2024-03-01', tags: ['math', 'vip'] },
  bob: { name: 'bob', age: 17, joined: '2025-07-15', tags: [] },
  cyd: { name: 'Cyd', age: 52, joined: '2023-11-30', tags: ['vip'] },
  dee: { name: 'Dee', joined: '2026-01-01' },
};

async function search(
  mapper: Record<string, unknown>,
  parameters: Record<string, unknown> = {},
  input: unknown = {},
) {
  const result = await run([hook(), ds(2, 'searchRecords', mapper, { parameters })], people(records), {
    input,
  });
  return { result, keys: outputsOf(result, 2).map((b) => b.key) };
}

describe('datastore:searchRecords', () => {
  it('emits one bundle per matching record for one operation, with its position', async () => {
    const { result } = await search({ filter: [[{ a: 'age', o: 'number:greater', b: 30 }]] });
    expect(result.status).toBe('success');
    expect(opsOf(result, 2)).toBe(1);
    expect(outputsOf(result, 2)).toEqual([
      {
        key: 'ada',
        data: { ...records.ada, joined: '2024-03-01T00:00:00.000Z', active: true },
        __IMTINDEX__: 1,
        __IMTLENGTH__: 2,
      },
      {
        key: 'cyd',
        data: { ...records.cyd, joined: '2023-11-30T00:00:00.000Z', active: true },
        __IMTINDEX__: 2,
        __IMTLENGTH__: 2,
      },
    ]);
  });

  it('uses the filter operators on fields and on the key, OR of AND groups', async () => {
    expect((await search({ filter: [[{ a: 'name', o: 'text:equal:ci', b: 'BOB' }]] })).keys).toEqual(['bob']);
    expect(
      (
        await search({
          filter: [
            [
              { a: 'tags', o: 'array:contain', b: 'vip' },
              { a: 'age', o: 'number:less', b: 40 },
            ],
          ],
        })
      ).keys,
    ).toEqual(['ada']);
    expect(
      (await search({ filter: [[{ a: 'age', o: 'notexist' }], [{ a: 'key', o: 'text:startwith', b: 'c' }]] }))
        .keys,
    ).toEqual(['cyd', 'dee']);
    expect(
      (await search({ filter: [[{ a: 'joined', o: 'date:greaterorequal', b: '2025-01-01' }]] })).keys,
    ).toEqual(['bob', 'dee']);
  });

  it('takes mapped values in the conditions', async () => {
    const { keys } = await search(
      { filter: [[{ a: 'age', o: 'number:greaterorequal', b: '{{1.min}}' }]] },
      {},
      { min: 36 },
    );
    expect(keys).toEqual(['ada', 'cyd']);
  });

  it('sorts by a field or by the key, either way, and limits', async () => {
    const byAge = { field: 'age', direction: 'desc' };
    expect((await search({ sort: [byAge] })).keys).toEqual(['cyd', 'ada', 'bob', 'dee']);
    expect((await search({ sort: [{ field: 'age' }] })).keys).toEqual(['bob', 'ada', 'cyd', 'dee']);
    expect((await search({ sort: [{ field: 'key', direction: 'desc' }] })).keys).toEqual([
      'dee',
      'cyd',
      'bob',
      'ada',
    ]);
    expect((await search({ sort: [byAge] }, { limit: 2 })).keys).toEqual(['cyd', 'ada']);
  });

  it('stops the route on no results unless told to continue', async () => {
    const none = { filter: [[{ a: 'name', o: 'text:equal', b: 'Zed' }]] };
    const stopped = await run([hook(), ds(2, 'searchRecords', none), ds(3, 'countRecords')], people(records));
    expect(outputsOf(stopped, 2)).toEqual([]);
    expect(opsOf(stopped, 3)).toBe(0);
    const going = await run(
      [
        hook(),
        ds(2, 'searchRecords', none, { parameters: { continueWhenNoRes: true } }),
        ds(3, 'countRecords'),
      ],
      people(records),
    );
    expect(outputsOf(going, 2)).toEqual([{ __IMTLENGTH__: 0 }]);
    expect(outputsOf(going, 3)).toEqual([{ count: 4 }]);
  });

  it('names a bad condition, sort or limit', async () => {
    const badOp = await search({ filter: [[{ a: 'age', o: 'number:bigger', b: 1 }]] });
    expect(badOp.result.error).toMatchObject({
      type: 'InvalidConfigurationError',
      field: 'filter[0][0].o',
      message: 'filter[0][0].o: unknown operator "number:bigger"',
    });
    const noField = await search({ filter: [[{ o: 'exist' }]] });
    expect(noField.result.error?.field).toBe('filter[0][0].a');
    const twoSorts = await search({ sort: [{ field: 'age' }, { field: 'name' }] });
    expect(twoSorts.result.error?.message).toBe('sort: only one sort key is supported');
    const badDirection = await search(
      { sort: [{ field: 'age', direction: '{{1.dir}}' }] },
      {},
      { dir: 'up' },
    );
    expect(badDirection.result.error?.field).toBe('sort[0].direction');
    const badLimit = await search({}, { limit: '{{1.n}}' });
    expect(badLimit.result.error?.message).toBe(
      'limit: must be a whole number from 1 to 3200 (got "{{1.n}}")',
    );
  });
});

describe('matchesConditions and sortRecords', () => {
  const r = (key: string, data: Record<string, unknown>): StoredRecord => ({ key, data });

  it('reads nested fields with a dotted name', () => {
    expect(
      matchesConditions(r('a', { address: { city: 'Brno' } }), [
        [{ a: 'address.city', o: 'text:equal', b: 'Brno' }],
      ]),
    ).toBe(true);
    expect(matchesConditions(r('a', {}), [[{ a: 'address.city', o: 'exist' }]])).toBe(false);
    expect(matchesConditions(r('a', {}), [])).toBe(true);
  });

  it('puts empty values last in both directions and breaks ties by key', () => {
    const list = [r('d', {}), r('c', { n: 2 }), r('b', { n: 10 }), r('a', { n: 2 })];
    expect(sortRecords(list, { field: 'n', direction: 'asc' }).map((x) => x.key)).toEqual([
      'a',
      'c',
      'b',
      'd',
    ]);
    expect(sortRecords(list, { field: 'n', direction: 'desc' }).map((x) => x.key)).toEqual([
      'b',
      'a',
      'c',
      'd',
    ]);
    expect(sortRecords(list, undefined).map((x) => x.key)).toEqual(['a', 'b', 'c', 'd']);
  });
});
