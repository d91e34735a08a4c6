import { createHttpClient, FakeClock } from '@integrator/engine';
import { MemoryTriggerState } from '@integrator/apps/app-kit';
import { appHarness, errorOf, importMake, output, outputs } from '../../../../test/support/app-harness';
import { discordApp, discordConnectionType, discordWebhookConnectionType } from '../src';
import {
  CHANNEL,
  startFakeDiscord,
  TOKEN,
  WEBHOOK_ID,
  WEBHOOK_TOKEN,
  type FakeDiscord,
} from './fake-discord';

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await startFakeDiscord();
});
afterEach(() => fake.close());

const bot = (token = TOKEN) => appHarness(discordApp, () => ({ token, baseUrl: fake.url }));
const hookUrl = () => `${fake.url}/webhooks/${WEBHOOK_ID}/${WEBHOOK_TOKEN}`;
const viaHook = () => appHarness(discordApp, () => ({ webhookUrl: hookUrl() }), undefined, 'discord-webhook');

describe('connections', () => {
  test('bot: Authorization "Bot <token>", verified with GET /users/@me; a wrong token names the field', async () => {
    const verify = (token: string) => {
      const credentials = { token, baseUrl: fake.url };
      const http = createHttpClient({
        connection: { id: 1, type: 'discord', credentials },
        connectionType: discordConnectionType,
        clock: new FakeClock(0, { autoAdvance: true }),
      });
      return discordConnectionType.verify!({ credentials, http });
    };
    await expect(verify(TOKEN)).resolves.toBeUndefined();
    expect(fake.requests[0]).toMatchObject({
      method: 'GET',
      url: '/users/@me',
      headers: { authorization: `Bot ${TOKEN}` },
    });
    await expect(verify('nope')).rejects.toMatchObject({ type: 'AccountValidationError', field: 'token' });
    expect(discordConnectionType.baseUrl!({ token: 'x' })).toBe('https://discord.com/api/v10');
  });

  test('webhook: verified with GET on the webhook URL; a wrong URL names the field', async () => {
    const verify = (webhookUrl: string) => {
      const credentials = { webhookUrl };
      const http = createHttpClient({
        connection: { id: 1, type: 'discord-webhook', credentials },
        connectionType: discordWebhookConnectionType,
        clock: new FakeClock(0, { autoAdvance: true }),
      });
      return discordWebhookConnectionType.verify!({ credentials, http });
    };
    await expect(verify(hookUrl())).resolves.toBeUndefined();
    await expect(verify(`${fake.url}/webhooks/${WEBHOOK_ID}/wrong`)).rejects.toMatchObject({
      field: 'webhookUrl',
    });
  });
});

describe('discord:createMessage', () => {
  test('with the bot: POST /channels/{id}/messages with content, embeds and the reply reference', async () => {
    const first = fake.post('question');
    const result = await bot().run(
      'discord:createMessage',
      {
        select: 'map',
        channelId: CHANNEL,
        content: 'Hello {{1.name}}',
        embeds: '[{"title":"T","description":"D"}]',
        message_reference: { message_id: first.id },
      },
      { input: { name: 'Ann' } },
    );
    expect(output(result)).toMatchObject({ content: 'Hello Ann', channel_id: CHANNEL });
    const req = fake.requests[0];
    expect(req).toMatchObject({
      method: 'POST',
      url: `/channels/${CHANNEL}/messages`,
      headers: { authorization: `Bot ${TOKEN}` },
    });
    expect(req.json).toEqual({
      content: 'Hello Ann',
      embeds: [{ title: 'T', description: 'D' }],
      message_reference: { message_id: first.id },
    });
  });

  test('through a webhook: POST to the webhook URL with wait=true, no bot token', async () => {
    const result = await viaHook().run('discord:createMessage', { content: 'Via hook', username: 'Alerts' });
    expect(output(result)).toMatchObject({ content: 'Via hook', author: { username: 'Alerts' } });
    expect(fake.requests[0]).toMatchObject({
      method: 'POST',
      url: `/webhooks/${WEBHOOK_ID}/${WEBHOOK_TOKEN}?wait=true`,
    });
    expect(fake.requests[0].headers.authorization).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain(WEBHOOK_TOKEN);
    const reply = await viaHook().run('discord:createMessage', { content: 'x', message_reference: '123' });
    expect(errorOf(reply).field).toBe('message_reference');
  });

  test('Discord’s field errors become user errors naming the field; unknown channel names channelId', async () => {
    const long = await bot().run('discord:createMessage', {
      channelId: CHANNEL,
      embeds: [{ title: 'x' }],
      message_reference: '999',
    });
    expect(errorOf(long)).toMatchObject({
      type: 'DataError',
      field: 'message_reference',
      message: expect.stringContaining('Unknown message'),
    });
    const unknown = await bot().run('discord:createMessage', { channelId: '123', content: 'x' });
    expect(errorOf(unknown)).toMatchObject({
      field: 'channelId',
      message: expect.stringContaining('Unknown Channel'),
    });
    const empty = await bot().run('discord:createMessage', { channelId: CHANNEL });
    expect(errorOf(empty).field).toBe('content');
    const bad = await bot('wrong').run('discord:createMessage', { channelId: CHANNEL, content: 'x' });
    expect(errorOf(bad)).toMatchObject({ type: 'AccountValidationError' });
  });

  test('a 429 waits for Retry-After on the injected clock', async () => {
    fake.failNext(
      429,
      { message: 'You are being rate limited.', retry_after: 2.5, global: false },
      { 'Retry-After': '3' },
    );
    const h = bot();
    const start = h.clock.now();
    const result = await h.run('discord:createMessage', { channelId: CHANNEL, content: 'x' });
    expect(result.status).toBe('success');
    expect(fake.requests).toHaveLength(2);
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(3000);
  });
});

describe('watch channel messages', () => {
  test('From now on: the first run remembers the newest message; later runs emit only new ones, oldest first', async () => {
    const store = new MemoryTriggerState();
    fake.post('old 1');
    fake.post('old 2');
    const h = bot();
    const run = () =>
      h.run(
        'discord:watchChannelMessages',
        { channelId: CHANNEL },
        { trigger: true, services: { triggerState: store } },
      );
    expect(outputs(await run())).toEqual([]);
    fake.post('new 1');
    fake.post('new 2');
    expect(outputs(await run()).map((m) => m.content)).toEqual(['new 1', 'new 2']);
    expect(outputs(await run())).toEqual([]);
    const afters = fake.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('after'));
    expect(afters[0]).toBeNull();
    expect(afters[1]).toBe(fake.messages[1].id);
    expect(afters[2]).toBe(fake.messages[3].id);
  });

  test('All: pages through with after= and stops at the limit, saving where it stopped', async () => {
    const store = new MemoryTriggerState();
    for (let i = 0; i < 130; i++) fake.post(`m${i}`);
    const h = bot();
    const first = await h.run(
      'discord:watchChannelMessages',
      { channelId: CHANNEL, startFrom: 'all', limit: 120 },
      { trigger: true, services: { triggerState: store } },
    );
    expect(outputs(first).map((m) => m.content)).toEqual(Array.from({ length: 120 }, (_, i) => `m${i}`));
    expect(fake.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('after'))).toEqual([
      '0',
      fake.messages[99].id,
    ]);
    const second = await h.run(
      'discord:watchChannelMessages',
      { channelId: CHANNEL, startFrom: 'all', limit: 120 },
      { trigger: true, services: { triggerState: store } },
    );
    expect(outputs(second).map((m) => m.content)).toEqual(
      Array.from({ length: 10 }, (_, i) => `m${i + 120}`),
    );
  });

  test('without a trigger state store the trigger says so instead of repeating items', async () => {
    const result = await bot().run('discord:watchChannelMessages', { channelId: CHANNEL }, { trigger: true });
    expect(errorOf(result)).toMatchObject({ type: 'InvalidConfigurationError' });
  });
});

test('Make an API call adds the bot token and refuses to override it', async () => {
  const result = await bot().run('discord:makeApiCall', { url: '/users/@me', method: 'GET' });
  expect(output(result)).toMatchObject({ statusCode: 200, body: { username: 'bot' } });
  const override = await bot().run('discord:makeApiCall', {
    url: '/users/@me',
    headers: [{ key: 'Authorization', value: 'x' }],
  });
  expect(errorOf(override).field).toBe('headers[0].key');
});

describe('Make import', () => {
  test.each([
    [
      'discord:createMessage',
      {
        select: 'channel',
        channelId: '{{1.ch}}',
        content: 'Hi',
        embeds: [],
        message_reference: { message_id: '1' },
      },
      'discord:createMessage',
    ],
    ['discord:TriggerNewMessage', { channelId: '1', limit: 5 }, 'discord:watchChannelMessages'],
  ])('%s imports as %s', (module, mapper, ours) => {
    const { blueprint, report } = importMake(discordApp, {
      module,
      version: 2,
      parameters: { __IMTCONN__: 9 },
      mapper,
    });
    expect(report.format).toBe('make');
    expect(report.unknownModules).toEqual([]);
    expect(blueprint.flow[0].module).toBe(ours);
    expect(blueprint.flow[0].mapper).toEqual(mapper);
    expect(report.connectionsToChoose[0]).toMatchObject({
      id: 1,
      types: expect.arrayContaining(['discord']),
    });
  });
});
