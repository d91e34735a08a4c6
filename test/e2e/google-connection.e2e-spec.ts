import { generateKeyPairSync } from 'node:crypto';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  SERVICE_EMAIL,
  startFakeGoogleAuth,
  type FakeGoogleAuth,
} from '../../libs/apps/google-kit/test/fake-google-auth';

// The Google connection through the server: the authorize URL asks offline access with consent,
// the callback's code is exchanged, a run renews a revoked token on Google's 401, and a service
// account's signed assertion is traded for a token when the connection is verified.

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

describe.each(databaseTargets())('Google connections on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  let google: FakeGoogleAuth;
  beforeAll(async () => {
    // Each supertest call listens on its own port: the public URL keeps the redirect URI one.
    process.env.INTEGRATOR_PUBLIC_URL = 'https://integrator.test';
    google = await startFakeGoogleAuth(publicKey);
    t = await startTestApp(target);
    h = auth(t.token);
  });
  afterAll(async () => {
    delete process.env.INTEGRATOR_PUBLIC_URL;
    await t?.close();
    await google?.close();
  });

  async function aboutRun(connectionId: number) {
    const flow = [
      {
        id: 1,
        module: 'google-drive:makeApiCall',
        version: 1,
        parameters: { connection: connectionId },
        mapper: { url: '/about', method: 'GET', query: [{ key: 'fields', value: 'user' }] },
      },
    ];
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: `about ${connectionId}`, blueprint: { flow } })
      .expect(201);
    return (await t.http().post(`/api/scenarios/${s.id}/run`).set(h).send({}).expect(201)).body;
  }

  test('the Google types are listed once, though Drive and Gmail both declare them', async () => {
    const { body } = await t.http().get('/api/connection-types').set(h).expect(200);
    const keys = (body as Array<{ key: string }>).map((x) => x.key);
    expect(keys.filter((k) => k === 'google')).toHaveLength(1);
    expect(keys.filter((k) => k === 'google-service-account')).toHaveLength(1);
  });

  test('OAuth 2.0: offline consent, code exchange, verify, and a revoked token renewed on the 401', async () => {
    const { body: c } = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({
        name: 'Google',
        type: 'google',
        credentials: {
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          apps: ['drive'],
          authorizeUrl: `${google.url}/o/oauth2/v2/auth`,
          tokenUrl: `${google.url}/token`,
          baseUrl: google.url,
        },
      })
      .expect(201);
    const { body } = await t.http().post(`/api/connections/${c.id}/authorize`).set(h).expect(200);
    const url = new URL(body.url);
    expect(url.origin + url.pathname).toBe(`${google.url}/o/oauth2/v2/auth`);
    const params = Object.fromEntries(url.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      scope: 'https://www.googleapis.com/auth/drive',
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
    });
    // Google's consent screen sends the browser back with a code for this redirect URI:
    const code = google.issueCode(params.redirect_uri, params.scope);
    const back = await t
      .http()
      .get(`/api/oauth/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(params.state)}`);
    expect(back.status).toBe(303);
    expect(params.redirect_uri).toBe('https://integrator.test/api/oauth/callback');
    // The tokens are no fields of the type, yet the connection says they are set (never their values).
    const { body: stored } = await t.http().get(`/api/connections/${c.id}`).set(h).expect(200);
    expect(stored.secretsSet).toEqual(['clientSecret', 'accessToken', 'refreshToken']);
    expect(JSON.stringify(stored)).not.toContain('ya29.');
    expect((await t.http().post(`/api/connections/${c.id}/verify`).set(h).expect(200)).body).toEqual({
      ok: true,
    });

    const ok = await aboutRun(c.id);
    expect(ok.status).toBe('success');
    expect(ok.modules[0].ops[0].output[0].body.user.emailAddress).toBe('ann@example.com');

    for (const token of [...google.accessTokens.keys()]) google.revoke(token);
    const renewed = await aboutRun(c.id);
    expect(renewed.status).toBe('success');
    expect(google.requests.at(-2)!.form?.get('grant_type')).toBe('refresh_token');
  });

  test('service account: the signed assertion is traded on verify; the key stays secret', async () => {
    const key = JSON.stringify({
      type: 'service_account',
      client_email: SERVICE_EMAIL,
      private_key: privateKey,
      private_key_id: 'k1',
      token_uri: `${google.url}/token`,
    });
    const signed = google.assertions.length;
    const { body: c } = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({
        name: 'Robot',
        type: 'google-service-account',
        credentials: { serviceAccountKey: key, apps: ['drive'], baseUrl: google.url },
      })
      .expect(201);
    expect(JSON.stringify(c)).not.toContain('PRIVATE KEY');
    // One type serves Sheets, Drive and Gmail: shown by its own name, not as one app's.
    expect(c.typeLabel).toBe('Google (service account)');
    // Checked on save: the assertion is signed and traded then.
    expect(c.status).toBe('ok');
    expect(google.assertions.length).toBe(signed + 1);
    expect((await t.http().post(`/api/connections/${c.id}/verify`).set(h).expect(200)).body).toEqual({
      ok: true,
    });
    expect((await aboutRun(c.id)).status).toBe('success');
    // The token is cached until it nears expiry: verify and the run signed no new assertion.
    expect(google.assertions.length).toBe(signed + 1);

    // Changed credentials (here the apps, so the scopes): the token of the old ones is dropped,
    // and no token ever shows among the plain values.
    const { body: updated } = await t
      .http()
      .put(`/api/connections/${c.id}`)
      .set(h)
      .send({ credentials: { apps: ['drive', 'gmail'] } })
      .expect(200);
    expect(Object.keys(updated.values).sort()).toEqual(['apps', 'baseUrl']);
    expect((await t.http().post(`/api/connections/${c.id}/verify`).set(h).expect(200)).body).toEqual({
      ok: true,
    });
    expect(google.assertions.at(-1)!.claims.scope).toContain('gmail.modify');
  });
});
