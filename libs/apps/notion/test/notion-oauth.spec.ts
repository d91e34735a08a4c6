import { createHttpClient, exchangeCode, FakeClock, obtainToken } from '@integrator/engine';
import {
  appHarness,
  startFake,
  type FakeServer,
  type RecordedRequest,
} from '../../../../test/support/app-harness';
import { notionApp, notionOAuthConnectionType } from '../src';
import { startFakeNotion, TOKEN, type FakeNotion } from './fake-notion';

// A strict Notion authorization server (developers.notion.com/reference/create-a-token):
// POST /v1/oauth/token with the client's id and secret as HTTP Basic and a JSON body
// { grant_type, code, redirect_uri } or { grant_type: "refresh_token", refresh_token }. A form
// body, credentials in the body or an unknown key are refused as Notion refuses them.
const CLIENT = { id: '1f2e3d4c-0000-4000-8000-00000000abcd', secret: 'secret_client+/=' };

function tokenEndpoint(req: RecordedRequest) {
  const fail = (status: number, error: string) => ({ status, body: { error, error_description: error } });
  if (req.method !== 'POST' || req.url !== '/v1/oauth/token') return fail(404, 'not_found');
  const basic = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''));
  const [id, secret] = basic
    ? Buffer.from(basic[1], 'base64').toString().split(':').map(decodeURIComponent)
    : [];
  if (id !== CLIENT.id || secret !== CLIENT.secret) return fail(401, 'invalid_client');
  if (!String(req.headers['content-type']).startsWith('application/json'))
    return fail(400, 'invalid_request');
  const body = req.json as Record<string, unknown>;
  const allowed =
    body?.grant_type === 'authorization_code'
      ? ['grant_type', 'code', 'redirect_uri']
      : ['grant_type', 'refresh_token'];
  if (!body || Object.keys(body).some((k) => !allowed.includes(k))) return fail(400, 'invalid_request');
  if (body.grant_type === 'authorization_code' && body.code !== 'good-code')
    return fail(400, 'invalid_grant');
  if (body.grant_type === 'refresh_token' && body.refresh_token !== 'nrt-1')
    return fail(400, 'invalid_grant');
  return {
    status: 200,
    body: {
      access_token: TOKEN,
      token_type: 'bearer',
      refresh_token: 'nrt-1',
      bot_id: 'b1',
      workspace_id: 'w1',
      workspace_name: 'Acme',
      owner: { type: 'user' },
    },
  };
}

let auth: FakeServer;
let notion: FakeNotion;
beforeEach(async () => {
  auth = await startFake(tokenEndpoint);
  notion = await startFakeNotion();
});
afterEach(async () => {
  await auth.close();
  await notion.close();
});

const plain = () => createHttpClient({ clock: new FakeClock(0, { autoAdvance: true }) });
const creds = () => ({ clientId: CLIENT.id, clientSecret: CLIENT.secret, baseUrl: `${auth.url}/v1` });

test('authorize URL asks for owner=user; the code exchange sends JSON with HTTP Basic client auth', async () => {
  expect(notionOAuthConnectionType.oauth2!.authorizeUrl!({} as never)).toBe(
    'https://api.notion.com/v1/oauth/authorize?owner=user',
  );
  const tokens = await exchangeCode(
    notionOAuthConnectionType,
    creds(),
    'good-code',
    'https://i.example/cb',
    plain(),
    () => 0,
  );
  expect(tokens).toMatchObject({ accessToken: TOKEN, refreshToken: 'nrt-1' });
  const req = auth.requests[0];
  expect(req.headers['content-type']).toMatch(/^application\/json/);
  expect(req.json).toEqual({
    grant_type: 'authorization_code',
    code: 'good-code',
    redirect_uri: 'https://i.example/cb',
  });
  expect(JSON.stringify(req.json)).not.toContain(CLIENT.secret);
  await expect(
    exchangeCode(notionOAuthConnectionType, creds(), 'bad', 'https://i.example/cb', plain(), () => 0),
  ).rejects.toMatchObject({
    type: 'AccountValidationError',
    message: expect.stringContaining('invalid_grant'),
  });
});

test('the refresh goes the same way (JSON, HTTP Basic)', async () => {
  const token = await obtainToken(
    notionOAuthConnectionType,
    { ...creds(), refreshToken: 'nrt-1' },
    plain(),
    () => 0,
  );
  expect(token.accessToken).toBe(TOKEN);
  expect(auth.requests[0].json).toEqual({ grant_type: 'refresh_token', refresh_token: 'nrt-1' });
  expect(auth.requests[0].headers.authorization).toMatch(/^Basic /);
});

test('a module runs with the authorised token (Bearer and Notion-Version)', async () => {
  const h = appHarness(
    notionApp,
    () => ({ clientId: CLIENT.id, clientSecret: CLIENT.secret, accessToken: TOKEN, baseUrl: notion.url }),
    undefined,
    'notion-oauth',
  );
  const result = await h.run('notion:searchObjects', { type: 'database' });
  expect(result.status).toBe('success');
  expect(notion.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  expect(notion.requests[0].headers['notion-version']).toBe('2022-06-28');
  const none = await appHarness(
    notionApp,
    () => ({ ...creds(), baseUrl: notion.url }),
    undefined,
    'notion-oauth',
  ).run('notion:searchObjects', {});
  expect(none.status).toBe('error');
  expect(JSON.stringify(none.error)).toContain('authorise');
});
