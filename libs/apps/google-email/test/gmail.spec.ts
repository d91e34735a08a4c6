import { MemoryTriggerState } from '@integrator/apps/app-kit';
import { appHarness, errorOf, importMake, output, outputs } from '../../../../test/support/app-harness';
import { gmailApp } from '../src';
import { FULL_TOKEN, SEND_TOKEN, startFakeGmail, type FakeGmail } from './fake-gmail';

let fake: FakeGmail;
beforeEach(async () => {
  fake = await startFakeGmail();
});
afterEach(() => fake.close());

const gmail = (accessToken = FULL_TOKEN, apps = ['gmail']) =>
  appHarness(gmailApp, () => ({
    clientId: 'client-1.apps.googleusercontent.com',
    clientSecret: 'GOCSPX-gmail-test',
    apps,
    baseUrl: fake.url,
    accessToken,
  }));
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);

describe('google-email:sendAnEmail', () => {
  test('HTML with cc, bcc, an attachment and the alias’s Gmail signature, sent as base64url raw', async () => {
    const result = await gmail().run(
      'google-email:sendAnEmail',
      {
        to: ['Bob <bob@example.com>', '{{1.to}}'],
        cc: ['carol@example.com'],
        bcc: ['dave@example.com'],
        subject: 'Invoice {{1.n}}',
        bodyType: 'rawHtml',
        content: '<p>Hello</p>',
        signature: 'ann@example.com',
        attachments: [{ fileName: '{{1.file.fileName}}', data: '{{1.file.data}}' }],
      },
      { input: { to: 'eve@example.com', n: 7, file: { fileName: 'logo.png', data: PNG } } },
    );
    expect(output(result)).toMatchObject({ labelIds: ['SENT'] });
    const send = fake.requests.find((r) => r.url === '/gmail/v1/users/me/messages/send')!;
    expect(send.headers.authorization).toBe(`Bearer ${FULL_TOKEN}`);
    expect(Object.keys(send.json as object)).toEqual(['raw']);
    const { parsed } = fake.messages[0];
    expect(parsed.subject).toBe('Invoice 7');
    expect(parsed.to).toMatchObject({ text: '"Bob" <bob@example.com>, eve@example.com' });
    expect(parsed.cc).toMatchObject({ text: 'carol@example.com' });
    expect(parsed.bcc).toMatchObject({ text: 'dave@example.com' });
    expect(parsed.html).toBe('<p>Hello</p><br><br><b>Ann</b> · Example Ltd');
    expect(parsed.attachments[0]).toMatchObject({ filename: 'logo.png', contentType: 'image/png' });
    expect(parsed.attachments[0].content.equals(PNG)).toBe(true);
  });

  test('plain text with a signature text; several contents joined, text escaped', async () => {
    await gmail(SEND_TOKEN).run('google-email:sendAnEmail', {
      to: ['bob@example.com'],
      subject: 'T',
      bodyType: 'text',
      content: 'Hi Bob',
      signature: '<i>Ann</i>',
    });
    expect(fake.messages[0].parsed.text).toBe('Hi Bob\n\n-- \nAnn\n');
    await gmail().run('google-email:sendAnEmail', {
      to: ['bob@example.com'],
      bodyType: 'collection',
      contents: [{ type: 'text', content: 'a < b' }, '<b>bold</b>'],
    });
    expect(String(fake.messages[1].parsed.html).trimEnd()).toBe('<p>a &#60; b</p>\n<b>bold</b>');
  });

  test('a 429 waits for Retry-After and sends once', async () => {
    const h = gmail();
    fake.failNext(
      429,
      { error: { code: 429, message: 'User-rate limit exceeded.', status: 'RESOURCE_EXHAUSTED' } },
      { 'Retry-After': '2' },
    );
    const before = h.clock.now();
    expect(
      output(await h.run('google-email:sendAnEmail', { to: ['bob@example.com'], content: 'x' })),
    ).toMatchObject({
      labelIds: ['SENT'],
    });
    expect(h.clock.now() - before).toBeGreaterThanOrEqual(2000);
    expect(fake.messages).toHaveLength(1);
  });

  test('over 5 MB the message goes as a message/rfc822 media upload', async () => {
    const big = Buffer.alloc(4 * 1024 * 1024, 1);
    const result = await gmail().run(
      'google-email:sendAnEmail',
      { to: ['bob@example.com'], content: 'x', attachments: [{ fileName: 'big.bin', data: '{{1.big}}' }] },
      { input: { big } },
    );
    expect(output(result)).toMatchObject({ labelIds: ['SENT'] });
    expect(fake.requests[0].url).toBe('/upload/gmail/v1/users/me/messages/send?uploadType=media');
    expect(fake.messages[0].parsed.attachments[0].content.equals(big)).toBe(true);
  });

  test('errors name the field: no recipient, an unknown alias, attachments over 25 MB, a connection not for Gmail', async () => {
    expect(errorOf(await gmail().run('google-email:sendAnEmail', { subject: 'x', to: [] }))).toMatchObject({
      field: 'to',
    });
    expect(
      errorOf(
        await gmail().run('google-email:sendAnEmail', {
          to: ['b@example.com'],
          signature: 'nobody@example.com',
        }),
      ),
    ).toMatchObject({ field: 'signature', status: 404 });
    const huge = Buffer.alloc(25 * 1024 * 1024 + 1);
    const tooBig = await gmail().run(
      'google-email:sendAnEmail',
      { to: ['b@example.com'], attachments: [{ fileName: 'a.bin', data: '{{1.d}}' }] },
      { input: { d: huge } },
    );
    expect(errorOf(tooBig)).toMatchObject({ type: 'MaxFileSizeExceededError', field: 'attachments[0].data' });
    const notGmail = await gmail(FULL_TOKEN, ['drive']).run('google-email:sendAnEmail', {
      to: ['b@example.com'],
    });
    expect(errorOf(notGmail)).toMatchObject({ field: 'connection', type: 'AccountValidationError' });
    expect(fake.messages).toHaveLength(0);
  });
});

describe('google-email:watchEmails', () => {
  const watch = (mapper: Record<string, unknown>, store: MemoryTriggerState, token = FULL_TOKEN) =>
    gmail(token).run('google-email:watchEmails', mapper, {
      trigger: true,
      services: { triggerState: store },
    });
  const at = (minute: number) => Date.UTC(2026, 0, 1, 9, minute);

  test('From now on: the first run remembers the newest mail; later runs emit new mail oldest first, parsed', async () => {
    const store = new MemoryTriggerState();
    await fake.receive(
      { from: 'old@example.com', to: 'ann@example.com', subject: 'old', text: 'old' },
      at(0),
    );
    expect(outputs(await watch({}, store))).toEqual([]);
    await fake.receive(
      { from: 'Bob <bob@example.com>', to: 'ann@example.com', subject: 'second', html: '<p>2</p>' },
      at(2),
    );
    await fake.receive(
      {
        from: 'Bob <bob@example.com>',
        to: 'ann@example.com',
        subject: 'first',
        text: 'one',
        attachments: [{ filename: 'logo.png', content: PNG }],
      },
      at(1),
    );
    const got = outputs(await watch({}, store));
    expect(got.map((m) => m.subject)).toEqual(['first', 'second']);
    expect(got[0]).toMatchObject({
      from: { name: 'Bob', email: 'bob@example.com' },
      to: [{ name: '', email: 'ann@example.com' }],
      text: 'one',
      labelIds: ['INBOX', 'UNREAD'],
      internalDate: '2026-01-01T09:01:00.000Z',
      attachments: [{ fileName: 'logo.png', contentType: 'image/png', size: PNG.length }],
    });
    expect(String(got[0].attachments && (got[0].attachments as Array<{ data: string }>)[0].data)).toMatch(
      /^IMTBuffer/,
    );
    expect(outputs(await watch({}, store))).toEqual([]);
  });

  test('All, a simple filter, at most N per run over pages, marking as read', async () => {
    const store = new MemoryTriggerState();
    for (let i = 1; i <= 3; i++)
      await fake.receive(
        { from: 'bob@example.com', to: 'ann@example.com', subject: `Invoice ${i}`, text: 'x' },
        at(i),
      );
    await fake.receive(
      { from: 'spam@example.com', to: 'ann@example.com', subject: 'Invoice spam', text: 'x' },
      at(4),
    );
    fake.pageCap = 1;
    const mapper = {
      startFrom: 'all',
      criteria: 'unread',
      from: 'bob@example.com',
      subject: 'Invoice',
      maxResults: 2,
      markSeen: true,
    };
    expect(outputs(await watch(mapper, store)).map((m) => m.subject)).toEqual(['Invoice 1', 'Invoice 2']);
    const list = new URL(fake.requests[0].url, 'http://x').searchParams;
    expect(list.get('q')).toBe('is:unread from:"bob@example.com" subject:"Invoice"');
    expect(list.get('labelIds')).toBe('INBOX');
    expect(fake.messages.filter((m) => !m.labelIds.includes('UNREAD')).map((m) => m.parsed.subject)).toEqual([
      'Invoice 1',
      'Invoice 2',
    ]);
    expect(outputs(await watch(mapper, store)).map((m) => m.subject)).toEqual(['Invoice 3']);
    expect(outputs(await watch(mapper, store))).toEqual([]);
  });

  test('mail of the same millisecond is neither repeated nor skipped across runs', async () => {
    const store = new MemoryTriggerState();
    await fake.receive({ from: 'a@example.com', to: 'ann@example.com', subject: 'A', text: 'a' }, at(5));
    await fake.receive({ from: 'b@example.com', to: 'ann@example.com', subject: 'B', text: 'b' }, at(5));
    const mapper = { startFrom: 'all', maxResults: 1 };
    const first = outputs(await watch(mapper, store)).map((m) => m.subject);
    const second = outputs(await watch(mapper, store)).map((m) => m.subject);
    expect([...first, ...second].sort()).toEqual(['A', 'B']);
    expect(outputs(await watch(mapper, store))).toEqual([]);
  });

  test('Since a date; a Gmail filter; a changed search starts over; errors name the field', async () => {
    const store = new MemoryTriggerState();
    await fake.receive({ from: 'a@example.com', to: 'ann@example.com', subject: 'before', text: 'x' }, at(1));
    await fake.receive(
      {
        from: 'a@example.com',
        to: 'ann@example.com',
        subject: 'after',
        text: 'x',
        attachments: [{ filename: 'a.txt', content: 'a' }],
      },
      at(30),
    );
    const since = { startFrom: 'date', since: '2026-01-01T09:10:00Z' };
    expect(outputs(await watch(since, store)).map((m) => m.subject)).toEqual(['after']);
    const filter = { startFrom: 'all', searchType: 'gmail', query: 'has:attachment' };
    expect(outputs(await watch(filter, store)).map((m) => m.subject)).toEqual(['after']);
    expect(
      errorOf(await watch({ startFrom: 'all', searchType: 'gmail', query: 'larger:5M' }, store)),
    ).toMatchObject({ field: 'query', status: 400 });
    expect(errorOf(await watch({ startFrom: 'date' }, store))).toMatchObject({ field: 'since' });
    expect(errorOf(await watch({}, store, SEND_TOKEN))).toMatchObject({
      type: 'AccountValidationError',
      status: 403,
    });
  });
});

describe('Make an API call and Make exports', () => {
  test('a path under /gmail/v1 with the connection’s token', async () => {
    const out = output(await gmail().run('google-email:makeApiCall', { url: '/users/me/profile' }));
    expect(out).toMatchObject({ statusCode: 200, body: { emailAddress: 'ann@example.com' } });
    expect(fake.requests[0].url).toBe('/gmail/v1/users/me/profile');
  });

  test('google-email:sendAnEmail v4 imports with its mapper and asks for a Google connection', () => {
    const mapper = {
      to: ['{{1.email}}'],
      subject: 'Hello',
      bodyType: 'rawHtml',
      content: '<p>{{1.name}}</p>',
      signature: 'ann@example.com',
    };
    const { blueprint, report } = importMake(gmailApp, {
      module: 'google-email:sendAnEmail',
      version: 4,
      parameters: { __IMTCONN__: 3 },
      mapper,
    });
    expect(report.unknownModules).toEqual([]);
    expect(blueprint.flow[0]).toMatchObject({ module: 'google-email:sendAnEmail', mapper });
    expect(report.connectionsToChoose[0]).toMatchObject({ types: ['google', 'google-service-account'] });
  });
});

test('google-email:watchEmails imports Make’s parameters, criteria named as IMAP does', () => {
  const { blueprint, report } = importMake(gmailApp, {
    module: 'google-email:watchEmails',
    version: 2,
    parameters: {
      __IMTCONN__: 3,
      folder: 'INBOX',
      criteria: 'UNSEEN',
      searchType: 'simple',
      from: 'bob@example.com',
      markSeen: true,
      maxResults: 5,
    },
    mapper: {},
  });
  expect(report.unknownModules).toEqual([]);
  expect(blueprint.flow[0].mapper).toEqual({
    folder: 'INBOX',
    criteria: 'unread',
    searchType: 'simple',
    from: 'bob@example.com',
    markSeen: true,
    maxResults: 5,
  });
});
