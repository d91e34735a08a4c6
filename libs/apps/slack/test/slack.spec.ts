import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinApps } from '@integrator/apps/builtin';
import {
  createHttpClient,
  exchangeCode,
  FakeClock,
  importBlueprint,
  ModuleRegistry,
} from '@integrator/engine';
import { appHarness, errorOf, importMake, output, outputs } from '../../../../test/support/app-harness';
import { slackApp, slackConnectionType, slackSignature, verifySlackRequest } from '../src';
import { CHANNELS, OAUTH, startFakeSlack, TOKEN, type FakeSlack } from './fake-slack';

let fake: FakeSlack;
beforeEach(async () => {
  fake = await startFakeSlack();
});
afterEach(() => fake.close());

const creds = (extra: Record<string, unknown> = {}) => ({
  token: TOKEN,
  baseUrl: `${fake.url}/api`,
  ...extra,
});
const harness = (extra: Record<string, unknown> = {}) => appHarness(slackApp, () => creds(extra));
const client = (credentials: Record<string, unknown>) =>
  createHttpClient({
    connection: { id: 1, type: 'slack', credentials },
    connectionType: slackConnectionType,
    clock: new FakeClock(0, { autoAdvance: true }),
  });

describe('connection', () => {
  test('verify calls auth.test with the bot token as Bearer; a wrong token names the token field', async () => {
    await expect(
      slackConnectionType.verify!({ credentials: creds(), http: client(creds()) }),
    ).resolves.toBeUndefined();
    expect(fake.requests[0]).toMatchObject({ method: 'POST', url: '/api/auth.test' });
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
    const bad = creds({ token: 'xoxb-wrong' });
    const err = await slackConnectionType.verify!({ credentials: bad, http: client(bad) }).catch(
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ kind: 'user', type: 'AccountValidationError', field: 'token' });
    expect((err as Error).message).toContain('invalid_auth');
  });

  test('without a pasted or authorised token, a request says what to do', async () => {
    const result = await appHarness(slackApp, () => ({ baseUrl: `${fake.url}/api` })).run(
      'slack:CreateMessage',
      {
        channel: 'C0000000001',
        text: 'x',
      },
    );
    expect(errorOf(result)).toMatchObject({ field: 'token', message: expect.stringContaining('authorise') });
    expect(fake.requests).toHaveLength(0);
  });

  test('OAuth 2.0: Slack’s authorize and oauth.v2.access URLs; the code becomes the bot token used as Bearer', async () => {
    const c = { baseUrl: `${fake.url}/api`, clientId: OAUTH.clientId, clientSecret: OAUTH.clientSecret };
    expect(slackConnectionType.oauth2!.authorizeUrl!({})).toBe('https://slack.com/oauth/v2/authorize');
    expect(slackConnectionType.oauth2!.tokenUrl({})).toBe('https://slack.com/api/oauth.v2.access');
    expect(slackConnectionType.oauth2!.scope!({})).toBe(
      'chat:write,channels:read,groups:read,im:read,mpim:read',
    );
    expect(slackConnectionType.oauth2!.authorizeUrl!(c)).toBe(`${fake.url}/oauth/v2/authorize`);
    const tokens = await exchangeCode(
      slackConnectionType,
      c,
      OAUTH.code,
      'https://i.example/cb',
      client({}),
      () => 0,
    );
    expect(tokens).toMatchObject({ accessToken: 'xoxb-issued-1' });
    const form = fake.requests[0].form!;
    expect(Object.fromEntries(form.entries())).toEqual({
      grant_type: 'authorization_code',
      code: OAUTH.code,
      redirect_uri: 'https://i.example/cb',
      client_id: OAUTH.clientId,
      client_secret: OAUTH.clientSecret,
    });
    const result = await appHarness(slackApp, () => ({ ...c, accessToken: tokens.accessToken })).run(
      'slack:CreateMessage',
      { channel: 'C0000000001', text: 'via OAuth' },
    );
    expect(result.status).toBe('success');
    expect(fake.requests[1].headers.authorization).toBe('Bearer xoxb-issued-1');
  });

  test('OAuth 2.0: Slack’s HTTP 200 { ok: false } from oauth.v2.access is a refusal naming the error', async () => {
    const c = { baseUrl: `${fake.url}/api`, clientId: OAUTH.clientId, clientSecret: OAUTH.clientSecret };
    await expect(
      exchangeCode(slackConnectionType, c, 'stale', 'https://i.example/cb', client({}), () => 0),
    ).rejects.toMatchObject({
      type: 'AccountValidationError',
      message: expect.stringContaining('invalid_code'),
    });
  });
});

describe('slack:CreateMessage', () => {
  test('Make’s v4 fields become chat.postMessage JSON (charset=utf-8, Bearer)', async () => {
    fake.scopes.add('chat:write.customize');
    const first = output(
      await harness().run('slack:CreateMessage', { channel: 'C0000000001', text: 'Root' }),
    );
    const result = await harness().run(
      'slack:CreateMessage',
      {
        channelWType: 'list',
        channelType: 'public',
        channel: '{{1.channel}}',
        text: 'Hello *there*',
        blocks: '[{"type":"section","text":{"type":"mrkdwn","text":"Hi"}}]',
        thread_ts: String(first.ts),
        reply_broadcast: true,
        mrkdwn: true,
        parse: false,
        link_names: true,
        username: 'Robot',
        icon_url: 'https://example.com/r.png',
        unfurl_links: false,
        unfurl_media: true,
      },
      { input: { channel: 'C0000000001' } },
    );
    expect(output(result)).toMatchObject({
      channel: 'C0000000001',
      ts: expect.any(String),
      message: { text: 'Hello *there*' },
    });
    expect(output(result)).not.toHaveProperty('ok');
    const req = fake.requests[1];
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/api/chat.postMessage');
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.json).toEqual({
      channel: 'C0000000001',
      text: 'Hello *there*',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hi' } }],
      thread_ts: first.ts,
      reply_broadcast: true,
      mrkdwn: true,
      parse: 'none',
      link_names: true,
      username: 'Robot',
      icon_url: 'https://example.com/r.png',
      unfurl_links: false,
      unfurl_media: true,
    });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  test('Slack’s { ok: false } errors name the field: channel_not_found, thread_not_found, no_text, missing_scope', async () => {
    const lost = await harness().run('slack:CreateMessage', { channel: 'C9999999999', text: 'x' });
    expect(errorOf(lost)).toMatchObject({
      type: 'DataError',
      field: 'channel',
      message: 'Slack: channel_not_found',
    });
    const thread = await harness().run('slack:CreateMessage', {
      channel: 'C0000000001',
      text: 'x',
      thread_ts: '1.2',
    });
    expect(errorOf(thread)).toMatchObject({ field: 'thread_ts' });
    const scope = await harness().run('slack:CreateMessage', {
      channel: 'C0000000001',
      text: 'x',
      username: 'R',
    });
    expect(errorOf(scope)).toMatchObject({
      type: 'AccountValidationError',
      message: expect.stringContaining('chat:write.customize'),
    });
    const empty = await harness().run('slack:CreateMessage', { channel: 'C0000000001', text: '' });
    expect(errorOf(empty)).toMatchObject({ field: 'text' });
    const blocks = await harness().run('slack:CreateMessage', {
      channel: 'C0000000001',
      blocks: '{"type":1}',
    });
    expect(errorOf(blocks)).toMatchObject({ field: 'blocks' });
    // The last two never reached Slack.
    expect(fake.requests).toHaveLength(3);
  });

  test('ratelimited (429 with Retry-After) waits on the clock, then posts', async () => {
    fake.failNext(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '3' });
    const h = harness();
    const start = h.clock.now();
    const result = await h.run('slack:CreateMessage', { channel: 'C0000000001', text: 'hi' });
    expect(result.status).toBe('success');
    expect(fake.requests).toHaveLength(2);
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(3000);
  });
});

describe('slack:EditMessage and slack:ListChannels', () => {
  test('updates a posted message with chat.update; an unknown ts names the ts field', async () => {
    const posted = output(await harness().run('slack:CreateMessage', { channel: 'C0000000001', text: 'v1' }));
    const result = await harness().run('slack:EditMessage', {
      channel: 'C0000000001',
      ts: posted.ts,
      text: 'v2',
      link_names: false,
    });
    expect(output(result)).toMatchObject({ channel: 'C0000000001', ts: posted.ts, text: 'v2' });
    expect(fake.requests[1].json).toEqual({
      channel: 'C0000000001',
      ts: posted.ts,
      text: 'v2',
      link_names: false,
    });
    const lost = await harness().run('slack:EditMessage', { channel: 'C0000000001', ts: '9.9', text: 'v3' });
    expect(errorOf(lost)).toMatchObject({ field: 'ts', message: 'Slack: message_not_found' });
  });

  test('pages through conversations.list with response_metadata.next_cursor', async () => {
    fake.scopes.add('groups:read');
    const result = await harness().run('slack:ListChannels', {
      types: ['public_channel', 'private_channel'],
      exclude_archived: true,
    });
    expect(outputs(result).map((c) => c.name)).toEqual(['general', 'random', 'secret', 'sales']);
    expect(fake.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    const q = fake.requests.map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams));
    expect(q[0]).toEqual({ limit: '100', exclude_archived: 'true', types: 'public_channel,private_channel' });
    expect(q[1]).toMatchObject({ cursor: expect.any(String), limit: '98' });
    expect(fake.requests[0].headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  test('the limit stops paging; private channels without groups:read are refused naming the scope', async () => {
    const few = await harness().run('slack:ListChannels', { limit: 1, exclude_archived: false });
    expect(outputs(few).map((c) => c.id)).toEqual([CHANNELS[0].id]);
    expect(fake.requests).toHaveLength(1);
    const priv = await harness().run('slack:ListChannels', { types: ['private_channel'] });
    expect(errorOf(priv)).toMatchObject({
      type: 'AccountValidationError',
      message: expect.stringContaining('groups:read'),
    });
  });
});

describe('slack:WatchEvents', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  const secret = '8f742231b10e8888abcd99yyyzzz85a5';
  const signed = (body: unknown, at = now / 1000, key = secret) => {
    const rawBody = Buffer.from(JSON.stringify(body));
    const ts = String(Math.floor(at));
    return {
      method: 'POST',
      headers: { 'x-slack-request-timestamp': ts, 'x-slack-signature': slackSignature(key, ts, rawBody) },
      rawBody,
      body,
    };
  };
  const ctx = { credentials: { signingSecret: secret }, now };
  const event = {
    type: 'event_callback',
    team_id: 'T1',
    api_app_id: 'A1',
    event_id: 'Ev1',
    event_time: 1767268800,
    event: { type: 'app_mention', user: 'U2', text: '<@U1> hi', ts: '1.1', channel: 'C0000000001' },
  };

  test('a request signed with the signing secret passes; url_verification is answered with the challenge', () => {
    expect(verifySlackRequest(signed(event), ctx)).toEqual({ ok: true });
    const challenge = {
      token: 'x',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
      type: 'url_verification',
    };
    expect(verifySlackRequest(signed(challenge), ctx)).toEqual({
      reply: { status: 200, body: { challenge: challenge.challenge } },
    });
  });

  test('a wrong signature, a changed body, an old timestamp or no signing secret are refused', () => {
    expect(verifySlackRequest(signed(event, now / 1000, 'other'), ctx)).toMatchObject({ ok: false });
    const tampered = { ...signed(event), rawBody: Buffer.from(JSON.stringify({ ...event, team_id: 'T2' })) };
    expect(verifySlackRequest(tampered, ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('signature'),
    });
    expect(verifySlackRequest(signed(event, now / 1000 - 301), ctx)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('5 minutes'),
    });
    expect(verifySlackRequest(signed(event), { now })).toMatchObject({
      ok: false,
      reason: expect.stringContaining('signing secret'),
    });
    expect(verifySlackRequest({ ...signed(event), headers: {} }, ctx)).toMatchObject({ ok: false });
    expect(slackConnectionType.fields.signingSecret.secret).toBe(true);
  });

  test('emits the event of an event callback, filtered by the event types asked for', async () => {
    const result = await harness().run('slack:WatchEvents', {}, { input: event, trigger: true });
    expect(outputs(result)).toEqual([
      { ...event.event, event_id: 'Ev1', event_time: 1767268800, team_id: 'T1', api_app_id: 'A1' },
    ]);
    const other = await harness().run(
      'slack:WatchEvents',
      {},
      { input: event, trigger: true, parameters: { events: 'message, reaction_added' } },
    );
    expect(outputs(other)).toEqual([]);
  });
});

describe('Make an API call and Make import', () => {
  test('calls any method; { ok: false } with HTTP 200 fails the module', async () => {
    const result = await harness().run('slack:makeApiCall', {
      url: '/conversations.info',
      method: 'GET',
      query: [{ key: 'channel', value: 'C0000000002' }],
    });
    expect(output(result)).toMatchObject({
      statusCode: 200,
      body: { ok: true, channel: { name: 'random' } },
    });
    const lost = await harness().run('slack:makeApiCall', {
      url: '/conversations.info',
      method: 'GET',
      query: [{ key: 'channel', value: 'C1' }],
    });
    expect(errorOf(lost)).toMatchObject({ message: 'Slack: channel_not_found' });
  });

  test('a Make export’s slack:CreateMessage (v4) imports with its settings', () => {
    const mapper = {
      text: '{{13.result}}',
      parse: false,
      mrkdwn: true,
      channel: 'U03KGPFFBCH',
      channelType: 'private',
      channelWType: 'list',
      thread_ts: '',
      icon_emoji: ':robot_face:',
    };
    const { blueprint, report } = importMake(slackApp, {
      module: 'slack:CreateMessage',
      version: 4,
      parameters: { __IMTCONN__: 2545853 },
      mapper,
    });
    expect(report.unknownModules).toEqual([]);
    expect(blueprint.flow[0]).toMatchObject({ module: 'slack:CreateMessage', version: 4, mapper });
    expect(report.connectionsToChoose).toEqual([expect.objectContaining({ id: 1, types: ['slack'] })]);
  });

  test('the public fixture sheets-to-slack-digest imports with Slack’s module mapped and its settings', () => {
    const file = join(
      __dirname,
      '../../../../test/fixtures/make-exports/aitofy-dev--awesome-make-templates--sheets-to-slack-digest.json',
    );
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    const { blueprint, report } = importBlueprint(exported, new ModuleRegistry([...builtinApps, slackApp]));
    expect(report.unknownModules).not.toContain('slack:CreateMessage');
    const node = blueprint.flow.find((n) => n.id === 3)!;
    expect(node).toMatchObject({
      module: 'slack:CreateMessage',
      version: 4,
      mapper: {
        channelWType: 'list',
        channelType: 'public',
        mrkdwn: true,
        parse: false,
        text: expect.stringContaining('{{2.text}}'),
      },
    });
    expect(report.connectionsToChoose).toEqual([expect.objectContaining({ id: 3, types: ['slack'] })]);
  });

  test.each([
    ['slack:UpdateMessage', 'slack:EditMessage'],
    ['slack:MakeAPICall', 'slack:makeApiCall'],
    ['slack:WatchEvents', 'slack:WatchEvents'],
  ])('%s imports as %s', (module, ours) => {
    const { blueprint, report } = importMake(slackApp, {
      module,
      parameters: { __IMTCONN__: 1 },
      mapper: {},
    });
    expect(report.unknownModules).toEqual([]);
    expect(blueprint.flow[0].module).toBe(ours);
  });
});
