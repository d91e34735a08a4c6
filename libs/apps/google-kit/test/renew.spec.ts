import { createHttpClientFactory, FakeClock } from '@integrator/engine';
import { cliConnectionStore } from '../../../../apps/cli/src/connections';
import { googleConnectionType } from '../src';
import { CLIENT_ID, CLIENT_SECRET, startFakeGoogleAuth, type FakeGoogleAuth } from './fake-google-auth';

// A stored access token Google no longer takes (revoked, or expired before its expires_in): the
// HTTP client asks the runtime for a fresh one once and sends the request again. The CLI's
// connection store is the runtime here; the server's ConnectionsService.refresh does the same.

const registry = { connectionType: (key: string) => (key === 'google' ? googleConnectionType : undefined) };
const far = Date.UTC(2030, 0, 1);

let fake: FakeGoogleAuth;
beforeEach(async () => {
  fake = await startFakeGoogleAuth('unused');
});
afterEach(() => fake.close());

async function setup(withRefresh = true) {
  const refreshToken = '1//known';
  fake.refreshTokens.set(refreshToken, 'https://www.googleapis.com/auth/drive');
  const entries = {
    g: {
      type: 'google',
      expiresAt: far,
      credentials: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        apps: ['drive'],
        tokenUrl: `${fake.url}/token`,
        baseUrl: fake.url,
        accessToken: 'ya29.revoked',
        refreshToken,
      },
    },
  };
  const store = cliConnectionStore(entries, registry, () => Date.UTC(2026, 0, 1));
  const factory = createHttpClientFactory({
    registry,
    clock: new FakeClock(0, { autoAdvance: true }),
    refreshConnection: withRefresh ? store.refresh : undefined,
  });
  const connection = await store.resolve('g');
  return { store, http: factory(connection, 2), next: () => factory(connection, 3) };
}

test('a 401 renews the token once and repeats the request; later requests and modules use the new token', async () => {
  const { store, http } = await setup();
  const res = await http.request({ url: '/drive/v3/about', query: { fields: 'user' } });
  expect(res.status).toBe(200);
  expect(fake.requests.map((r) => `${r.method} ${r.url.split('?')[0]}`)).toEqual([
    'GET /drive/v3/about',
    'POST /token',
    'GET /drive/v3/about',
  ]);
  expect(fake.requests[0].headers.authorization).toBe('Bearer ya29.revoked');
  expect(fake.requests[1].form?.get('grant_type')).toBe('refresh_token');
  const fresh = fake.requests[2].headers.authorization;
  expect(fresh).toMatch(/^Bearer ya29\.[0-9a-f]+$/);

  await http.request({ url: '/drive/v3/about', query: { fields: 'user' } });
  expect(fake.requests).toHaveLength(4);
  expect(fake.requests[3].headers.authorization).toBe(fresh);
  expect(`Bearer ${String((await store.resolve('g')).credentials.accessToken)}`).toBe(fresh);
});

test('a module after the one that renewed the token sends the new one (no second 401)', async () => {
  const { http, next } = await setup();
  await http.request({ url: '/drive/v3/about', query: { fields: 'user' } });
  const fresh = fake.requests[2].headers.authorization;
  await next().request({ url: '/drive/v3/about', query: { fields: 'user' } });
  expect(fake.requests.map((r) => r.url.split('?')[0])).toEqual([
    '/drive/v3/about',
    '/token',
    '/drive/v3/about',
    '/drive/v3/about',
  ]);
  expect(fake.requests[3].headers.authorization).toBe(fresh);
});

test('only once: a second 401 is the answer, an account error', async () => {
  const { http } = await setup();
  fake.disabled = true;
  await expect(http.request({ url: '/drive/v3/about', query: { fields: 'user' } })).rejects.toMatchObject({
    type: 'AccountValidationError',
    status: 401,
  });
  expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'GET']);
});

test('a refresh the token endpoint refuses fails the request with its reason', async () => {
  const { http } = await setup();
  fake.refreshTokens.clear();
  await expect(http.request({ url: '/drive/v3/about', query: { fields: 'user' } })).rejects.toThrow(
    'invalid_grant',
  );
});

test('without a way to renew (or with auth off) the 401 is answered as it is', async () => {
  const { http } = await setup(false);
  await expect(http.request({ url: '/drive/v3/about', query: { fields: 'user' } })).rejects.toMatchObject({
    status: 401,
  });
  const renewing = (await setup()).http;
  const res = await renewing.request({
    url: '/drive/v3/about',
    query: { fields: 'user' },
    auth: false,
    throwOnError: false,
  });
  expect(res.status).toBe(401);
  expect(fake.requests.filter((r) => r.url === '/token')).toHaveLength(0);
});

test('a runtime that cannot renew (a plain error) fails the request as an account error', async () => {
  const factory = createHttpClientFactory({
    registry,
    clock: new FakeClock(0, { autoAdvance: true }),
    refreshConnection: () => Promise.reject(new Error('the connection needs to be authorised again')),
  });
  const http = factory(
    {
      id: 'g',
      type: 'google',
      credentials: { baseUrl: fake.url, accessToken: 'ya29.revoked', apps: ['drive'] },
    },
    2,
  );
  await expect(http.request({ url: '/drive/v3/about', query: { fields: 'user' } })).rejects.toMatchObject({
    type: 'AccountValidationError',
    status: 401,
    message: 'the service refused the access token (401): the connection needs to be authorised again',
  });
});
