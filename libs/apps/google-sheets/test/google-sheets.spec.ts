import { MemoryTriggerState } from '@integrator/apps/app-kit';
import { appHarness, errorOf, output, outputs } from '../../../../test/support/app-harness';
import { googleSheetsApp } from '../src';
import {
  READONLY_TOKEN,
  SPREADSHEET_ID,
  startFakeSheets,
  TOKEN,
  type FakeSheets,
} from './fake-google-sheets';

let fake: FakeSheets;
beforeEach(async () => {
  fake = await startFakeSheets([
    { sheetId: 0, title: 'Sheet1', rows: [] },
    {
      sheetId: 123456,
      title: 'My Leads',
      rows: [
        ['Name', 'Email', 'Score'],
        ['Ann', 'ann@x.io', 50],
        ['Bob', 'bob@x.io', 80],
        ['Cid', 'cid@x.io', 20],
      ],
    },
  ]);
});
afterEach(() => fake.close());

const sheets = (token = TOKEN) =>
  appHarness(googleSheetsApp, () => ({ accessToken: token, baseUrl: fake.url }));
const target = { spreadsheetId: SPREADSHEET_ID, sheetId: 'My Leads' };
const path = (r: { url: string }) => decodeURIComponent(new URL(r.url, 'http://x').pathname);
const query = (r: { url: string }) => Object.fromEntries(new URL(r.url, 'http://x').searchParams);
const leads = () => fake.sheet('My Leads').rows;

describe('google-sheets:addRow', () => {
  test('values.append on the table range with valueInputOption and insertDataOption; columns by index', async () => {
    const result = await sheets().run(
      'google-sheets:addRow',
      { ...target, values: { '0': '{{1.name}}', '2': '70' }, includesHeaders: true },
      { input: { name: 'Dan' } },
    );
    expect(output(result)).toMatchObject({
      spreadsheetId: SPREADSHEET_ID,
      tableRange: "'My Leads'!A1:Z4",
      updates: { updatedRange: "'My Leads'!A5:C5", updatedRows: 1 },
      rowNumber: 5,
    });
    const req = fake.requests[0];
    expect(req.method).toBe('POST');
    expect(path(req)).toBe(`/v4/spreadsheets/${SPREADSHEET_ID}/values/'My Leads'!A1:Z1:append`);
    expect(query(req)).toEqual({ valueInputOption: 'USER_ENTERED', insertDataOption: 'INSERT_ROWS' });
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(req.json).toEqual({
      range: "'My Leads'!A1:Z1",
      majorDimension: 'ROWS',
      values: [['Dan', null, '70']],
    });
    expect(leads()[4]).toEqual(['Dan', undefined, 70]);
  });

  test('columns by header or letter read the header row first; RAW keeps text as text', async () => {
    const result = await sheets().run('google-sheets:addRow', {
      ...target,
      values: { Email: 'eve@x.io', A: 'Eve', Score: '07' },
      valueInputOption: 'RAW',
    });
    expect(result.status).toBe('success');
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'POST']);
    expect(path(fake.requests[0])).toBe(`/v4/spreadsheets/${SPREADSHEET_ID}/values/'My Leads'!A1:Z1`);
    expect(leads()[4]).toEqual(['Eve', 'eve@x.io', '07']);
    const unknown = await sheets().run('google-sheets:addRow', { ...target, values: { Phone: '1' } });
    expect(errorOf(unknown)).toMatchObject({
      field: 'values.Phone',
      message: expect.stringContaining('Name, Email, Score'),
    });
  });

  test('values typed as JSON text in the panel (the field is free) are read as the collection', async () => {
    const result = await sheets().run(
      'google-sheets:addRow',
      { ...target, values: '{"0": "{{1.name}}", "Email": "dan@x.io"}' },
      { input: { name: 'Dan' } },
    );
    expect(result.status).toBe('success');
    expect(leads()[4]).toEqual(['Dan', 'dan@x.io']);
    const broken = await sheets().run('google-sheets:addRow', { ...target, values: '{"0": ' });
    expect(errorOf(broken)).toMatchObject({ field: 'values', message: expect.stringContaining('JSON') });
  });

  test('a list fills columns in order; Make’s "/<folder>/<id>" spreadsheet form is taken', async () => {
    await sheets().run('google-sheets:addRow', {
      spreadsheetId: `/0AFolder/${SPREADSHEET_ID}`,
      sheetId: 'Sheet1',
      values: ['a', 'b'],
    });
    expect(fake.sheet('Sheet1').rows).toEqual([['a', 'b']]);
    const nested = await sheets().run('google-sheets:addRow', { ...target, values: { '0': { x: 1 } } });
    expect(errorOf(nested).field).toBe('values.0');
  });
});

test('the service-account connection works the same (its token is a Bearer token too)', async () => {
  const h = appHarness(
    googleSheetsApp,
    () => ({ serviceAccountKey: '{}', apps: ['sheets'], accessToken: TOKEN, baseUrl: fake.url }),
    undefined,
    'google-service-account',
  );
  const result = await h.run('google-sheets:getSheetContent', { ...target, range: 'A2:A2' });
  expect(outputs(result)).toEqual([expect.objectContaining({ '0': 'Ann' })]);
  expect(fake.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
});

describe('google-sheets:updateRow', () => {
  test('values.update on just the given columns; erase empties a cell, other cells stay', async () => {
    const result = await sheets().run('google-sheets:updateRow', {
      ...target,
      rowNumber: '{{3}}',
      values: { '1': '{{$erase()}}', '2': '99' },
    });
    expect(output(result)).toMatchObject({ updatedRange: "'My Leads'!B3:C3", updatedCells: 2 });
    const req = fake.requests[0];
    expect(req.method).toBe('PUT');
    expect(path(req)).toBe(`/v4/spreadsheets/${SPREADSHEET_ID}/values/'My Leads'!B3:C3`);
    expect(query(req)).toEqual({ valueInputOption: 'USER_ENTERED' });
    expect(req.json).toEqual({ range: "'My Leads'!B3:C3", majorDimension: 'ROWS', values: [['', '99']] });
    expect(leads()[2]).toEqual(['Bob', undefined, 99]);
    // Make's exports write past the default A1:Z1 (e.g. "29" is column AD).
    await sheets().run('google-sheets:updateRow', { ...target, rowNumber: 2, values: { '29': 'x' } });
    expect(path(fake.requests.at(-1)!)).toBe(`/v4/spreadsheets/${SPREADSHEET_ID}/values/'My Leads'!AD2:AD2`);
    expect(leads()[1][29]).toBe('x');
    const none = await sheets().run('google-sheets:updateRow', { ...target, rowNumber: 3, values: {} });
    expect(errorOf(none).field).toBe('values');
  });
});

describe('google-sheets:filterRows', () => {
  test('Make’s filter groups with the engine’s operators, order by a column, limit; rows keyed 0, 1, 2', async () => {
    const result = await sheets().run('google-sheets:filterRows', {
      ...target,
      filter: [[{ a: 'C', o: 'number:greater', b: '40' }], [{ a: 'Email', o: 'text:contain:ci', b: 'CID@' }]],
      orderBy: 'C',
      sortOrder: 'desc',
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(outputs(result)).toEqual([
      {
        __ROW_NUMBER__: 3,
        __SPREADSHEET_ID__: SPREADSHEET_ID,
        __SHEET__: 'My Leads',
        '0': 'Bob',
        '1': 'bob@x.io',
        '2': 80,
        __IMTINDEX__: 1,
        __IMTLENGTH__: 3,
      },
      {
        __ROW_NUMBER__: 2,
        __SPREADSHEET_ID__: SPREADSHEET_ID,
        __SHEET__: 'My Leads',
        '0': 'Ann',
        '1': 'ann@x.io',
        '2': 50,
        __IMTINDEX__: 2,
        __IMTLENGTH__: 3,
      },
      {
        __ROW_NUMBER__: 4,
        __SPREADSHEET_ID__: SPREADSHEET_ID,
        __SHEET__: 'My Leads',
        '0': 'Cid',
        '1': 'cid@x.io',
        '2': 20,
        __IMTINDEX__: 3,
        __IMTLENGTH__: 3,
      },
    ]);
    const req = fake.requests[0];
    expect(path(req)).toBe(`/v4/spreadsheets/${SPREADSHEET_ID}/values:batchGet`);
    expect(new URL(req.url, 'http://x').searchParams.getAll('ranges')).toEqual([
      "'My Leads'!A1:Z1",
      "'My Leads'!A2:Z",
    ]);
    const limited = await sheets().run('google-sheets:filterRows', {
      ...target,
      filter: [
        [
          { a: 'A', o: 'text:equal:ci', b: 'bob' },
          { a: 'B', o: 'exist' },
        ],
      ],
      limit: 1,
    });
    expect(outputs(limited).map((r) => r['0'])).toEqual(['Bob']);
    const badOp = await sheets().run('google-sheets:filterRows', {
      ...target,
      filter: [[{ a: 'A', o: 'text:like', b: 'x' }]],
    });
    expect(errorOf(badOp).field).toBe('filter[0][0].o');
    const badColumn = await sheets().run('google-sheets:filterRows', {
      ...target,
      filter: [[{ a: 'Phone', o: 'exist' }]],
    });
    expect(errorOf(badColumn).field).toBe('filter[0][0].a');
  });
});

describe('google-sheets:getSheetContent', () => {
  test('values.get on the range; one bundle per row with its row number', async () => {
    const result = await sheets().run('google-sheets:getSheetContent', { ...target, range: 'B2:C3' });
    expect(outputs(result)).toEqual([
      expect.objectContaining({ __ROW_NUMBER__: 2, '1': 'ann@x.io', '2': '50' }),
      expect.objectContaining({ __ROW_NUMBER__: 3, '1': 'bob@x.io', '2': '80' }),
    ]);
    expect(outputs(result)[0]).not.toHaveProperty('0');
    expect(path(fake.requests[0])).toBe(`/v4/spreadsheets/${SPREADSHEET_ID}/values/'My Leads'!B2:C3`);
    const bad = await sheets().run('google-sheets:getSheetContent', { ...target, range: 'not a range' });
    expect(errorOf(bad).field).toBe('range');
  });
});

describe('clear and delete a row', () => {
  test('clearValuesFromRow: values.clear on the row with an empty body', async () => {
    const result = await sheets().run('google-sheets:clearValuesFromRow', { ...target, rowNumber: 3 });
    expect(output(result)).toMatchObject({ clearedRange: "'My Leads'!A3:Z3" });
    expect(path(fake.requests[0])).toBe(`/v4/spreadsheets/${SPREADSHEET_ID}/values/'My Leads'!3:3:clear`);
    expect(fake.requests[0].json).toEqual({});
    expect(leads()[2].every((c) => c === undefined)).toBe(true);
    expect(leads()).toHaveLength(4);
  });

  test('deleteRow: finds the sheet’s numeric id with spreadsheets.get, then deleteDimension', async () => {
    const result = await sheets().run('google-sheets:deleteRow', { ...target, rowNumber: 2 });
    expect(result.status).toBe('success');
    expect(query(fake.requests[0])).toEqual({ fields: 'sheets.properties(sheetId,title)' });
    expect(fake.requests[1].json).toEqual({
      requests: [
        { deleteDimension: { range: { sheetId: 123456, dimension: 'ROWS', startIndex: 1, endIndex: 2 } } },
      ],
    });
    expect(leads().map((r) => r[0])).toEqual(['Name', 'Bob', 'Cid']);
    await sheets().run('google-sheets:deleteRow', {
      spreadsheetId: SPREADSHEET_ID,
      sheetId: '123456',
      rowNumber: 3,
    });
    expect(leads().map((r) => r[0])).toEqual(['Name', 'Bob']);
    const unknown = await sheets().run('google-sheets:deleteRow', {
      ...target,
      sheetId: 'Nope',
      rowNumber: 2,
    });
    expect(errorOf(unknown)).toMatchObject({
      field: 'sheetId',
      message: expect.stringContaining('Sheet1, My Leads'),
    });
  });
});

describe('google-sheets:watchRows', () => {
  const watch = (store: MemoryTriggerState, mapper: Record<string, unknown> = {}) =>
    sheets().run(
      'google-sheets:watchRows',
      { ...target, ...mapper },
      { trigger: true, services: { triggerState: store } },
    );

  test('From now on: remembers the last row; later runs emit only the rows added below it', async () => {
    const store = new MemoryTriggerState();
    expect(outputs(await watch(store))).toEqual([]);
    leads().push(['Dan', 'dan@x.io', 10], [], ['Eve', 'eve@x.io', 30]);
    expect(outputs(await watch(store))).toEqual([
      {
        __ROW_NUMBER__: 5,
        __SPREADSHEET_ID__: SPREADSHEET_ID,
        __SHEET__: 'My Leads',
        '0': 'Dan',
        '1': 'dan@x.io',
        '2': '10',
      },
      {
        __ROW_NUMBER__: 7,
        __SPREADSHEET_ID__: SPREADSHEET_ID,
        __SHEET__: 'My Leads',
        '0': 'Eve',
        '1': 'eve@x.io',
        '2': '30',
      },
    ]);
    expect(outputs(await watch(store))).toEqual([]);
    const ranges = fake.requests.map((r) => new URL(r.url, 'http://x').searchParams.getAll('ranges').at(-1));
    expect(ranges).toEqual(["'My Leads'!A2:Z", "'My Leads'!A5:Z", "'My Leads'!A8:Z"]);
  });

  test('All, with a limit: the position advances only as far as the rows emitted', async () => {
    const store = new MemoryTriggerState();
    const first = await watch(store, { startFrom: 'all', limit: 2 });
    expect(outputs(first).map((r) => r['0'])).toEqual(['Ann', 'Bob']);
    const second = await watch(store, { startFrom: 'all', limit: 2 });
    expect(outputs(second).map((r) => r['0'])).toEqual(['Cid']);
    // Another sheet is another table: it starts over.
    fake.sheet('Sheet1').rows.push(['x']);
    const other = await watch(store, { sheetId: 'Sheet1', includesHeaders: false, startFrom: 'all' });
    expect(outputs(other)).toEqual([expect.objectContaining({ __ROW_NUMBER__: 1, '0': 'x' })]);
  });

  test('without a trigger state store the trigger says so instead of repeating rows', async () => {
    const result = await sheets().run('google-sheets:watchRows', target, { trigger: true });
    expect(errorOf(result)).toMatchObject({ type: 'InvalidConfigurationError' });
  });
});

describe('errors', () => {
  test('Google’s errors name the field: token, spreadsheet, sheet, scopes', async () => {
    const bad = await sheets('nope').run('google-sheets:getSheetContent', { ...target, range: 'A1' });
    expect(errorOf(bad)).toMatchObject({
      type: 'AccountValidationError',
      message: expect.stringContaining('UNAUTHENTICATED'),
    });
    const missing = await sheets().run('google-sheets:getSheetContent', {
      ...target,
      spreadsheetId: '1NoSuchSpreadsheet000',
      range: 'A1',
    });
    expect(errorOf(missing)).toMatchObject({ field: 'spreadsheetId', type: 'DataError' });
    const sheet = await sheets().run('google-sheets:addRow', { ...target, sheetId: 'Nope', values: ['x'] });
    expect(errorOf(sheet)).toMatchObject({
      field: 'sheetId',
      message: expect.stringContaining('Unable to parse range'),
    });
    const readonly = await sheets(READONLY_TOKEN).run('google-sheets:addRow', { ...target, values: ['x'] });
    expect(errorOf(readonly)).toMatchObject({
      type: 'AccountValidationError',
      message: expect.stringContaining('insufficient authentication scopes'),
    });
  });

  test('a 429 waits for Retry-After on the injected clock', async () => {
    fake.failNext(
      429,
      { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
      { 'Retry-After': '3' },
    );
    const h = sheets();
    const start = h.clock.now();
    const result = await h.run('google-sheets:addRow', { ...target, values: ['x'] });
    expect(result.status).toBe('success');
    expect(fake.requests).toHaveLength(2);
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(3000);
  });
});

test('Make an API call: paths below /v4 with the token; Google rejects an append without valueInputOption', async () => {
  const get = await sheets().run('google-sheets:makeApiCall', {
    url: `/spreadsheets/${SPREADSHEET_ID}`,
    method: 'GET',
  });
  expect(output(get)).toMatchObject({ statusCode: 200, body: { spreadsheetId: SPREADSHEET_ID } });
  expect(path(fake.requests[0])).toBe(`/v4/spreadsheets/${SPREADSHEET_ID}`);
  const append = await sheets().run('google-sheets:makeApiCall', {
    url: `/spreadsheets/${SPREADSHEET_ID}/values/Sheet1!A1:append`,
    method: 'POST',
    body: { values: [['x']] },
  });
  expect(errorOf(append).message).toContain("'valueInputOption' is required");
  const full = await sheets().run('google-sheets:makeApiCall', { url: 'https://evil.example/v4/x' });
  expect(errorOf(full).field).toBe('url');
});
