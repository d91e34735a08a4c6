import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// A local OAuth2 provider: client credentials, authorization code and refresh grants, and an
// API that accepts only tokens it issued.
class FakeProvider {
  server!: Server;
  url = '';
  /** Token -> a label for it (the API answers with the label: echoing a token gets it masked). */
  issued = new Map<string, string>();
  grants: string[] = [];
  refuse = false;
  private n = 0;

  async start() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const send = (status: number, data: unknown) =>
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(data));
        if (req.url === '/token') {
          const form = new URLSearchParams(body);
          const grant = form.get('grant_type') ?? '';
          this.grants.push(grant);
          if (this.refuse) return send(400, { error: 'invalid_grant' });
          if (grant === 'authorization_code' && form.get('code') !== 'good-code')
            return send(400, { error: 'invalid_grant' });
          const label = `${grant}-${++this.n}`;
          const token = `tok-${Math.random().toString(36).slice(2)}`;
          this.issued.set(token, label);
          return send(200, {
            access_token: token,
            token_type: 'Bearer',
            expires_in: 3600,
            ...(grant !== 'client_credentials' ? { refresh_token: `refresh-${this.n}` } : {}),
          });
        }
        const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
        if (!this.issued.has(token)) return send(401, { error: 'bad token' });
        return send(200, { token: this.issued.get(token) });
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
}

describe.each(databaseTargets())('OAuth2 connections on $name', (target) => {
  let now = Date.parse('2026-02-01T10:00:00Z');
  let t: TestApp;
  let h: Record<string, string>;
  const provider = new FakeProvider();
  beforeAll(async () => {
    await provider.start();
    t = await startTestApp(target, { now: () => now, sessionHours: 24 * 365 });
    h = auth(t.token);
  });
  afterAll(async () => {
    await t?.close();
    provider.server?.close();
  });

  async function runWith(connectionId: number) {
    const flow = [
      {
        id: 1,
        module: 'http:MakeRequest',
        version: 4,
        parameters: { connection: connectionId },
        mapper: { url: `${provider.url}/things`, retries: 0 },
      },
    ];
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: `uses ${connectionId}`, blueprint: { flow } })
      .expect(201);
    return (await t.http().post(`/api/scenarios/${s.id}/run`).set(h).send({}).expect(201)).body;
  }
  const statusOf = async (id: number) =>
    (await t.http().get(`/api/connections/${id}`).set(h).expect(200)).body;

  test('client credentials: a token is fetched, reused, refreshed before it expires; a refusal asks for reauthorisation', async () => {
    provider.refuse = false;
    const { body: c } = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({
        name: 'CC',
        type: 'oauth2ClientCredentials',
        credentials: { tokenUrl: `${provider.url}/token`, clientId: 'app', clientSecret: 'shh' },
      })
      .expect(201);
    expect((await runWith(c.id)).modules[0].ops[0].output[0].data).toEqual({ token: 'client_credentials-1' });
    expect((await runWith(c.id)).modules[0].ops[0].output[0].data).toEqual({ token: 'client_credentials-1' });
    now += 56 * 60_000; // inside the five-minute margin before expiry
    // -2 was the check's own token when the connection was saved.
    expect((await runWith(c.id)).modules[0].ops[0].output[0].data).toEqual({ token: 'client_credentials-3' });
    expect((await statusOf(c.id)).secretsSet).toEqual(
      expect.arrayContaining(['clientSecret', 'accessToken']),
    );

    provider.refuse = true;
    now += 60 * 60_000;
    const failed = await runWith(c.id);
    expect(failed).toMatchObject({ status: 'error', error: { type: 'AccountValidationError' } });
    expect(failed.error.message).toMatch(/needs to be authorised again/);
    expect((await statusOf(c.id)).status).toBe('reauthorize');
  });

  test('authorization code: authorise in the browser, tokens from the callback, refresh, and reauthorise after a failed refresh', async () => {
    provider.refuse = false;
    const { body: c } = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({
        name: 'AC',
        type: 'oauth2AuthorizationCode',
        credentials: {
          authorizeUrl: `${provider.url}/authorize`,
          tokenUrl: `${provider.url}/token`,
          clientId: 'web',
          clientSecret: 'shh',
          scope: 'read',
        },
      })
      .expect(201);
    const authorize = async () => {
      const { body } = await t.http().post(`/api/connections/${c.id}/authorize`).set(h).expect(200);
      const url = new URL(body.url);
      expect(url.origin + url.pathname).toBe(`${provider.url}/authorize`);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        response_type: 'code',
        client_id: 'web',
        scope: 'read',
        redirect_uri: expect.stringMatching(/\/api\/oauth\/callback$/),
      });
      // The provider sends the browser back with a code:
      const back = await t
        .http()
        .get(`/api/oauth/callback?code=good-code&state=${encodeURIComponent(url.searchParams.get('state')!)}`)
        .expect(303);
      expect(back.headers.location).toBe(`/#/connections?authorized=${c.id}`);
    };
    await authorize();
    expect((await statusOf(c.id)).status).toBe('ok');
    const first = (await runWith(c.id)).modules[0].ops[0].output[0].data.token;
    expect(first).toMatch(/^authorization_code-/);

    now += 57 * 60_000;
    expect((await runWith(c.id)).modules[0].ops[0].output[0].data.token).toMatch(/^refresh_token-/);

    // A token the provider stopped taking before its expiry: the 401 renews it once, the run goes on.
    provider.issued.clear();
    const renewed = await runWith(c.id);
    expect(renewed.status).toBe('success');
    expect(renewed.modules[0].ops[0].output[0].data.token).toMatch(/^refresh_token-/);
    expect(provider.grants.at(-1)).toBe('refresh_token');

    provider.refuse = true;
    now += 61 * 60_000;
    expect((await runWith(c.id)).status).toBe('error');
    expect((await statusOf(c.id)).status).toBe('reauthorize');
    provider.refuse = false;
    await authorize();
    expect((await runWith(c.id)).status).toBe('success');

    await t.http().get('/api/oauth/callback?code=good-code&state=forged.state').expect(400);
  });
});
