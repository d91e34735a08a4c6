import { createHmac } from 'node:crypto';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';
import {
  startFakeTelegram,
  TOKEN as TELEGRAM_TOKEN,
  type FakeTelegram,
} from '../../libs/apps/telegram/test/fake-telegram';

// Apps' instant triggers on the real server: Telegram's Watch updates registers the hook with
// setWebhook when the scenario is switched on (and removes it when off), and every delivery must
// carry the secret token; Slack's Watch events checks each request's signature over the raw body
// and answers the url_verification handshake. Refused requests are a 401 and store nothing.

const PUBLIC_URL = 'https://integrator.example';

describe.each(databaseTargets())('instant triggers on $name', (target) => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  let t: TestApp;
  let h: Record<string, string>;
  let telegram: FakeTelegram;
  const before = process.env.INTEGRATOR_PUBLIC_URL;
  beforeAll(async () => {
    // Telegram only takes HTTPS webhook URLs: the server announces its public address.
    process.env.INTEGRATOR_PUBLIC_URL = PUBLIC_URL;
    telegram = await startFakeTelegram();
    t = await startTestApp(target, { now: () => now });
    h = auth(t.token);
  });
  afterAll(async () => {
    if (before === undefined) delete process.env.INTEGRATOR_PUBLIC_URL;
    else process.env.INTEGRATOR_PUBLIC_URL = before;
    await t?.close();
    await telegram?.close();
  });

  async function scenarioWith(
    module: string,
    connection: { type: string; credentials: Record<string, unknown> },
  ) {
    const { body: c } = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({ name: module, ...connection })
      .expect(201);
    const { body: hook } = await t.http().post('/api/hooks').set(h).send({ name: module }).expect(201);
    const blueprint = {
      flow: [
        { id: 1, module, parameters: { hook: hook.id, connection: c.id } },
        { id: 2, module: 'util:SetVariable2', mapper: { name: 'seen', value: 'yes' } },
      ],
      metadata: { integrator: { format: 1 } },
    };
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: module, blueprint })
      .expect(201);
    return {
      scenario: s,
      hook,
      path: new URL(hook.url).pathname,
      token: new URL(hook.url).pathname.split('/').pop()!,
    };
  }
  const queued = async (hookId: number) =>
    (await t.http().get(`/api/hooks/${hookId}/queue`).set(h).expect(200)).body.total;
  const runs = async (scenarioId: number) =>
    (await t.http().get(`/api/executions?scenarioId=${scenarioId}`).set(h).expect(200)).body.items;

  test('Telegram: switched on calls setWebhook with the URL and a secret token; deliveries without it are refused', async () => {
    const { scenario, hook, path, token } = await scenarioWith('telegram:WatchUpdates', {
      type: 'telegram',
      credentials: { token: TELEGRAM_TOKEN, baseUrl: telegram.url },
    });
    const update = {
      update_id: 1,
      message: { message_id: 1, chat: { id: 1, type: 'private' }, date: 0, text: 'hi' },
    };
    // Not registered yet: nothing is taken, not even into the queue.
    await t.http().post(path).send(update).expect(401);
    expect(await queued(hook.id)).toBe(0);

    await t.http().post(`/api/scenarios/${scenario.id}/activate`).set(h).expect(200);
    const set = telegram.sent.filter((s) => s.method === 'setWebhook');
    expect(set).toHaveLength(1);
    expect(set[0].params.url).toBe(`${PUBLIC_URL}/hooks/${token}`);
    const secret = String(set[0].params.secret_token);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    // The secret is never shown.
    const view = await t.http().get(`/api/hooks/${hook.id}`).set(h).expect(200);
    expect(JSON.stringify(view.body)).not.toContain(secret);

    const refused = await t.http().post(path).send(update).expect(401);
    expect(refused.body.message).toMatch(/Secret-Token/);
    await t
      .http()
      .post(path)
      .set('X-Telegram-Bot-Api-Secret-Token', `${secret.slice(0, -1)}x`)
      .send(update)
      .expect(401);
    expect(await queued(hook.id)).toBe(0);
    expect(await runs(scenario.id)).toHaveLength(0);

    await t.http().post(path).set('X-Telegram-Bot-Api-Secret-Token', secret).send(update).expect(202);
    for (
      let i = 0;
      i < 200 && (await runs(scenario.id)).every((e: { status: string }) => e.status !== 'success');
      i++
    )
      await new Promise((r) => setTimeout(r, 10));
    const [run] = await runs(scenario.id);
    expect(run.status).toBe('success');
    expect((await t.http().get(`/api/executions/${run.id}`).set(h)).body.input).toEqual(update);

    await t.http().post(`/api/scenarios/${scenario.id}/deactivate`).set(h).expect(200);
    expect(telegram.sent.at(-1)?.method).toBe('deleteWebhook');
    expect(telegram.webhook).toBeUndefined();
  });

  test('Telegram: a refusal of setWebhook keeps the scenario off, naming Telegram’s answer', async () => {
    const { scenario } = await scenarioWith('telegram:WatchUpdates', {
      type: 'telegram',
      credentials: { token: TELEGRAM_TOKEN, baseUrl: telegram.url },
    });
    telegram.failNext(400, {
      ok: false,
      error_code: 400,
      description: 'Bad Request: bad webhook: Failed to resolve host',
    });
    const res = await t.http().post(`/api/scenarios/${scenario.id}/activate`).set(h).expect(409);
    expect(res.body.message).toContain('Failed to resolve host');
    expect((await t.http().get(`/api/scenarios/${scenario.id}`).set(h)).body.active).toBe(false);
    // Switched on, then deleted: the bot's webhook goes with it.
    await t.http().post(`/api/scenarios/${scenario.id}/activate`).set(h).expect(200);
    expect(telegram.webhook).toBeDefined();
    await t.http().delete(`/api/scenarios/${scenario.id}`).set(h).expect(204);
    expect(telegram.webhook).toBeUndefined();
  });

  test('Slack: url_verification answered, events checked against the signing secret over the raw body', async () => {
    const signingSecret = 'slack-signing-secret-0123456789';
    const { scenario, hook, path } = await scenarioWith('slack:WatchEvents', {
      type: 'slack',
      credentials: { token: 'xoxb-1-2-abc', signingSecret },
    });
    const sign = (raw: string, at = Math.floor(now / 1000), key = signingSecret) => ({
      'X-Slack-Request-Timestamp': String(at),
      'X-Slack-Signature': `v0=${createHmac('sha256', key).update(`v0:${at}:${raw}`).digest('hex')}`,
      'Content-Type': 'application/json',
    });
    const challenge = '{"token":"x","challenge":"ch4ll3nge","type":"url_verification"}';
    const hello = await t.http().post(path).set(sign(challenge)).send(challenge).expect(200);
    expect(hello.body).toEqual({ challenge: 'ch4ll3nge' });
    await t.http().post(path).set('Content-Type', 'application/json').send(challenge).expect(401);

    // Spacing JSON.stringify would not reproduce: the signature is over the bytes as sent.
    const raw =
      '{ "type": "event_callback", "event_id": "Ev1", "team_id": "T1",\n  "event": {"type": "app_mention", "text": "hi"} }';
    await t
      .http()
      .post(path)
      .set(sign(raw, Math.floor(now / 1000) - 301))
      .send(raw)
      .expect(401);
    await t
      .http()
      .post(path)
      .set(sign(raw, undefined, 'another-secret'))
      .send(raw)
      .expect(401);
    await t.http().post(path).set(sign(raw)).send(raw.replace('hi', 'ho')).expect(401);
    expect(await queued(hook.id)).toBe(0);
    await t.http().post(path).set(sign(raw)).send(raw).expect(202);
    expect(await queued(hook.id)).toBe(1); // the scenario is off: it waits in the queue
    void scenario;
  });
});
