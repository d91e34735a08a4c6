import { createHttpClient, FakeClock } from '@integrator/engine';
import { appHarness, errorOf, importMake, output, outputs } from '../../../../test/support/app-harness';
import {
  registerTelegramWebhook,
  telegramApp,
  telegramConnectionType,
  telegramSecretMatches,
  unregisterTelegramWebhook,
} from '../src';
import { CHAT, startFakeTelegram, TOKEN, type FakeTelegram } from './fake-telegram';

let fake: FakeTelegram;
beforeEach(async () => {
  fake = await startFakeTelegram();
});
afterEach(() => fake.close());

const harness = (token = TOKEN) => appHarness(telegramApp, () => ({ token, baseUrl: fake.url }));
const client = (token = TOKEN) =>
  createHttpClient({
    connection: { id: 1, type: 'telegram', credentials: { token, baseUrl: fake.url } },
    connectionType: telegramConnectionType,
    clock: new FakeClock(0, { autoAdvance: true }),
  });

describe('connection', () => {
  test('verify calls getMe with the token in the path; a wrong token names the token field', async () => {
    await expect(
      telegramConnectionType.verify!({ credentials: { token: TOKEN, baseUrl: fake.url }, http: client() }),
    ).resolves.toBeUndefined();
    expect(fake.requests[0].url).toBe(`/bot${TOKEN}/getMe`);
    const bad = '999:wrong-token';
    const err = await telegramConnectionType.verify!({
      credentials: { token: bad, baseUrl: fake.url },
      http: client(bad),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'user', type: 'AccountValidationError', field: 'token' });
  });

  test('the base URL defaults to api.telegram.org and can be pointed elsewhere', () => {
    expect(telegramConnectionType.baseUrl!({ token: '1:a' })).toBe('https://api.telegram.org/bot1:a');
    expect(telegramConnectionType.baseUrl!({ token: '1:a', baseUrl: 'http://x:8081/' })).toBe(
      'http://x:8081/bot1:a',
    );
  });
});

describe('telegram:SendReplyMessage', () => {
  test('sends sendMessage with Make’s fields mapped onto the Bot API', async () => {
    const result = await harness().run(
      'telegram:SendReplyMessage',
      {
        chatId: '{{1.chat}}',
        text: 'Hello <b>there</b>',
        messageThreadId: 7,
        parseMode: 'HTML',
        replyToMessageId: 5,
        replyMarkup: '{"inline_keyboard":[[{"text":"Go","url":"https://example.com"}]]}',
        disableNotification: true,
        disableWebPagePreview: true,
      },
      { input: { chat: CHAT } },
    );
    expect(output(result)).toMatchObject({ message_id: 100, text: 'Hello <b>there</b>' });
    const req = fake.requests[0];
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toMatch(/^application\/json/);
    expect(req.json).toEqual({
      chat_id: String(CHAT),
      text: 'Hello <b>there</b>',
      message_thread_id: 7,
      parse_mode: 'HTML',
      disable_notification: true,
      reply_parameters: { message_id: 5 },
      reply_markup: { inline_keyboard: [[{ text: 'Go', url: 'https://example.com' }]] },
      link_preview_options: { is_disabled: true },
    });
    // The token travels in the path only, and never shows in the run's record.
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  test('a 400 from Telegram is a user error naming the field', async () => {
    const result = await harness().run('telegram:SendReplyMessage', { chatId: '1', text: 'x' });
    expect(errorOf(result)).toMatchObject({
      type: 'DataError',
      field: 'chatId',
      message: expect.stringContaining('chat not found'),
    });
    const reply = await harness().run('telegram:SendReplyMessage', {
      chatId: String(CHAT),
      text: 'x',
      replyToMessageId: 999,
    });
    expect(errorOf(reply)).toMatchObject({
      field: 'replyToMessageId',
      message: expect.stringContaining('message to be replied not found'),
    });
  });

  test('reply markup that is not a JSON object is refused before sending', async () => {
    const result = await harness().run('telegram:SendReplyMessage', {
      chatId: String(CHAT),
      text: 'x',
      replyMarkup: '[1]',
    });
    expect(errorOf(result).message).toContain('replyMarkup');
    expect(fake.requests).toHaveLength(0);
  });

  test('a 429 waits for Retry-After on the injected clock, then succeeds', async () => {
    fake.failNext(
      429,
      {
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 4',
        parameters: { retry_after: 4 },
      },
      { 'Retry-After': '4' },
    );
    const h = harness();
    const start = h.clock.now();
    const result = await h.run('telegram:SendReplyMessage', { chatId: String(CHAT), text: 'hi' });
    expect(result.status).toBe('success');
    expect(fake.requests).toHaveLength(2);
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(4000);
  });

  test('a 5xx is a retryable connection error', async () => {
    for (let i = 0; i < 5; i++)
      fake.failNext(502, { ok: false, error_code: 502, description: 'Bad Gateway' });
    const result = await harness().run('telegram:SendReplyMessage', { chatId: String(CHAT), text: 'hi' });
    expect(errorOf(result)).toMatchObject({ type: 'ConnectionError' });
  });
});

describe('send a photo / a document', () => {
  test('from a URL: JSON with the URL as photo', async () => {
    const result = await harness().run('telegram:SendPhoto', {
      chatId: String(CHAT),
      sendType: 'send_byurl',
      httpUrl: 'https://example.com/cat.jpg',
      caption: 'A cat',
    });
    expect(output(result)).toMatchObject({ caption: 'A cat' });
    expect(fake.requests[0].url).toBe(`/bot${TOKEN}/sendPhoto`);
    expect(fake.requests[0].json).toEqual({
      chat_id: String(CHAT),
      photo: 'https://example.com/cat.jpg',
      caption: 'A cat',
    });
  });

  test('from a file bundle: multipart with the bytes and the file name', async () => {
    const data = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
    const result = await harness().run(
      'telegram:SendDocument',
      {
        chatId: String(CHAT),
        sendType: 'send_bydata',
        fileName: '{{1.file.fileName}}',
        data: '{{1.file.data}}',
        replyMarkup: { force_reply: true },
      },
      { input: { file: { fileName: 'report.pdf', data } } },
    );
    expect(output(result)).toMatchObject({ document: { file_size: 6 } });
    const req = fake.requests[0];
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const file = req.form!.get('document') as File;
    expect(file.name).toBe('report.pdf');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(data);
    expect(req.form!.get('chat_id')).toBe(String(CHAT));
    expect(req.form!.get('reply_markup')).toBe('{"force_reply":true}');
  });

  test('a photo over 10 MB is refused with MaxFileSizeExceededError, nothing sent', async () => {
    const result = await harness().run(
      'telegram:SendPhoto',
      { chatId: String(CHAT), sendType: 'send_bydata', fileName: 'big.jpg', data: '{{1.data}}' },
      { input: { data: Buffer.alloc(10 * 1024 * 1024 + 1) } },
    );
    expect(errorOf(result)).toMatchObject({ type: 'MaxFileSizeExceededError', field: 'photo.data' });
    expect(fake.requests).toHaveLength(0);
  });

  test('a URL source without a URL names httpUrl', async () => {
    const result = await harness().run('telegram:SendPhoto', {
      chatId: String(CHAT),
      sendType: 'send_byurl',
    });
    expect(errorOf(result)).toMatchObject({ field: 'httpUrl' });
  });
});

describe('Make an API call and Watch updates', () => {
  test('calls any method on the bot’s path', async () => {
    const result = await harness().run('telegram:makeApiCall', {
      url: '/getChat',
      method: 'POST',
      body: { chat_id: CHAT },
    });
    expect(output(result)).toMatchObject({ statusCode: 200, body: { ok: true, result: { id: CHAT } } });
    expect(fake.requests[0].url).toBe(`/bot${TOKEN}/getChat`);
    const away = await harness().run('telegram:makeApiCall', {
      url: 'https://evil.example/x',
      method: 'GET',
    });
    expect(errorOf(away).field).toBe('url');
  });

  test('registers our webhook with a secret token; deliveries are checked against it', async () => {
    await registerTelegramWebhook(client(), {
      url: 'https://integrator.example/hooks/abc',
      secretToken: 's3cr3t_tok',
      allowedUpdates: ['message'],
    });
    expect(fake.requests[0].json).toEqual({
      url: 'https://integrator.example/hooks/abc',
      secret_token: 's3cr3t_tok',
      allowed_updates: ['message'],
    });
    expect(fake.webhook).toEqual({ url: 'https://integrator.example/hooks/abc', secret_token: 's3cr3t_tok' });
    await expect(
      registerTelegramWebhook(client(), { url: 'http://plain', secretToken: 'ok' }),
    ).rejects.toMatchObject({ kind: 'user' });
    await expect(
      registerTelegramWebhook(client(), { url: 'https://x', secretToken: 'bad token!' }),
    ).rejects.toThrow(/secret_token/);
    await unregisterTelegramWebhook(client());
    expect(fake.webhook).toBeUndefined();
    expect(telegramSecretMatches({ 'x-telegram-bot-api-secret-token': 's3cr3t_tok' }, 's3cr3t_tok')).toBe(
      true,
    );
    expect(telegramSecretMatches({ 'X-Telegram-Bot-Api-Secret-Token': 's3cr3t_tox' }, 's3cr3t_tok')).toBe(
      false,
    );
    expect(telegramSecretMatches({}, 's3cr3t_tok')).toBe(false);
  });

  test('Watch updates emits the update Telegram delivered', async () => {
    const update = {
      update_id: 9,
      message: { message_id: 1, chat: { id: CHAT, type: 'private' }, date: 0, text: 'hi' },
    };
    const result = await harness().run('telegram:WatchUpdates', {}, { input: update, trigger: true });
    expect(result.status).toBe('success');
    expect(outputs(result)).toEqual([update]);
  });
});

describe('Make import', () => {
  test.each([
    [
      'telegram:SendReplyMessage',
      {
        chatId: '{{1.chat}}',
        text: 'Hi',
        parseMode: 'HTML',
        replyMarkupAssembleType: '',
        disableWebPagePreview: true,
      },
      'telegram:SendReplyMessage',
    ],
    [
      'telegram:SendPhoto',
      { chatId: '1', sendType: 'send_byurl', httpUrl: 'https://x/y.jpg', caption: 'c' },
      'telegram:SendPhoto',
    ],
    [
      'telegram:SendDocument',
      { chatId: '1', sendType: 'send_bydata', fileName: 'a.txt', data: 'x' },
      'telegram:SendDocument',
    ],
    ['telegram:UniversalAPICall', { url: '/getMe', method: 'GET' }, 'telegram:makeApiCall'],
    ['telegram:WatchUpdates', undefined, 'telegram:WatchUpdates'],
  ])('%s imports as %s with its settings', (module, mapper, ours) => {
    const { blueprint, report } = importMake(telegramApp, {
      module,
      parameters: mapper ? { __IMTCONN__: 1234 } : { __IMTHOOK__: 55 },
      ...(mapper ? { mapper } : {}),
    });
    expect(report.format).toBe('make');
    expect(report.unknownModules).toEqual([]);
    expect(blueprint.flow[0].module).toBe(ours);
    if (mapper) {
      const { replyMarkupAssembleType: _, ...kept } = mapper as Record<string, unknown>;
      expect(blueprint.flow[0].mapper).toEqual(kept);
      expect(report.connectionsToChoose).toEqual([expect.objectContaining({ id: 1, types: ['telegram'] })]);
    }
  });
});
