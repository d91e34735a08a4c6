import { SPREADSHEET_ID, startFakeSheets, TOKEN, type FakeSheets } from './fake-google-sheets';

// The fake rejects what Google rejects, so a module test passes only when its request is right.

let fake: FakeSheets;
beforeEach(async () => {
  fake = await startFakeSheets([{ sheetId: 0, title: 'Sheet1', rows: [] }]);
});
afterEach(() => fake.close());

const call = async (method: string, path: string, body?: unknown, token = TOKEN) => {
  const res = await fetch(`${fake.url}/v4/spreadsheets/${SPREADSHEET_ID}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: res.status,
    body: (await res.json()) as { error?: { code: number; message: string; status: string } },
  };
};
const range = encodeURIComponent('Sheet1!A1:B1');

test.each([
  ['no valueInputOption', 'PUT', `/values/${range}`, { values: [['x']] }, "'valueInputOption' is required"],
  [
    'an unknown body field',
    'PUT',
    `/values/${range}?valueInputOption=RAW`,
    { values: [['x']], foo: 1 },
    'Unknown name "foo"',
  ],
  [
    'a body range other than the URL’s',
    'PUT',
    `/values/${range}?valueInputOption=RAW`,
    { range: 'Sheet1!C1', values: [['x']] },
    'Requested writing within range',
  ],
  [
    'values beyond the range',
    'PUT',
    `/values/${range}?valueInputOption=RAW`,
    { values: [['a', 'b', 'c']] },
    'beyond',
  ],
  [
    'a cell that is an object',
    'POST',
    `/values/${range}:append?valueInputOption=RAW`,
    { values: [[{ a: 1 }]] },
    'data.values',
  ],
  [
    'an unknown query parameter',
    'GET',
    `/values/${range}?valueRender=FORMULA`,
    undefined,
    'Unknown name "valueRender"',
  ],
  ['a wrong enum value', 'GET', `/values/${range}?valueRenderOption=PRETTY`, undefined, 'TYPE_ENUM'],
  [
    'an unknown sheet',
    'GET',
    `/values/${encodeURIComponent("'Nope'!A1")}`,
    undefined,
    'Unable to parse range',
  ],
  ['a non-empty clear body', 'POST', `/values/${range}:clear`, { range: 'x' }, 'Unknown name "range"'],
  [
    'an unknown batchUpdate request',
    'POST',
    ':batchUpdate',
    { requests: [{ deleteSheet: { sheetId: 0 } }] },
    'deleteSheet',
  ],
])('400 INVALID_ARGUMENT for %s', async (_, method, path, body, message) => {
  const res = await call(method, path, body);
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({
    code: 400,
    status: 'INVALID_ARGUMENT',
    message: expect.stringContaining(message),
  });
});

test('401 without the Bearer token, 404 for another spreadsheet', async () => {
  expect((await call('GET', '', undefined, 'wrong')).body.error?.status).toBe('UNAUTHENTICATED');
  const res = await fetch(`${fake.url}/v4/spreadsheets/1OtherSpreadsheet00000`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  expect(res.status).toBe(404);
});
