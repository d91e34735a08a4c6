import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSmtp, type FakeSmtp } from '../../libs/apps/email/test/smtp-fake';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type CapturedLogs, type TestApp } from '../support/app';

// Through the API: an SMTP connection is verified by logging in and sends real mail from a
// scenario; a Make export of an authenticated HTTP module imports with the connection to choose.

const PASSWORD = 'smtp-PLANTED-9d2c';

describe.each(databaseTargets())('email and authenticated HTTP imports on $name', (target) => {
  let t: TestApp & { logs: CapturedLogs };
  let h: Record<string, string>;
  let smtp: FakeSmtp;
  beforeAll(async () => {
    t = await startTestApp(target);
    h = auth(t.token);
    smtp = await startSmtp({ user: 'robot@example.com', pass: PASSWORD });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const smtpCredentials = (password: string) => ({
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: 'robot@example.com',
    password,
    from: 'Robot <robot@example.com>',
  });

  test('an SMTP connection is verified by logging in and sends mail from a scenario; its password stays secret', async () => {
    const { body: bad } = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({ name: 'Wrong', type: 'smtp', credentials: smtpCredentials('wrong-password') })
      .expect(201);
    const refused = await t.http().post(`/api/connections/${bad.id}/verify`).set(h).expect(200);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.message).toMatch(/login/);

    const { body: conn } = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({ name: 'Mail', type: 'smtp', credentials: smtpCredentials(PASSWORD) })
      .expect(201);
    expect(conn.secretsSet).toEqual(['password']);
    expect((await t.http().post(`/api/connections/${conn.id}/verify`).set(h).expect(200)).body).toEqual({
      ok: true,
    });

    const blueprint = {
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', parameters: {} },
        {
          id: 2,
          module: 'email:ActionSendEmail',
          version: 7,
          parameters: { connection: conn.id },
          mapper: {
            to: ['{{1.email}}'],
            subject: 'Welcome {{1.name}}',
            contentType: 'text',
            text: 'Hi {{1.name}}',
          },
        },
      ],
      metadata: {},
    };
    const { body: scenario } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Welcome', blueprint })
      .expect(201);
    expect(scenario.issues).toEqual([]);
    const run = await t
      .http()
      .post(`/api/scenarios/${scenario.id}/run`)
      .set(h)
      .send({ input: { email: 'ada@example.com', name: 'Ada' } })
      .expect(201);
    expect(run.body.status).toBe('success');
    const mail = smtp.mails.at(-1)!;
    expect(mail.recipients).toEqual(['ada@example.com']);
    expect(mail.parsed.subject).toBe('Welcome Ada');
    expect(mail.user).toBe('robot@example.com');
    expect(JSON.stringify(run.body)).not.toContain(PASSWORD);
    expect(t.logs.lines.join('\n')).not.toContain(PASSWORD);
  });

  test('a client-certificate connection keeps its key secret and verifies that key and passphrase fit the certificate', async () => {
    const pem = (name: string) =>
      readFileSync(join(__dirname, '../../libs/apps/http/test/fixtures/tls', name), 'utf8');
    const create = async (passphrase: string) =>
      (
        await t
          .http()
          .post('/api/connections')
          .set(h)
          .send({
            name: `Cert ${passphrase}`,
            type: 'clientCertificate',
            credentials: { cert: pem('client.pem'), key: pem('client.key'), passphrase },
          })
          .expect(201)
      ).body;
    const wrong = await create('not-it');
    expect(wrong.secretsSet.sort()).toEqual(['key', 'passphrase']);
    expect(JSON.stringify(wrong)).not.toContain('PRIVATE KEY');
    const refused = await t.http().post(`/api/connections/${wrong.id}/verify`).set(h).expect(200);
    expect(refused.body).toMatchObject({ ok: false, message: expect.stringMatching(/passphrase/) });
    const good = await create('test-passphrase');
    expect((await t.http().post(`/api/connections/${good.id}/verify`).set(h).expect(200)).body).toEqual({
      ok: true,
    });
  });

  test("a Make export's API-key request module imports needing a connection; the report names its type", async () => {
    const exported = {
      name: 'From Make',
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: { __IMTHOOK__: 4 } },
        {
          id: 2,
          module: 'http:ActionSendDataAPIKeyAuth',
          version: 3,
          parameters: { auth: 55, handleErrors: true },
          mapper: { url: 'https://api.example.com/items', method: 'get' },
        },
        {
          id: 3,
          module: 'email:ActionSendEmail',
          version: 7,
          parameters: { account: 9, saveAfterSent: true },
          mapper: { to: ['a@example.com'], subject: 'x', contentType: 'text', text: 'y' },
        },
      ],
      metadata: { zone: 'eu1.make.com' },
    };
    const { body } = await t
      .http()
      .post('/api/scenarios/import')
      .set(h)
      .send({ blueprint: exported })
      .expect(201);
    expect(body.report.connectionsToChoose).toEqual([
      {
        id: 2,
        module: 'http:MakeRequest',
        path: 'flow[1]',
        types: ['apiKey'],
        makeParameter: 'parameters.auth',
        makeModule: 'http:ActionSendDataAPIKeyAuth',
      },
      {
        id: 3,
        module: 'email:ActionSendEmail',
        path: 'flow[2]',
        types: ['smtp'],
        makeParameter: 'parameters.account',
      },
    ]);
    expect(body.report.notes.join('\n')).toMatch(/saveAfterSent/);
  });
});
