import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinApps } from '@integrator/apps/builtin';
import { httpApp } from '@integrator/apps/http';
import {
  compileBlueprint,
  FakeClock,
  importBlueprint,
  ModuleRegistry,
  runScenario,
  type Blueprint,
} from '@integrator/engine';
import type { ResolvedConnection } from '@integrator/sdk';
import { emailApp, smtpConnection } from '../src';
import { startSmtp, type FakeSmtp } from './smtp-fake';

// Send an email: real mail over loopback to an SMTP server that demands a login, read back
// with mailparser.

const registry = new ModuleRegistry([...builtinApps, httpApp, emailApp]);
const USER = { user: 'mailer@example.com', pass: 'smtp-Pa$$word' };
let smtp: FakeSmtp;
beforeAll(async () => (smtp = await startSmtp(USER)));
afterAll(() => smtp.close());
beforeEach(() => (smtp.mails.length = 0));

const account = (extra: Record<string, unknown> = {}): ResolvedConnection => ({
  id: 'smtp-1',
  type: 'smtp',
  credentials: {
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    user: USER.user,
    password: USER.pass,
    from: 'Team <team@example.com>',
    ...extra,
  },
});

async function send(mapper: Record<string, unknown>, input: unknown = {}, connection = account()) {
  const blueprint: Blueprint = {
    name: 'mail',
    flow: [
      { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: {} },
      { id: 2, module: 'email:ActionSendEmail', version: 7, parameters: { connection: 'smtp-1' }, mapper },
    ],
    metadata: {},
  };
  const compiled = compileBlueprint(blueprint, registry);
  if (compiled.issues.length) throw new Error(JSON.stringify(compiled.issues));
  const result = await runScenario(compiled, {
    input,
    clock: new FakeClock(Date.UTC(2026, 0, 1), { autoAdvance: true }),
    connections: async () => connection,
  });
  return { result, op: result.modules.find((m) => m.id === 2)!.ops[0] };
}

test('an HTML mail with cc, bcc, an attachment, headers and threading arrives as sent, after a login', async () => {
  const pdf = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
  const { op } = await send(
    {
      to: ['Ada <ada@example.com>', '{{1.extra}}'],
      cc: ['carl@example.com'],
      bcc: ['hidden@example.com'],
      subject: 'Invoice {{1.number}}',
      contentType: 'html',
      html: '<p>Hello <b>{{1.name}}</b></p><img src="cid:logo">',
      attachments: [
        { fileName: 'invoice.pdf', data: '{{1.file}}' },
        { fileName: 'logo.txt', data: 'LOGO', cid: 'logo' },
      ],
      replyTo: 'support@example.com',
      sender: 'robot@example.com',
      inReplyTo: '<parent@example.com>',
      references: ['<root@example.com>', '<parent@example.com>'],
      priority: 'high',
      headers: [{ name: 'X-Campaign', value: 'spring' }],
    },
    { extra: 'bob@example.com', number: 42, name: 'Ada', file: pdf },
  );
  expect(op.error).toBeUndefined();
  expect(op.output?.[0]).toMatchObject({
    accepted: ['ada@example.com', 'bob@example.com', 'carl@example.com', 'hidden@example.com'],
  });
  expect(smtp.mails).toHaveLength(1);
  const mail = smtp.mails[0];
  expect(mail.user).toBe(USER.user);
  expect(mail.from).toBe('team@example.com');
  expect(mail.recipients.sort()).toEqual([
    'ada@example.com',
    'bob@example.com',
    'carl@example.com',
    'hidden@example.com',
  ]);
  const p = mail.parsed;
  expect(p.subject).toBe('Invoice 42');
  expect(p.html).toContain('<p>Hello <b>Ada</b></p>');
  expect(p.from?.value).toEqual([{ name: 'Team', address: 'team@example.com' }]);
  expect(p.headers.get('sender')).toMatchObject({ text: 'robot@example.com' });
  expect(p.replyTo?.text).toBe('support@example.com');
  expect(p.inReplyTo).toBe('<parent@example.com>');
  expect(p.references).toEqual(['<root@example.com>', '<parent@example.com>']);
  expect(mail.raw.toString()).toMatch(/^X-Priority: 1/m);
  expect(mail.raw.toString()).toMatch(/^Importance: High/m);
  expect(p.headers.get('x-campaign')).toBe('spring');
  // Bcc recipients get the mail but are not in its headers.
  expect(mail.raw.toString()).not.toContain('hidden@example.com');
  const invoice = p.attachments.find((a) => a.filename === 'invoice.pdf')!;
  const logo = p.attachments.find((a) => a.filename === 'logo.txt')!;
  expect(p.attachments).toHaveLength(2);
  expect(invoice.content.equals(pdf)).toBe(true);
  expect(logo).toMatchObject({ filename: 'logo.txt', cid: 'logo' });
  expect(logo.content.toString()).toBe('LOGO');
});

test('a plain-text mail; priority low', async () => {
  const { op } = await send({
    to: ['a@example.com'],
    subject: 'Hi',
    contentType: 'text',
    text: 'Line 1\nLine 2',
    priority: 'low',
  });
  expect(op.error).toBeUndefined();
  const p = smtp.mails[0].parsed;
  expect(p.text?.trim()).toBe('Line 1\nLine 2');
  expect(p.html).toBe(false);
  expect(smtp.mails[0].raw.toString()).toMatch(/^X-Priority: 5/m);
  expect(smtp.mails[0].raw.toString()).toMatch(/^Importance: Low/m);
});

test('a wrong password is an account error that never shows the password', async () => {
  const { op } = await send(
    { to: ['a@example.com'], subject: 'x', text: 'x' },
    {},
    account({ password: 'wrong-Secret' }),
  );
  expect(op.error).toMatchObject({ type: 'AccountValidationError' });
  expect(JSON.stringify(op.error)).not.toContain('wrong-Secret');
  expect(smtp.mails).toHaveLength(0);
});

test('a refused recipient fails the module with the server reason', async () => {
  const { op } = await send({ to: ['nobody@refused.example'], subject: 'x', text: 'x' });
  expect(op.error?.message).toMatch(/No such user/);
});

test('no recipient and a bad header name are user errors naming the field', async () => {
  expect((await send({ subject: 'x' })).op.error).toMatchObject({
    message: expect.stringMatching(/recipient/),
  });
  const bad = await send({ to: ['a@example.com'], headers: [{ name: 'Bad Name', value: 'v' }] });
  expect(bad.op.error?.message).toMatch(/is not a header name/);
  expect(smtp.mails).toHaveLength(0);
});

test('STARTTLS: the session is encrypted; a certificate the connection does not trust is refused', async () => {
  const pem = (name: string) => readFileSync(join(__dirname, '../../http/test/fixtures/tls', name), 'utf8');
  const tls = await startSmtp(USER, {
    disabledCommands: [],
    key: pem('server.key'),
    cert: pem('server.pem'),
  });
  try {
    const starttls = (extra: Record<string, unknown>) =>
      account({ port: tls.port, security: 'starttls', ...extra });
    const refused = await send({ to: ['a@example.com'], subject: 's', text: 't' }, {}, starttls({}));
    expect(refused.op.error?.message).toMatch(/certificate/);
    expect(tls.mails).toHaveLength(0);
    const sent = await send(
      { to: ['a@example.com'], subject: 's', text: 't' },
      {},
      starttls({ rejectUnauthorized: false }),
    );
    expect(sent.op.error).toBeUndefined();
    expect(tls.mails[0]).toMatchObject({ secure: true, user: USER.user });
  } finally {
    await tls.close();
  }
});

test('verify logs in: good credentials pass, a wrong password is refused', async () => {
  const verify = (c: Record<string, unknown>) =>
    smtpConnection.verify!({
      credentials: c as never,
      http: { request: () => Promise.reject(new Error('no http')) },
    });
  await expect(verify(account().credentials)).resolves.toBeUndefined();
  await expect(verify(account({ password: 'nope' }).credentials)).rejects.toMatchObject({
    type: 'AccountValidationError',
  });
});

test("Make's email:ActionSendEmail imports with its mapper; the account becomes a connection to choose; saveAfterSent is named", () => {
  const { blueprint, report } = importBlueprint(
    {
      name: 'm',
      flow: [
        {
          id: 4,
          module: 'email:ActionSendEmail',
          version: 7,
          parameters: { account: 1234, saveAfterSent: true, folder: 'Sent' },
          mapper: {
            to: ['a@example.com'],
            subject: 'Hi',
            contentType: 'html',
            html: '<p>x</p>',
            priority: 'normal',
          },
        },
      ],
      metadata: { zone: 'eu1.make.com' },
    },
    registry,
  );
  expect(report.unknownModules).toEqual([]);
  expect(blueprint.flow[0]).toMatchObject({
    module: 'email:ActionSendEmail',
    parameters: { connection: '' },
    mapper: { to: ['a@example.com'], subject: 'Hi', html: '<p>x</p>' },
  });
  expect(report.connectionsToChoose).toEqual([
    {
      id: 4,
      module: 'email:ActionSendEmail',
      path: 'flow[0]',
      types: ['smtp'],
      makeParameter: 'parameters.account',
    },
  ]);
  expect(
    report.notes.some((n) => n.includes('parameters.saveAfterSent') && n.includes('no copy is saved')),
  ).toBe(true);
});
