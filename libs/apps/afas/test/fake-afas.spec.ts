import { startFakeAfas, TOKEN_DATA, type FakeAfas } from './fake-afas';

// The fake itself follows the reference strictly: these pin the behaviour the module tests rely on.

const xml = `<token><version>1</version><data>${TOKEN_DATA}</data></token>`;
const auth = `AfasToken ${Buffer.from(xml).toString('base64')}`;

let fake: FakeAfas;
beforeEach(async () => {
  fake = await startFakeAfas();
});
afterEach(() => fake.close());

async function call(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  const res = await fetch(`${fake.url}${path}`, {
    ...init,
    headers: { Authorization: auth, ...init.headers },
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
    headers: res.headers,
  };
}

describe('authentication', () => {
  it('accepts AfasToken base64(<token xml>) and nothing else', async () => {
    expect((await call('/profitversion')).json).toEqual({ version: '22.22.5' });
    expect(await call('/profitversion', { headers: { Authorization: '' } })).toMatchObject({
      status: 401,
      text: '',
    });
    expect(
      await call('/profitversion', { headers: { Authorization: `Bearer ${TOKEN_DATA}` } }),
    ).toMatchObject({ status: 401 });
    expect(
      await call('/profitversion', { headers: { Authorization: `afastoken ${auth.slice(10)}` } }),
    ).toMatchObject({ status: 401, text: '' });
    const wrong = Buffer.from(xml.replace(TOKEN_DATA, 'AB'.repeat(32))).toString('base64');
    expect(await call('/profitversion', { headers: { Authorization: `AfasToken ${wrong}` } })).toMatchObject({
      status: 401,
      text: '',
    });
  });

  it('rejects a plain (non-base64) token with 500 by default, or the configured status', async () => {
    const plain = await call('/profitversion', { headers: { Authorization: `AfasToken ${xml}` } });
    expect(plain.status).toBe(500);
    expect(plain.json).toMatchObject({
      externalMessage: expect.stringContaining('base64'),
      errorNumber: expect.any(Number),
    });
    expect(plain.json!.profitLogReference).toMatch(/^[0-9A-F]{32}$/);
    fake.setVariant({ plainTokenStatus: 401 });
    expect(await call('/profitversion', { headers: { Authorization: `AfasToken ${xml}` } })).toMatchObject({
      status: 401,
      text: '',
    });
  });

  it('answers 403 with an empty body when the IP restriction blocks the caller', async () => {
    fake.setVariant({ ipBlocked: true });
    expect(await call('/metainfo')).toMatchObject({ status: 403, text: '' });
  });
});

describe('routing', () => {
  it('matches fixed segments case-insensitively and answers 404 for unknown paths', async () => {
    const res = await fetch(`${fake.url.replace('ProfitRestServices', 'profitrestservices')}/ProfitVersion`, {
      headers: { Authorization: auth },
    });
    expect(res.status).toBe(200);
    expect((await call('/MetaInfo/GET/Profit_Accounts')).status).toBe(200);
    expect((await call('/nothing')).status).toBe(404);
    expect((await call('/connectors/Unknown')).status).toBe(404);
  });

  it('answers 404 when the query string exceeds 2049 characters', async () => {
    const pad = (n: number) => `?skip=0&take=1&x=${'a'.repeat(n)}`;
    const base = pad(0).length;
    expect((await call(`/connectors/Profit_Accounts${pad(2049 - base)}`)).status).toBe(200);
    expect((await call(`/connectors/Profit_Accounts${pad(2050 - base)}`)).status).toBe(404);
  });

  it('answers 401 or a 500 message for a connector missing from the app connector', async () => {
    expect(await call('/connectors/Profit_Employees')).toMatchObject({ status: 401, text: '' });
    fake.setVariant({ connectorNotAllowed: 500 });
    const res = await call('/connectors/Profit_Employees');
    expect(res.status).toBe(500);
    expect(res.json!.externalMessage).toMatch(/not supported for this app/);
    expect(Buffer.from(res.headers.get('x-profit-error')!, 'base64').toString()).toBe(
      res.json!.externalMessage,
    );
  });
});

describe('GetConnector', () => {
  it('defaults to skip 0 / take 100, echoes take, and treats -1/-1 as all rows', async () => {
    const all = await call('/connectors/Profit_Accounts');
    expect(all.json).toMatchObject({ skip: 0, take: 100 });
    expect((all.json!.rows as unknown[]).length).toBe(12);
    expect(((await call('/connectors/Profit_Accounts?skip=-1&take=-1')).json!.rows as unknown[]).length).toBe(
      12,
    );
    expect(((await call('/connectors/Profit_Accounts?skip=0&take=0')).json!.rows as unknown[]).length).toBe(
      1,
    );
    const bad = await call('/connectors/Profit_Accounts?skip=2&take=-1');
    expect(bad.status).toBe(500);
    expect(bad.json).toMatchObject({
      externalMessage: 'An unexpected error has occurred.',
      errorNumber: -2147180999,
    });
  });

  it('applies the , (AND) and ; (OR) lists, wildcards or not, and filterjson', async () => {
    const rows = async (q: string) =>
      ((await call(`/connectors/Profit_Accounts?${q}`)).json!.rows as Array<{ Account: string }>).map(
        (r) => r.Account,
      );
    expect(await rows('filterfieldids=Account,Blocked&filtervalues=1000,true&operatortypes=1,1')).toEqual([
      '1000',
    ]);
    expect(await rows('filterfieldids=Account;Account&filtervalues=1000;1010&operatortypes=1;1')).toEqual([
      '1000',
      '1010',
    ]);
    expect(await rows('filterfieldids=Description&filtervalues=%25ebt%25&operatortypes=6')).toEqual(['1020']);
    expect(await rows('filterfieldids=Description&filtervalues=ebt&operatortypes=6')).toEqual(['1020']);
    const json = encodeURIComponent(
      JSON.stringify({
        Filters: {
          Filter: [
            { '@FilterId': 'F1', Field: [{ '@FieldId': 'Account', '@OperatorType': '1', '#text': '1100' }] },
          ],
        },
      }),
    );
    expect(await rows(`filterjson=${json}`)).toEqual(['1100']);
    const mismatch = await call(
      '/connectors/Profit_Accounts?filterfieldids=Account,Blocked&filtervalues=1000&operatortypes=1',
    );
    expect(mismatch.status).toBe(500);
    const unknown = await call(
      '/connectors/Profit_Accounts?filterfieldids=Nope&filtervalues=1&operatortypes=1',
    );
    expect(unknown.json!.externalMessage).toBe("Connector field 'Nope' not found");
  });
});

describe('UpdateConnector', () => {
  const post = (path: string, body: unknown, method = 'POST') =>
    call(path, {
      method,
      body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json;charset=utf-8' },
    });

  it('accepts both Objects forms and @Action on the Element or in Fields', async () => {
    const link = { Element: { Fields: { SfTp: '2', SfId: '100001' } } };
    const asArray = await post('/connectors/KnSubject', {
      KnSubject: { Element: { Fields: { StId: 1, Ds: 'A' }, Objects: [{ KnSubjectLink: link }] } },
    });
    expect(asArray).toMatchObject({ status: 201, json: { results: { KnSubject: { SbId: '50000' } } } });
    const asMap = await post('/connectors/KnSubject', {
      KnSubject: {
        Element: { '@Action': 'insert', Fields: { StId: '2', Ds: 'B' }, Objects: { KnSubjectLink: link } },
      },
    });
    expect(asMap.status).toBe(201);
    const update = await post(
      '/connectors/KnSubject',
      { KnSubject: { Element: { '@SbId': 50000, Fields: { '@Action': 'update', Ds: 'A2' } } } },
      'PUT',
    );
    expect(update.status).toBe(201);
    expect(fake.state.updateConnectors.KnSubject.records.find((r) => r.key === '50000')!.fields.Ds).toBe(
      'A2',
    );
  });

  it('rejects what Profit would reject with the error triple', async () => {
    const res = await post('/connectors/KnSubject', {
      KnSubject: { Element: { Fields: { StId: 9, Ds: 'x' } } },
    });
    expect(res).toMatchObject({
      status: 500,
      json: { externalMessage: "The entered value for 'Type' does not exist.", errorNumber: -2147220469 },
    });
    expect((await post('/connectors/KnSubject', { KnPerson: { Element: {} } })).status).toBe(500);
    expect((await call('/connectors/KnSubject', { method: 'POST', body: 'x' })).status).toBe(400);
  });

  it('deletes by key path with or without "@" and answers 200 with no body', async () => {
    expect(await call('/connectors/KnSubject/KnSubject/@SbId/49946', { method: 'DELETE' })).toMatchObject({
      status: 200,
      text: '',
    });
    expect(
      await call('/connectors/KnAppointment/KnAppointment/ApId/123', { method: 'DELETE' }),
    ).toMatchObject({ status: 200 });
    expect(
      (await call('/connectors/KnSubjectReaction/KnSubjectReaction/@Id/7', { method: 'DELETE' })).status,
    ).toBe(500);
    expect((await call('/connectors/KnPerson/KnPerson/@BcCo/100001', { method: 'DELETE' })).status).toBe(500);
  });

  it('answers 413 above the payload limit', async () => {
    fake.setVariant({ maxPayloadBytes: 100 });
    expect(
      (await post('/connectors/KnSubject', { KnSubject: { Element: { Fields: { Ds: 'x'.repeat(200) } } } }))
        .status,
    ).toBe(413);
  });
});

describe('OAuth token endpoint', () => {
  const token = (body: string, headers: Record<string, string> = {}, method = 'POST') =>
    fetch(`${fake.url}/oauth/token`, {
      method,
      body: method === 'GET' ? undefined : body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    });
  const basic = `Basic ${Buffer.from('integrator-client:client-secret-value').toString('base64')}`;

  it('issues a Bearer token for body or Basic credentials, not both', async () => {
    const ok = await token(
      'grant_type=client_credentials&client_id=integrator-client&client_secret=client-secret-value',
    );
    expect(ok.status).toBe(200);
    const issued = (await ok.json()) as { access_token: string; token_type: string; expires_in: number };
    expect(issued).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(
      (await fetch(`${fake.url}/metainfo`, { headers: { Authorization: `Bearer ${issued.access_token}` } }))
        .status,
    ).toBe(200);
    expect((await token('grant_type=client_credentials', { Authorization: basic })).status).toBe(200);
    const both = await token(
      'grant_type=client_credentials&client_id=integrator-client&client_secret=client-secret-value',
      { Authorization: basic },
    );
    expect(await both.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers the documented OAuth errors', async () => {
    expect((await token('', {}, 'GET')).status).toBe(400);
    const badBasic = await token('grant_type=client_credentials', {
      Authorization: `Basic ${Buffer.from('x:y').toString('base64')}`,
    });
    expect(badBasic.status).toBe(401);
    expect(badBasic.headers.get('www-authenticate')).toMatch(/^Basic/);
    const badBody = await token('grant_type=client_credentials&client_id=x&client_secret=y');
    expect([badBody.status, await badBody.json()]).toEqual([400, { error: 'invalid_client' }]);
    expect(await (await token('grant_type=password&client_id=x')).json()).toEqual({
      error: 'unsupported_grant_type',
    });
    const expired = await fetch(`${fake.url}/metainfo`, { headers: { Authorization: 'Bearer eyJunknown' } });
    expect([expired.status, expired.headers.get('www-authenticate')]).toEqual([
      401,
      'Bearer error="invalid_token"',
    ]);
  });
});
