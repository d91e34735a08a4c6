import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { basic, CREDENTIALS, FakeMetricsApi } from '../../libs/apps/custom-connector/test/fake-metrics-api';
import { auth, startTestApp, type CapturedLogs, type TestApp } from '../support/app';
import { databaseTargets } from '../support/databases';

const SECRETS = [
  CREDENTIALS.apiKey,
  CREDENTIALS.bearer,
  CREDENTIALS.password,
  CREDENTIALS.clientSecret,
  'access-1-9c4e',
  'access-2-9c4e',
  'access-3-9c4e',
];
const START = Date.UTC(2026, 2, 2, 9);

describe.each(databaseTargets())('custom connectors on $name', (target) => {
  let t: TestApp & { logs: CapturedLogs };
  let admin: Record<string, string>;
  let user: Record<string, string>;
  let now = START;
  const api = new FakeMetricsApi();
  const answers: string[] = [];
  const http = (h: Record<string, string>) => ({
    get: (path: string) => t.http().get(path).set(h),
    post: (path: string, body: object = {}) => t.http().post(path).set(h).send(body),
    put: (path: string, body: object) => t.http().put(path).set(h).send(body),
    delete: (path: string) => t.http().delete(path).set(h),
  });
  /** Creates a connector as the super user and keeps the answer for the secrets check. */
  const create = async (body: object) => {
    const res = await http(admin)
      .post('/api/custom-connectors', { name: 'KPI', ...body })
      .expect(201);
    answers.push(JSON.stringify(res.body));
    return res.body as { id: number } & Record<string, unknown>;
  };
  const send = async (id: number, body: object = {}) => {
    const res = await http(admin).post(`/api/custom-connectors/${id}/send`, body).expect(200);
    answers.push(JSON.stringify(res.body));
    return res.body;
  };
  const scenario = async (connector: unknown, mapper: object = {}) => {
    const blueprint = {
      name: 'KPI',
      flow: [{ id: 1, module: 'custom:getValue', version: 1, parameters: { connector }, mapper }],
    };
    const { body } = await http(admin)
      .post('/api/scenarios', { name: `Reads ${String(connector)}`, blueprint })
      .expect(201);
    return body.id as number;
  };
  const run = async (scenarioId: number) => {
    const res = await http(admin).post(`/api/scenarios/${scenarioId}/run`).expect(201);
    answers.push(JSON.stringify(res.body));
    return res.body;
  };

  beforeAll(async () => {
    await api.start();
    t = await startTestApp(target, { now: () => now });
    admin = auth(t.token);
    await http(admin)
      .post('/api/users', { email: 'user@example.com', name: 'User', password: 'password123', role: 'user' })
      .expect(201);
    user = auth(await t.login('user@example.com', 'password123'));
  });
  afterAll(async () => {
    await t?.close();
    await api.stop();
  });

  test('hidden and refused until a super user enables the integration', async () => {
    const apps = async (h: Record<string, string>) =>
      (await http(h).get('/api/apps').expect(200)).body.map((a: { key: string }) => a.key);
    expect(await apps(user)).not.toContain('custom');
    expect(await apps(admin)).not.toContain('custom');
    for (const h of [user, admin]) {
      const refused = await http(h).get('/api/custom-connectors').expect(403);
      expect(refused.body.message).toMatch(
        /custom connector integration is disabled; a super user can enable it/,
      );
      await http(h)
        .post('/api/custom-connectors', { name: 'x', url: `${api.url}/open/metrics` })
        .expect(403);
      await http(h)
        .post('/api/custom-connectors/send', { url: `${api.url}/open/metrics` })
        .expect(403);
      // No connector 1 exists: the team check (which finds nothing) answers before the integration's.
      await http(h).post('/api/custom-connectors/1/send').expect(404);
      await http(h).get('/api/custom-connectors/1').expect(404);
    }
    expect(api.seen).toHaveLength(0);

    const disabledRun = await run(await scenario(1));
    expect(disabledRun).toMatchObject({ status: 'error', error: { kind: 'user', moduleId: 1 } });
    expect(disabledRun.error.message).toMatch(/custom connector integration is disabled/);

    await http(user)
      .put('/api/organization', { integrations: { customConnector: true } })
      .expect(403);
    await http(admin)
      .put('/api/organization', { integrations: { customConnector: true } })
      .expect(200);
    const catalog = (await http(user).get('/api/apps').expect(200)).body.find(
      (a: { key: string }) => a.key === 'custom',
    );
    expect(catalog).toMatchObject({
      label: 'Custom connector',
      modules: [expect.objectContaining({ key: 'custom:getValue' })],
    });
    expect((await http(user).get('/api/custom-connectors').expect(200)).body).toEqual([]);
  });

  test('No Auth by default; Send shows status, headers, body and the value at the field directory', async () => {
    const c = await create({
      url: `${api.url}/open/metrics`,
      params: { period: 'month' },
      headers: { Accept: 'application/json' },
      fieldPath: 'data.metrics[0].value',
    });
    expect(c).toMatchObject({
      method: 'GET',
      auth: { type: 'none' },
      secretsSet: [],
      fieldPath: 'data.metrics[0].value',
      params: { period: 'month' },
    });
    const result = await send(c.id);
    expect(result).toMatchObject({
      status: 200,
      bodyType: 'json',
      body: api.metrics,
      fieldPath: 'data.metrics[0].value',
      value: 42,
    });
    expect(result.headers['content-type']).toBe('application/json');
    const [seen] = api.requestsTo('/open/metrics');
    expect(seen).toMatchObject({ method: 'GET', query: { period: 'month' } });
    expect(seen.headers.accept).toBe('application/json');
    expect(seen.headers.authorization).toBeUndefined();

    expect(await send(c.id, { fieldPath: 'data.metrics[0].name' })).toMatchObject({ value: 'MRR' });
    const missing = await send(c.id, { fieldPath: 'data.metrics[3].value' });
    expect(missing).toMatchObject({ valueError: 'data.metrics[3]: no item 3 (data.metrics has 1 item)' });
    expect(missing).not.toHaveProperty('value');
    const bad = await http(admin)
      .post(`/api/custom-connectors/${c.id}/send`, { fieldPath: 'data[' })
      .expect(400);
    expect(bad.body.fields).toEqual([{ path: 'fieldPath', message: expect.stringContaining('missing "]"') }]);
  });

  test('Send before saving, with a JSON body', async () => {
    const result = (
      await http(user)
        .post('/api/custom-connectors/send', {
          method: 'POST',
          url: `${api.url}/search`,
          body: '{"q":"mrr"}',
          fieldPath: 'total',
        })
        .expect(200)
    ).body;
    expect(result).toMatchObject({ status: 200, body: { received: { q: 'mrr' } }, value: '1,234.5' });
    expect(api.requestsTo('/search').at(-1)?.headers['content-type']).toBe('application/json');
    // A JSON object as the body is accepted and sent as its JSON text; a number is refused by name.
    const asObject = await http(user)
      .post('/api/custom-connectors/send', {
        method: 'POST',
        url: `${api.url}/search`,
        body: { q: 'arr' },
        fieldPath: 'total',
      })
      .expect(200);
    expect(asObject.body).toMatchObject({ status: 200, body: { received: { q: 'arr' } } });
    const saved = await create({ method: 'POST', url: `${api.url}/search`, body: { q: 'x' } });
    expect(saved.body).toBe('{"q":"x"}');
    const refused = await http(user)
      .post('/api/custom-connectors/send', { url: `${api.url}/search`, body: 5 })
      .expect(400);
    expect(refused.body.fields).toContainEqual({
      path: 'body',
      message: 'must be a string (the body text) or a JSON object or array',
    });
    const unreachable = await http(user)
      .post('/api/custom-connectors/send', { url: 'http://127.0.0.1:1/metrics' })
      .expect(502);
    expect(unreachable.body.message).toMatch(/^the request failed: /);
  });

  test('API key in a header or in the query, bearer and basic authorization', async () => {
    const cases = [
      {
        path: '/header-key/metrics',
        auth: { type: 'apiKey', name: 'X-API-Key', value: CREDENTIALS.apiKey, placement: 'header' },
        secrets: ['value'],
      },
      {
        path: '/query-key/metrics',
        auth: { type: 'apiKey', name: 'api_key', value: CREDENTIALS.apiKey, placement: 'query' },
        secrets: ['value'],
      },
      { path: '/bearer/metrics', auth: { type: 'bearer', token: CREDENTIALS.bearer }, secrets: ['token'] },
      {
        path: '/basic/metrics',
        auth: { type: 'basic', username: CREDENTIALS.user, password: CREDENTIALS.password },
        secrets: ['password'],
      },
    ];
    for (const { path, auth: a, secrets } of cases) {
      const c = await create({
        url: `${api.url}${path}`,
        params: { period: 'month' },
        fieldPath: 'data.metrics[0].value',
        auth: a,
      });
      expect(c.secretsSet).toEqual(secrets);
      expect(await send(c.id)).toMatchObject({ status: 200, value: 42 });
    }
    expect(api.requestsTo('/header-key/metrics')[0].headers['x-api-key']).toBe(CREDENTIALS.apiKey);
    expect(api.requestsTo('/header-key/metrics')[0].query).toEqual({ period: 'month' });
    expect(api.requestsTo('/query-key/metrics')[0].query).toEqual({
      period: 'month',
      api_key: CREDENTIALS.apiKey,
    });
    expect(api.requestsTo('/query-key/metrics')[0].headers['x-api-key']).toBeUndefined();
    expect(api.requestsTo('/bearer/metrics')[0].headers.authorization).toBe(`Bearer ${CREDENTIALS.bearer}`);
    expect(api.requestsTo('/basic/metrics')[0].headers.authorization).toBe(
      basic(CREDENTIALS.user, CREDENTIALS.password),
    );

    const wrong = await create({
      url: `${api.url}/bearer/metrics`,
      auth: { type: 'bearer', token: 'not-the-token' },
    });
    expect(await send(wrong.id)).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
  });

  test('OAuth2 client credentials: a token request, then the token as bearer, reused until it expires', async () => {
    const c = await create({
      url: `${api.url}/oauth/metrics`,
      fieldPath: 'data.metrics[0].value',
      auth: {
        type: 'oauth2ClientCredentials',
        tokenUrl: `${api.url}/oauth/token`,
        clientId: CREDENTIALS.clientId,
        clientSecret: CREDENTIALS.clientSecret,
        scope: 'metrics:read',
      },
    });
    expect(c).toMatchObject({
      auth: { type: 'oauth2ClientCredentials', clientId: CREDENTIALS.clientId, scope: 'metrics:read' },
      secretsSet: ['clientSecret'],
    });
    expect(await send(c.id)).toMatchObject({ status: 200, value: 42 });
    const [tokenRequest] = api.requestsTo('/oauth/token');
    expect(tokenRequest).toMatchObject({
      method: 'POST',
      body: 'grant_type=client_credentials&scope=metrics%3Aread',
    });
    expect(tokenRequest.headers).toMatchObject({
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basic(CREDENTIALS.clientId, CREDENTIALS.clientSecret),
    });
    expect(api.requestsTo('/oauth/metrics')[0].headers.authorization).toBe('Bearer access-1-9c4e');

    await send(c.id);
    expect(api.requestsTo('/oauth/token')).toHaveLength(1); // stored and reused
    now += 56 * 60 * 1000; // within five minutes of expiry
    await send(c.id);
    expect(api.requestsTo('/oauth/token')).toHaveLength(2);
    expect(api.requestsTo('/oauth/metrics').at(-1)?.headers.authorization).toBe('Bearer access-2-9c4e');
    api.revokeTokens(); // a refused token is replaced once
    expect(await send(c.id)).toMatchObject({ status: 200, value: 42 });
    expect(api.requestsTo('/oauth/metrics').at(-1)?.headers.authorization).toBe('Bearer access-3-9c4e');

    const refused = await create({
      url: `${api.url}/oauth/metrics`,
      auth: {
        type: 'oauth2ClientCredentials',
        tokenUrl: `${api.url}/oauth/token`,
        clientId: 'nobody',
        clientSecret: 'wrong',
      },
    });
    const failed = await http(admin).post(`/api/custom-connectors/${refused.id}/send`).expect(502);
    expect(failed.body.message).toMatch(/token request to .*\/oauth\/token failed with 401/);
  });

  test('bad input names the field', async () => {
    const res = await http(admin)
      .post('/api/custom-connectors', {
        name: 'x',
        url: 'ftp://example.com',
        fieldPath: 'a..b',
        headers: { 'Bad Name': 'x' },
        auth: { type: 'bearer', nope: 'x' },
      })
      .expect(400);
    expect(res.body.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'url' }),
        expect.objectContaining({ path: 'fieldPath' }),
        { path: 'headers.Bad Name', message: 'is not a valid header name' },
      ]),
    );
    const authErrors = await http(admin)
      .post('/api/custom-connectors', {
        name: 'x',
        url: `${api.url}/open/metrics`,
        auth: { type: 'bearer', nope: 'x' },
      })
      .expect(400);
    expect(authErrors.body.fields).toEqual([
      { path: 'auth.nope', message: 'is not a field of the bearer authorization' },
      { path: 'auth.token', message: 'is required' },
    ]);
    const type = await http(admin)
      .post('/api/custom-connectors', { name: 'x', url: `${api.url}/open/metrics`, auth: { type: 'digest' } })
      .expect(400);
    expect(type.body.fields).toEqual([
      {
        path: 'auth.type',
        message: expect.stringContaining(
          'must be one of none, apiKey, bearer, basic, oauth2ClientCredentials',
        ),
      },
    ]);
  });

  test('updates keep secrets that were left out; only the creator or a super user may change a connector', async () => {
    const c = await create({
      url: `${api.url}/basic/metrics`,
      auth: { type: 'basic', username: 'someone', password: CREDENTIALS.password },
    });
    const updated = (
      await http(admin)
        .put(`/api/custom-connectors/${c.id}`, {
          name: 'Renamed',
          auth: { type: 'basic', username: CREDENTIALS.user },
        })
        .expect(200)
    ).body;
    expect(updated).toMatchObject({
      name: 'Renamed',
      auth: { type: 'basic', username: CREDENTIALS.user },
      secretsSet: ['password'],
    });
    answers.push(JSON.stringify(updated));
    expect(await send(c.id)).toMatchObject({ status: 200 });
    await http(user).put(`/api/custom-connectors/${c.id}`, { url: 'https://attacker.example/' }).expect(403);
    await http(user).delete(`/api/custom-connectors/${c.id}`).expect(403);
    const own = (
      await http(user)
        .post('/api/custom-connectors', { name: 'Mine', url: `${api.url}/open/metrics` })
        .expect(201)
    ).body;
    await http(user).put(`/api/custom-connectors/${own.id}`, { fieldPath: 'data' }).expect(200);
    await http(user).delete(`/api/custom-connectors/${own.id}`).expect(204);
    await http(admin).get(`/api/custom-connectors/${own.id}`).expect(404);
  });

  test('a scenario with custom:getValue outputs the value; errors are clear; used connectors cannot be deleted', async () => {
    const c = await create({
      url: `${api.url}/bearer/metrics`,
      fieldPath: 'data.metrics[0].value',
      auth: { type: 'bearer', token: CREDENTIALS.bearer },
    });
    const ok = await run(await scenario(c.id));
    expect(ok.status).toBe('success');
    expect(ok.modules[0].ops[0].output[0]).toEqual({ value: 42, raw: api.metrics });
    const text = await create({ url: `${api.url}/text` });
    expect((await run(await scenario(text.id))).modules[0].ops[0].output[0]).toEqual({
      value: 1234.5,
      raw: '1,234.5',
    });

    const name = await create({ url: `${api.url}/open/metrics`, fieldPath: 'data.metrics[0].name' });
    const notNumber = await run(await scenario(name.id));
    expect(notNumber).toMatchObject({ status: 'error', error: { kind: 'user' } });
    expect(notNumber.error.message).toMatch(
      /the value at data.metrics\[0\].name is the text "MRR", not a number/,
    );
    expect(
      (await run(await scenario(name.id, { requireNumber: false }))).modules[0].ops[0].output[0].value,
    ).toBe('MRR');
    const gone = await create({ url: `${api.url}/open/metrics`, fieldPath: 'data.metrics[1].value' });
    expect((await run(await scenario(gone.id))).error.message).toBe(
      'data.metrics[1]: no item 1 (data.metrics has 1 item)',
    );
    const refused = await create({
      url: `${api.url}/bearer/metrics`,
      auth: { type: 'bearer', token: 'expired' },
    });
    expect((await run(await scenario(refused.id))).error).toMatchObject({ kind: 'user', status: 401 });
    expect((await run(await scenario(9999))).error.message).toMatch(/custom connector 9999 does not exist/);

    const listed = (await http(user).get(`/api/custom-connectors/${c.id}`).expect(200)).body;
    expect(listed.usedBy).toEqual([expect.objectContaining({ name: `Reads ${c.id}` })]);
    expect((await http(admin).delete(`/api/custom-connectors/${c.id}`).expect(409)).body.message).toMatch(
      /is used by "Reads/,
    );
  });

  test('secrets never appear in answers, echoes, logs or the database', async () => {
    const echo = await create({
      url: `${api.url}/echo`,
      auth: { type: 'apiKey', name: 'api_key', value: CREDENTIALS.apiKey, placement: 'query' },
    });
    const echoed = await send(echo.id);
    expect(echoed.body.query.api_key).toBe('***');
    const bearerEcho = await create({
      url: `${api.url}/echo`,
      auth: { type: 'bearer', token: CREDENTIALS.bearer },
    });
    expect((await send(bearerEcho.id)).body.headers.authorization).toBe('***');
    answers.push(JSON.stringify((await http(admin).get('/api/custom-connectors').expect(200)).body));
    for (const text of [...answers, t.logs.lines.join('\n')])
      for (const s of SECRETS) expect(text).not.toContain(s);
    if (target.name === 'sqlite') {
      for (const f of readdirSync(t.config.dataDir).filter((x) => x.startsWith('integrator.db'))) {
        const bytes = readFileSync(join(t.config.dataDir, f));
        for (const s of SECRETS) expect(bytes.includes(Buffer.from(s))).toBe(false);
      }
    } else {
      const rows = JSON.stringify(await t.db().query('SELECT * FROM custom_connectors'));
      const logs = JSON.stringify(await t.db().query('SELECT * FROM executions'));
      for (const s of SECRETS) expect(rows + logs).not.toContain(s);
    }
  });
});
