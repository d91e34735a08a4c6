import { FakeClock } from '@integrator/engine';
import type { ConnectionTypeDefinition, FieldMap, ResolvedConnection } from '@integrator/sdk';
import { createHttpClient, fetchOAuth2ClientCredentialsToken, type HttpLogEntry } from '@integrator/engine';
import { json, startServer, type FakeServer, type Received } from '../../../engine/test/http/fake-server';
import { genericConnectionTypes, httpApp } from '../src';
import { runHttp, START } from './run-http';

const clock = new FakeClock(START, { autoAdvance: true });
const type = (key: string) => genericConnectionTypes.find((t) => t.key === key)!;
const conn = (key: string, credentials: Record<string, unknown>): ResolvedConnection => ({
  id: `c-${key}`,
  type: key,
  credentials,
});
const clientFor = (c: ResolvedConnection, entries?: HttpLogEntry[]) =>
  createHttpClient({
    connection: c,
    connectionType: type(c.type),
    clock,
    onRequest: (e) => entries?.push(e),
  });

const TOKEN_SECRET = 'cs-Very$ecret';
let server: FakeServer;

function tokenEndpoint(req: Received, res: import('node:http').ServerResponse) {
  const form = new URLSearchParams(req.body.toString());
  const basic = `Basic ${Buffer.from(`app-1:${encodeURIComponent(TOKEN_SECRET)}`).toString('base64')}`;
  if (form.get('grant_type') !== 'client_credentials')
    return json(res, 400, { error: 'unsupported_grant_type' });
  if (req.headers.authorization !== basic) return json(res, 401, { error: 'invalid_client' });
  json(res, 200, { access_token: `at-for-${form.get('scope')}`, token_type: 'Bearer', expires_in: 60 });
}

beforeAll(async () => {
  server = await startServer((req, res) => {
    if (req.path === '/token') return tokenEndpoint(req, res);
    if (req.path === '/guarded')
      return req.headers.authorization === 'Bearer good'
        ? json(res, 200, {})
        : json(res, 401, { detail: 'nope' });
    json(res, 200, {
      auth: req.headers.authorization ?? null,
      key: req.headers['x-api-key'] ?? null,
      q: req.query.get('api_key'),
    });
  });
});
afterAll(() => server.close());
beforeEach(() => (server.requests.length = 0));

const last = () => server.requests[server.requests.length - 1];

test('the app declares the six generic types, credentials marked secret', () => {
  expect(httpApp.connectionTypes!.map((t) => t.key)).toEqual([
    'apiKey',
    'bearer',
    'basic',
    'oauth2ClientCredentials',
    'oauth2AuthorizationCode',
    'clientCertificate',
  ]);
  const secrets = (t: ConnectionTypeDefinition<FieldMap>) =>
    Object.entries(t.fields)
      .filter(([, f]) => f.type === 'text' && f.secret)
      .map(([k]) => k);
  expect(genericConnectionTypes.map(secrets)).toEqual([
    ['value'],
    ['token'],
    ['password'],
    ['clientSecret', 'accessToken'],
    ['clientSecret', 'accessToken', 'refreshToken'],
    ['key', 'passphrase'],
  ]);
  expect(genericConnectionTypes.every((t) => t.fields.baseUrl !== undefined)).toBe(true);
});

test('API key in a header', async () => {
  const entries: HttpLogEntry[] = [];
  const res = await clientFor(
    conn('apiKey', { name: 'X-Api-Key', value: 'k-123', placement: 'header' }),
    entries,
  ).request({ url: server.url });
  expect(last().headers['x-api-key']).toBe('k-123');
  expect(res.body).toMatchObject({ key: '***' });
  expect(JSON.stringify(entries)).not.toContain('k-123');
});

test('API key in the query string', async () => {
  const res = await clientFor(
    conn('apiKey', { name: 'api_key', value: 'k-456', placement: 'query' }),
  ).request({ url: `${server.url}/x?a=1` });
  expect(last().query.get('api_key')).toBe('k-456');
  expect(last().query.get('a')).toBe('1');
  expect(res.url).toBe(`${server.url}/x?a=1&api_key=***`);
});

test('bearer token', async () => {
  await clientFor(conn('bearer', { token: 'bt-1' })).request({ url: server.url });
  expect(last().headers.authorization).toBe('Bearer bt-1');
});

test('basic auth', async () => {
  const res = await clientFor(conn('basic', { username: 'ann', password: 'p@ss:word' })).request({
    url: server.url,
  });
  expect(last().headers.authorization).toBe(`Basic ${Buffer.from('ann:p@ss:word').toString('base64')}`);
  expect(res.body).toMatchObject({ auth: '***' });
});

test('OAuth2 client credentials: the token is fetched, then sent as a bearer token', async () => {
  const settings = {
    tokenUrl: `${server.url}/token`,
    clientId: 'app-1',
    clientSecret: TOKEN_SECRET,
    scope: 'read',
  };
  const token = await fetchOAuth2ClientCredentialsToken({
    ...settings,
    http: createHttpClient({ clock }),
    clock,
  });
  expect(token).toEqual({ accessToken: 'at-for-read', tokenType: 'Bearer', expiresAt: clock.now() + 60_000 });

  await clientFor(conn('oauth2ClientCredentials', { ...settings, accessToken: token.accessToken })).request({
    url: server.url,
  });
  expect(last().headers.authorization).toBe('Bearer at-for-read');
  expect(type('oauth2ClientCredentials').oauth2).toMatchObject({ grant: 'client_credentials' });
  expect(type('oauth2ClientCredentials').oauth2!.tokenUrl(settings)).toBe(settings.tokenUrl);
});

test('OAuth2 client credentials verify fetches a token, and fails on a wrong secret', async () => {
  const good = conn('oauth2ClientCredentials', {
    tokenUrl: `${server.url}/token`,
    clientId: 'app-1',
    clientSecret: TOKEN_SECRET,
  });
  await expect(
    type('oauth2ClientCredentials').verify!({ credentials: good.credentials, http: clientFor(good) }),
  ).resolves.toBeUndefined();
  expect(last().path).toBe('/token');

  const bad = conn('oauth2ClientCredentials', { ...good.credentials, clientSecret: 'wrong-one' });
  const err = await type('oauth2ClientCredentials').verify!({
    credentials: bad.credentials,
    http: clientFor(bad),
  }).catch((e: Error) => e);
  expect(err).toMatchObject({ type: 'AccountValidationError', status: 401 });
  expect((err as Error).message).not.toContain('wrong-one');
});

test('an OAuth2 connection without an access token yet is an account error, not an unsigned request', async () => {
  const c = conn('oauth2AuthorizationCode', {
    authorizeUrl: 'https://id.example/authorize',
    tokenUrl: 'https://id.example/token',
    clientId: 'x',
    clientSecret: 'y',
  });
  await expect(clientFor(c).request({ url: server.url })).rejects.toMatchObject({
    type: 'AccountValidationError',
    message: 'the connection has no accessToken: edit or reauthorize it',
  });
  await expect(
    type('oauth2AuthorizationCode').verify!({ credentials: c.credentials, http: clientFor(c) }),
  ).rejects.toMatchObject({ type: 'AccountValidationError' });
  expect(server.requests).toHaveLength(0);
  expect(type('oauth2AuthorizationCode').oauth2!.authorizeUrl!(c.credentials)).toBe(
    'https://id.example/authorize',
  );
});

test('verify against the base URL: refused credentials fail, accepted ones pass', async () => {
  const good = conn('bearer', { token: 'good', baseUrl: `${server.url}/guarded` });
  await expect(
    type('bearer').verify!({ credentials: good.credentials, http: clientFor(good) }),
  ).resolves.toBeUndefined();
  const bad = conn('bearer', { token: 'bad', baseUrl: `${server.url}/guarded` });
  await expect(
    type('bearer').verify!({ credentials: bad.credentials, http: clientFor(bad) }),
  ).rejects.toMatchObject({ type: 'AccountValidationError', status: 401 });
});

test('the HTTP module signs with its connection; relative URLs use the connection base URL', async () => {
  const entries: HttpLogEntry[] = [];
  const connection = conn('bearer', { token: 'secret-bearer-9', baseUrl: `${server.url}/api` });
  const { output, result } = await runHttp({ connection, entries, mapper: { url: '/me' } });
  expect(result.status).toBe('success');
  expect(last()).toMatchObject({ path: '/api/me' });
  expect(last().headers.authorization).toBe('Bearer secret-bearer-9');
  expect(output!.data).toEqual({ auth: '***', key: null, q: null });
  expect(JSON.stringify([result, entries])).not.toContain('secret-bearer-9');
});
