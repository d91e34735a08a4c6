import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { MailInboundService } from '../../apps/api/src/webhooks/mail-inbound.service';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// Custom mailhooks: real mail over loopback to the API's inbound SMTP listener starts the
// scenario with the mail's fields, attachments as binary data.

const DOMAIN = 'hooks.test';

describe.each(databaseTargets())('mailhooks on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp(target, { smtpInbound: { port: 0, host: '127.0.0.1', domain: DOMAIN } });
    h = auth(t.token);
    port = t.app.get(MailInboundService).port!;
  });
  afterAll(() => t?.close());

  const transport = () =>
    createTransport({
      host: '127.0.0.1',
      port,
      secure: false,
      ignoreTLS: true,
      tls: { rejectUnauthorized: false },
    });

  async function waitForRun(scenarioId: number) {
    for (let i = 0; i < 500; i++) {
      const { body } = await t.http().get(`/api/executions?scenarioId=${scenarioId}`).set(h);
      const done = body.items.find(
        (e: { status: string }) => e.status !== 'queued' && e.status !== 'running',
      );
      if (done) return (await t.http().get(`/api/executions/${done.id}`).set(h)).body;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error('the run did not finish');
  }

  test('a mail to the hook address runs the scenario with its fields and attachment', async () => {
    const { body: hook } = await t
      .http()
      .post('/api/hooks')
      .set(h)
      .send({ name: 'Inbox', kind: 'mail' })
      .expect(201);
    expect(hook.kind).toBe('mail');
    expect(hook.address).toMatch(new RegExp(`^[0-9a-f]{40}@${DOMAIN}$`));
    expect(hook.url).toBe(`mailto:${hook.address}`);
    expect(hook.notice).toBeUndefined();
    const blueprint = {
      flow: [
        { id: 1, module: 'gateway:CustomMailHook', version: 1, parameters: { hook: hook.id, maxResults: 1 } },
        {
          id: 2,
          module: 'util:SetVariable2',
          mapper: {
            name: 'summary',
            value: '{{1.sender.email}}|{{1.subject}}|{{1.to[0].email}}|{{1.cc[0].email}}',
          },
        },
        { id: 3, module: 'builtin:BasicFeeder', mapper: { array: '{{1.attachments}}' } },
      ],
      metadata: {},
    };
    const { body: scenario } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Mail in', blueprint })
      .expect(201);
    await t.http().post(`/api/scenarios/${scenario.id}/activate`).set(h).expect(200);

    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 10, 13]);
    const info = await transport().sendMail({
      from: 'Ada <ada@example.com>',
      to: hook.address.toUpperCase(), // the local part may arrive in upper case
      cc: 'carl@example.com',
      subject: 'Order 42',
      text: 'Please ship it.',
      html: '<p>Please ship it.</p>',
      headers: { 'X-Order': '42' },
      attachments: [
        { filename: 'order.bin', content: bytes },
        { filename: 'big.bin', content: Buffer.alloc(20_000, 7) },
      ],
    });
    expect(info.accepted).toHaveLength(1);

    const run = await waitForRun(scenario.id);
    expect(run.status).toBe('success');
    const out = (id: number) => run.modules.find((m: { id: number }) => m.id === id).ops[0].output;
    expect(out(2)[0]).toMatchObject({
      summary: `ada@example.com|Order 42|${hook.address.toUpperCase().replace(DOMAIN.toUpperCase(), DOMAIN)}|carl@example.com`,
    });
    const trigger = out(1)[0];
    expect(trigger).toMatchObject({
      sender: { name: 'Ada', email: 'ada@example.com' },
      subject: 'Order 42',
      text: expect.stringContaining('Please ship it.'),
      html: '<p>Please ship it.</p>',
      headers: expect.objectContaining({ 'x-order': '42' }),
    });
    expect(Date.parse(trigger.date)).not.toBeNaN();
    const sha1 = createHash('sha1').update(bytes).digest('hex');
    // The attachment is binary data (shown as a placeholder in the log), one bundle per file.
    expect(out(3)).toHaveLength(2);
    // The history shows the stored input capped: never the whole base64 of an attachment.
    const shown = run.input.attachments[1].contentBase64 as string;
    expect(shown.length).toBeLessThan(10_100);
    expect(shown).toMatch(/… \(26668 characters\)$/);
    expect(out(3)[0]).toMatchObject({
      fileName: 'order.bin',
      size: bytes.length,
      data: `IMTBuffer(${bytes.length}, binary, ${sha1})`,
    });
  });

  test('without the listener a mailhook says that its mail is not received', async () => {
    const off = await startTestApp(target);
    try {
      const { body } = await off
        .http()
        .post('/api/hooks')
        .set(auth(off.token))
        .send({ name: 'Off', kind: 'mail' })
        .expect(201);
      expect(body.notice).toMatch(/INTEGRATOR_SMTP_INBOUND_PORT/);
      expect(off.app.get(MailInboundService).port).toBeUndefined();
      await off.http().post('/api/hooks').set(auth(off.token)).send({ name: 'Bad', kind: 'fax' }).expect(400);
    } finally {
      await off.close();
    }
  });

  test('unknown addresses and other domains are refused with 550; the HTTP address of a mailhook does not exist', async () => {
    const { body: hook } = await t
      .http()
      .post('/api/hooks')
      .set(h)
      .send({ name: 'Other', kind: 'mail' })
      .expect(201);
    const unknown = await transport()
      .sendMail({ from: 'a@example.com', to: `${'0'.repeat(40)}@${DOMAIN}`, subject: 'x', text: 'x' })
      .catch((e: { responseCode?: number; message: string }) => e);
    expect(unknown).toMatchObject({ responseCode: 550 });
    const relay = await transport()
      .sendMail({ from: 'a@example.com', to: 'someone@elsewhere.example', subject: 'x', text: 'x' })
      .catch((e: { responseCode?: number }) => e);
    expect(relay).toMatchObject({ responseCode: 550 });
    const token = hook.address.split('@')[0];
    await t.http().post(`/hooks/${token}`).send({}).expect(404);
  });

  test('a mail larger than the hook takes is refused with 552 and nothing is stored', async () => {
    const { body: hook } = await t
      .http()
      .post('/api/hooks')
      .set(h)
      .send({ name: 'Small', kind: 'mail', maxBodyBytes: 2048 })
      .expect(201);
    const err = await transport()
      .sendMail({ from: 'a@example.com', to: hook.address, subject: 'big', text: 'x'.repeat(5000) })
      .catch((e: { responseCode?: number }) => e);
    expect(err).toMatchObject({ responseCode: 552 });
    const { body: queue } = await t.http().get(`/api/hooks/${hook.id}/queue`).set(h).expect(200);
    expect(queue.total).toBe(0);
  });

  test('a mail to a hook whose scenario is off is stored before the 250 and waits in its queue', async () => {
    const { body: hook } = await t
      .http()
      .post('/api/hooks')
      .set(h)
      .send({ name: 'Queued', kind: 'mail' })
      .expect(201);
    await transport().sendMail({ from: 'a@example.com', to: hook.address, subject: 'kept', text: 'x' });
    const { body: queue } = await t.http().get(`/api/hooks/${hook.id}/queue`).set(h).expect(200);
    expect(queue.total).toBe(1);
    expect(queue.items[0].payload).toMatchObject({ subject: 'kept', sender: { email: 'a@example.com' } });
  });
});
