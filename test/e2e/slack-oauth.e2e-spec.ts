import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';
import { OAUTH, startFakeSlack, type FakeSlack } from '../../libs/apps/slack/test/fake-slack';

// The Slack connection authorised the way a person does it: "Authorise" gives Slack's
// /oauth/v2/authorize URL with the bot scopes, Slack sends the browser back with a code, the
// server trades it at oauth.v2.access (whose failures are HTTP 200 { ok: false }) and the stored
// bot token then works for modules and the connection check (auth.test).

describe.each(databaseTargets())('Slack OAuth 2.0 on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  let slack: FakeSlack;
  beforeAll(async () => {
    slack = await startFakeSlack();
    t = await startTestApp(target);
    h = auth(t.token);
  });
  afterAll(async () => {
    await t?.close();
    await slack?.close();
  });

  test('authorise in the browser, the code becomes the bot token; a refused code is shown, not stored', async () => {
    const { body: c } = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({
        name: 'Slack',
        type: 'slack',
        credentials: {
          clientId: OAUTH.clientId,
          clientSecret: OAUTH.clientSecret,
          baseUrl: `${slack.url}/api`,
        },
      })
      .expect(201);
    const start = async () => {
      const { body } = await t.http().post(`/api/connections/${c.id}/authorize`).set(h).expect(200);
      const url = new URL(body.url);
      expect(url.origin + url.pathname).toBe(`${slack.url}/oauth/v2/authorize`);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        client_id: OAUTH.clientId,
        scope: 'chat:write,channels:read,groups:read,im:read,mpim:read',
        redirect_uri: expect.stringMatching(/\/api\/oauth\/callback$/),
      });
      return encodeURIComponent(url.searchParams.get('state')!);
    };
    const refused = await t
      .http()
      .get(`/api/oauth/callback?code=stale&state=${await start()}`)
      .expect(502);
    expect(refused.text).toContain('invalid_code');
    expect((await t.http().get(`/api/connections/${c.id}`).set(h)).body.secretsSet).not.toContain(
      'accessToken',
    );

    await t
      .http()
      .get(`/api/oauth/callback?code=${OAUTH.code}&state=${await start()}`)
      .expect(303);
    const view = (await t.http().get(`/api/connections/${c.id}`).set(h)).body;
    expect(view).toMatchObject({ status: 'ok', secretsSet: expect.arrayContaining(['accessToken']) });
    expect(JSON.stringify(view)).not.toContain('xoxb-issued');
    const verified = await t.http().post(`/api/connections/${c.id}/verify`).set(h).expect(200);
    expect(verified.body).toEqual({ ok: true });
    expect(slack.requests.at(-1)).toMatchObject({ url: '/api/auth.test' });
    expect(slack.requests.at(-1)!.headers.authorization).toBe(`Bearer ${slack.issued[0]}`);

    // Adding the signing secret later (for Watch events) keeps the authorisation: Slack's bot
    // token has no refresh token, so dropping it would leave nothing to call with.
    const edited = await t
      .http()
      .put(`/api/connections/${c.id}`)
      .set(h)
      .send({ credentials: { signingSecret: 'sign-shh' } })
      .expect(200);
    expect(edited.body.secretsSet).toEqual(expect.arrayContaining(['accessToken', 'signingSecret']));
    expect((await t.http().post(`/api/connections/${c.id}/verify`).set(h).expect(200)).body).toEqual({
      ok: true,
    });
    expect(slack.requests.at(-1)!.headers.authorization).toBe(`Bearer ${slack.issued[0]}`);
  });

  test('authorising a connection without a client ID is refused naming the field', async () => {
    const { body: c } = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({
        name: 'Pasted',
        type: 'slack',
        credentials: { token: 'xoxb-1-2-abc', baseUrl: `${slack.url}/api` },
      })
      .expect(201);
    const res = await t.http().post(`/api/connections/${c.id}/authorize`).set(h).expect(400);
    expect(JSON.stringify(res.body)).toContain('clientId');
  });
});
