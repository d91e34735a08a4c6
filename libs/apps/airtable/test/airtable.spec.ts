import { createHttpClient, FakeClock } from '@integrator/engine';
import { MemoryTriggerState } from '@integrator/apps/app-kit';
import { appHarness, errorOf, importMake, output, outputs } from '../../../../test/support/app-harness';
import { airtableApp, airtableConnectionType } from '../src';
import { BASE, startFakeAirtable, TOKEN, type FakeAirtable } from './fake-airtable';

let fake: FakeAirtable;
beforeEach(async () => {
  fake = await startFakeAirtable();
});
afterEach(() => fake.close());

const harness = (token = TOKEN) => appHarness(airtableApp, () => ({ token, baseUrl: fake.url }));
const where = { base: BASE, table: 'Tasks' };
const query = (i: number) => Object.fromEntries(new URL(fake.requests[i].url, 'http://x').searchParams);

test('connection: Bearer token verified with GET /v0/meta/whoami; a wrong token names the field', async () => {
  const verify = (token: string) => {
    const credentials = { token, baseUrl: fake.url };
    const http = createHttpClient({
      connection: { id: 1, type: 'airtable', credentials },
      connectionType: airtableConnectionType,
      clock: new FakeClock(0, { autoAdvance: true }),
    });
    return airtableConnectionType.verify!({ credentials, http });
  };
  await expect(verify(TOKEN)).resolves.toBeUndefined();
  expect(fake.requests[0]).toMatchObject({
    method: 'GET',
    url: '/v0/meta/whoami',
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  await expect(verify('patWRONG')).rejects.toMatchObject({ type: 'AccountValidationError', field: 'token' });
});

describe('create, update, get, delete', () => {
  test('create POSTs { fields, typecast } and answers the record with id and createdTime beside the fields', async () => {
    const result = await harness().run(
      'airtable:ActionCreateRecord',
      { ...where, record: { Name: '{{1.name}}', Status: 'Blocked', Score: '3' }, typecast: true },
      { input: { name: 'Write docs' } },
    );
    expect(output(result)).toEqual({
      id: fake.records[0].id,
      createdTime: '2026-01-01T00:00:00.000Z',
      Created: '2026-01-01T00:00:00.000Z',
      Name: 'Write docs',
      Status: 'Blocked',
      Score: 3,
    });
    expect(fake.requests[0]).toMatchObject({ method: 'POST', url: `/v0/${BASE}/Tasks` });
    expect(fake.requests[0].json).toEqual({
      fields: { Name: 'Write docs', Status: 'Blocked', Score: '3' },
      typecast: true,
    });
  });

  test('Airtable’s 422s are user errors naming the field', async () => {
    const unknown = await harness().run('airtable:ActionCreateRecord', { ...where, record: { Nme: 'x' } });
    expect(errorOf(unknown)).toMatchObject({
      type: 'DataError',
      field: 'record',
      message: 'Airtable: Unknown field name: "Nme"',
    });
    const option = await harness().run('airtable:ActionCreateRecord', {
      ...where,
      record: { Status: 'New' },
    });
    expect(errorOf(option).message).toContain('select option');
    const table = await harness().run('airtable:ActionCreateRecord', {
      base: BASE,
      table: 'Nope',
      record: { Name: 'x' },
    });
    expect(errorOf(table)).toMatchObject({ field: 'table' });
    const auth = await harness('patBAD').run('airtable:ActionCreateRecord', {
      ...where,
      record: { Name: 'x' },
    });
    expect(errorOf(auth)).toMatchObject({ type: 'AccountValidationError' });
  });

  test('update PATCHes only the given fields; get and delete address the record', async () => {
    const rec = fake.seed({ Name: 'A', Status: 'Todo' });
    const upd = await harness().run('airtable:ActionUpdateRecords', {
      ...where,
      id: rec.id,
      record: { Status: 'Done' },
      useColumnId: true,
    });
    expect(output(upd)).toMatchObject({ id: rec.id, fldName: 'A', fldStatus: 'Done' });
    expect(fake.requests[0]).toMatchObject({ method: 'PATCH', url: `/v0/${BASE}/Tasks/${rec.id}` });
    expect(fake.requests[0].json).toEqual({ fields: { Status: 'Done' }, returnFieldsByFieldId: true });
    expect(output(await harness().run('airtable:ActionGetRecord', { ...where, id: rec.id }))).toMatchObject({
      id: rec.id,
      Name: 'A',
    });
    expect(output(await harness().run('airtable:ActionDeleteRecord', { ...where, id: rec.id }))).toEqual({
      id: rec.id,
      deleted: true,
    });
    expect(fake.requests.map((r) => r.method)).toEqual(['PATCH', 'GET', 'DELETE']);
    const gone = await harness().run('airtable:ActionGetRecord', { ...where, id: rec.id });
    expect(errorOf(gone)).toMatchObject({
      field: 'id',
      message: expect.stringContaining('Could not find a record'),
    });
  });
});

describe('search records', () => {
  test('formula, view, sort and fields become Airtable’s query; results are emitted one bundle each', async () => {
    fake.seed({ Name: 'b', Status: 'Done', Score: 2 });
    fake.seed({ Name: 'a', Status: 'Done', Score: 1 });
    fake.seed({ Name: 'c', Status: 'Todo', Score: 3 });
    const result = await harness().run('airtable:ActionSearchRecords', {
      ...where,
      formula: "{Status}='Done'",
      view: 'Grid view',
      sort: [{ field: 'Name', direction: 'asc' }],
      fields: ['Name'],
      maxRecords: 5,
    });
    expect(outputs(result).map((r) => r.Name)).toEqual(['a', 'b']);
    expect(outputs(result)[0]).not.toHaveProperty('Status');
    expect(query(0)).toEqual({
      filterByFormula: "{Status}='Done'",
      view: 'Grid view',
      'sort[0][field]': 'Name',
      'sort[0][direction]': 'asc',
      'fields[]': 'Name',
      maxRecords: '5',
      pageSize: '5',
    });
  });

  test('pages with the offset cursor up to maxRecords', async () => {
    for (let i = 0; i < 250; i++) fake.seed({ Name: `r${String(i).padStart(3, '0')}` });
    const result = await harness().run('airtable:ActionSearchRecords', { ...where, maxRecords: 230 });
    expect(outputs(result)).toHaveLength(230);
    expect(fake.requests.map((_, i) => [query(i).offset, query(i).pageSize])).toEqual([
      [undefined, '100'],
      ['itrfake/100', '100'],
      ['itrfake/200', '30'],
    ]);
  });

  test('a bad formula names the formula field', async () => {
    const result = await harness().run('airtable:ActionSearchRecords', { ...where, formula: 'AND({Status}' });
    expect(errorOf(result)).toMatchObject({
      field: 'formula',
      message: expect.stringContaining('formula for filtering records is invalid'),
    });
  });

  test('a 429 waits (Airtable asks for 30 s) on the injected clock, then succeeds', async () => {
    fake.failNext(429, {
      errors: [{ error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' }],
    });
    const h = harness();
    const start = h.clock.now();
    const result = await h.run('airtable:ActionSearchRecords', where);
    expect(result.status).toBe('success');
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(30_000);
    fake.failNext(429, { errors: [] }, { 'Retry-After': '2' });
    const t = h.clock.now();
    expect((await h.run('airtable:ActionSearchRecords', where)).status).toBe('success');
    expect(h.clock.now() - t).toBeGreaterThanOrEqual(2000);
    expect(h.clock.now() - t).toBeLessThan(30_000);
  });
});

describe('watch records', () => {
  const watch = (
    h: ReturnType<typeof harness>,
    store: MemoryTriggerState,
    mapper: Record<string, unknown> = {},
  ) =>
    h.run(
      'airtable:TriggerWatchRecords',
      { ...where, triggerField: 'Created', limit: 2, ...mapper },
      { trigger: true, services: { triggerState: store } },
    );
  const names = (r: Awaited<ReturnType<typeof watch>>) => outputs(r).map((b) => b.Name);

  test('From now on, then new records oldest first; ties at the limit are neither repeated nor skipped', async () => {
    const store = new MemoryTriggerState();
    const h = harness();
    fake.seed({ Name: 'old' }, '2025-12-31T00:00:00.000Z');
    expect(names(await watch(h, store))).toEqual([]);
    fake.seed({ Name: 'b' }, '2026-01-02T00:00:00.000Z');
    fake.seed({ Name: 'a' }, '2026-01-01T10:00:00.000Z');
    fake.seed({ Name: 'c' }, '2026-01-02T00:00:00.000Z');
    expect(names(await watch(h, store))).toEqual(['a', 'b']);
    expect(names(await watch(h, store))).toEqual(['c']);
    expect(names(await watch(h, store))).toEqual([]);
    const q = query(fake.requests.length - 1);
    expect(q).toMatchObject({
      filterByFormula: "NOT(IS_BEFORE({Created}, '2026-01-02T00:00:00.000Z'))",
      'sort[0][field]': 'Created',
      'sort[0][direction]': 'asc',
    });
  });

  test('All, with a formula of the user’s own, combined with AND', async () => {
    const store = new MemoryTriggerState();
    fake.seed({ Name: 'x', Status: 'Done' }, '2025-01-01T00:00:00.000Z');
    fake.seed({ Name: 'y', Status: 'Todo' }, '2025-01-02T00:00:00.000Z');
    const h = harness();
    expect(names(await watch(h, store, { startFrom: 'all', formula: "{Status}='Done'" }))).toEqual(['x']);
    fake.seed({ Name: 'z', Status: 'Done' }, '2026-02-01T00:00:00.000Z');
    expect(names(await watch(h, store, { startFrom: 'all', formula: "{Status}='Done'" }))).toEqual(['z']);
    expect(query(1).filterByFormula).toBe(
      "AND(NOT(IS_BEFORE({Created}, '2025-01-01T00:00:00.000Z')), {Status}='Done')",
    );
  });
});

test('Make an API call adds the Bearer token', async () => {
  const result = await harness().run('airtable:makeApiCall', { url: '/v0/meta/whoami' });
  expect(output(result)).toMatchObject({ statusCode: 200, body: { id: 'usrTEST' } });
});

describe('Make import', () => {
  test.each([
    [
      'airtable:ActionCreateRecord',
      { base: 'app1', table: 'tbl1', record: { Name: '{{1.name}}' }, typecast: true, useColumnId: false },
    ],
    [
      'airtable:ActionUpdateRecords',
      {
        id: '{{1.id}}',
        base: 'app1',
        table: 'tbl1',
        record: { Name: 'x' },
        typecast: false,
        useColumnId: false,
      },
    ],
    [
      'airtable:ActionSearchRecords',
      {
        base: 'app1',
        table: 'tbl1',
        formula: "{a}='b'",
        maxRecords: '1',
        sort: [{ field: 'a', direction: 'asc' }],
        view: 'viw1',
        fields: ['a'],
        useColumnId: false,
      },
    ],
    ['airtable:ActionGetRecord', { base: 'app1', table: 'tbl1', id: 'rec1', useColumnId: false }],
    ['airtable:ActionDeleteRecord', { base: 'app1', table: 'tbl1', id: 'rec1' }],
    ['airtable:TriggerWatchRecords', { base: 'app1', table: 'tbl1', triggerField: 'Created', limit: 5 }],
  ])('%s imports with its settings', (module, mapper) => {
    const { blueprint, report } = importMake(airtableApp, {
      module,
      version: 3,
      parameters: { __IMTCONN__: 5 },
      mapper,
    });
    expect(report.format).toBe('make');
    expect(report.unknownModules).toEqual([]);
    expect(blueprint.flow[0]).toMatchObject({ module, mapper });
    expect(report.connectionsToChoose[0]).toMatchObject({ id: 1, types: ['airtable'] });
  });
});
