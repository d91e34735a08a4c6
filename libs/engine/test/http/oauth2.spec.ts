import type { ModuleError } from '@integrator/sdk';
import { FakeClock } from '../../src';
import { createHttpClient, fetchOAuth2ClientCredentialsToken } from '../../src/http';
import { json, startServer, type FakeServer, type Received } from './fake-server';

const CLIENT_ID = 'client:1';
const CLIENT_SECRET = 'sec ret/+9';
const clock = new FakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true });
const http = createHttpClient({ clock });

// RFC 6749 §2.3.1: the Basic credentials are the form-encoded id and secret.
const basicOf = (id: string, secret: string) => {
  const enc = (s: string) => new URLSearchParams({ s }).toString().slice(2);
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}`;
};

let server: FakeServer;
let acceptsBasic = true;

function tokenEndpoint(req: Received, res: import('node:http').ServerResponse) {
  const form = new URLSearchParams(req.body.toString());
  if (req.method !== 'POST' || req.headers['content-type'] !== 'application/x-www-form-urlencoded')
    return json(res, 400, { error: 'invalid_request' });
  if (form.get('grant_type') !== 'client_credentials')
    return json(res, 400, { error: 'unsupported_grant_type' });
  const viaBasic = req.headers.authorization === basicOf(CLIENT_ID, CLIENT_SECRET);
  const viaBody = form.get('client_id') === CLIENT_ID && form.get('client_secret') === CLIENT_SECRET;
  if (!(acceptsBasic ? viaBasic : viaBody))
    return json(res, 401, {
      error: 'invalid_client',
      error_description: `bad client ${form.get('client_secret') ?? ''}`,
    });
  json(res, 200, {
    access_token: 'at-123',
    token_type: 'bearer',
    expires_in: 3600,
    scope: form.get('scope') ?? '',
  });
}

beforeAll(async () => {
  server = await startServer((req, res) =>
    req.path === '/token' ? tokenEndpoint(req, res) : json(res, 404, {}),
  );
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  acceptsBasic = true;
});

const options = { tokenUrl: '', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, http, clock };

test('fetches a token with HTTP Basic client authentication', async () => {
  const token = await fetchOAuth2ClientCredentialsToken({
    ...options,
    tokenUrl: `${server.url}/token`,
    scope: 'read write',
    audience: 'api',
  });
  expect(token).toEqual({
    accessToken: 'at-123',
    tokenType: 'bearer',
    expiresAt: clock.now() + 3_600_000,
    scope: 'read write',
  });
  const form = new URLSearchParams(server.requests[0].body.toString());
  expect(Object.fromEntries(form)).toEqual({
    grant_type: 'client_credentials',
    scope: 'read write',
    audience: 'api',
  });
  expect(server.requests).toHaveLength(1);
});

test('falls back to credentials in the body when the server rejects Basic', async () => {
  acceptsBasic = false;
  const token = await fetchOAuth2ClientCredentialsToken({ ...options, tokenUrl: `${server.url}/token` });
  expect(token.accessToken).toBe('at-123');
  expect(server.requests).toHaveLength(2);
  expect(server.requests[1].headers.authorization).toBeUndefined();
});

test('a rejected client is an AccountValidationError without the secret', async () => {
  const err = (await fetchOAuth2ClientCredentialsToken({
    ...options,
    clientSecret: 'wrong-secret-value',
    tokenUrl: `${server.url}/token`,
  }).catch((e: unknown) => e)) as ModuleError;
  expect(err).toMatchObject({ kind: 'user', type: 'AccountValidationError', status: 401 });
  expect(err.message).toBe(`the token request to ${server.url}/token failed with 401: bad client ***`);
});

test('a response without access_token and missing settings are clear errors', async () => {
  await expect(
    fetchOAuth2ClientCredentialsToken({ ...options, tokenUrl: `${server.url}/nothing` }),
  ).rejects.toMatchObject({ status: 404 });
  await expect(fetchOAuth2ClientCredentialsToken({ ...options, tokenUrl: '' })).rejects.toMatchObject({
    field: 'tokenUrl',
    message: 'tokenUrl: is required to fetch an access token',
  });
  const empty = await startServer((_req, res) => json(res, 200, { token_type: 'bearer' }));
  try {
    await expect(fetchOAuth2ClientCredentialsToken({ ...options, tokenUrl: empty.url })).rejects.toThrow(
      'the token response has no access_token (got token_type)',
    );
  } finally {
    await empty.close();
  }
});
