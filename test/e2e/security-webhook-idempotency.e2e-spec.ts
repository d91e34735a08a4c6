import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// Hole 7 of issue 13: webhooks are at-least-once; a sender's retry ran the scenario twice.
describe.each(databaseTargets())('webhook idempotency keys on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  let now = Date.UTC(2026, 0, 5, 9);
  beforeAll(async () => {
    t = await startTestApp(target, { now: () => now });
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  async function hookedScenario(name: string, flow: unknown[], hook: Record<string, unknown> = {}) {
    const { body: created } = await t
      .http()
      .post('/api/hooks')
      .set(h)
      .send({ name, ...hook })
      .expect(201);
    const blueprint = {
      flow: [{ id: 1, module: 'gateway:CustomWebHook', parameters: { hook: created.id } }, ...flow],
    };
    const { body: s } = await t.http().post('/api/scenarios').set(h).send({ name, blueprint }).expect(201);
    await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
    return { hookId: created.id as number, scenarioId: s.id as number, path: new URL(created.url).pathname };
  }
  const executions = async (scenarioId: number) =>
    (await t.http().get(`/api/executions?scenarioId=${scenarioId}&pageSize=100`).set(h)).body.items as Array<{
      id: string;
    }>;
  const responder = (name: string) =>
    hookedScenario(name, [
      {
        id: 2,
        module: 'gateway:WebhookRespond',
        mapper: {
          status: 201,
          body: { order: '{{1.order}}' },
          headers: [{ key: 'X-Order', value: '{{1.order}}' }],
        },
      },
    ]);

  test('two identical requests with one key: one execution, the same answer twice', async () => {
    const { scenarioId, path } = await responder('Orders');
    const first = await t.http().post(path).set('Idempotency-Key', 'order-1').send({ order: 'A-1' });
    const again = await t.http().post(path).set('Idempotency-Key', 'order-1').send({ order: 'A-1' });
    expect(first.status).toBe(201);
    expect(again.status).toBe(first.status);
    expect(again.body).toEqual(first.body);
    expect(again.body).toEqual({ order: 'A-1' });
    expect(again.headers['x-order']).toBe('A-1');
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await executions(scenarioId)).toHaveLength(1);
  });

  test('different keys (or none) are different requests: two executions', async () => {
    const { scenarioId, path } = await responder('Payments');
    await t.http().post(path).set('Idempotency-Key', 'pay-1').send({ order: 'P-1' }).expect(201);
    await t.http().post(path).set('Idempotency-Key', 'pay-2').send({ order: 'P-1' }).expect(201);
    expect(await executions(scenarioId)).toHaveLength(2);
    await t.http().post(path).send({ order: 'P-1' }).expect(201);
    await t.http().post(path).send({ order: 'P-1' }).expect(201);
    expect(await executions(scenarioId)).toHaveLength(4);
  });

  test('a body field as the key (per hook); the window expires; queued requests are deduplicated too', async () => {
    const { hookId, scenarioId, path } = await hookedScenario(
      'Events',
      [{ id: 2, module: 'util:SetVariable2', mapper: { name: 'x', value: '{{1.event.id}}' } }],
      { idempotencyField: 'event.id', idempotencyWindowHours: 1 },
    );
    const a = await t
      .http()
      .post(path)
      .send({ event: { id: 'evt_1' } })
      .expect(202);
    const b = await t
      .http()
      .post(path)
      .send({ event: { id: 'evt_1' } })
      .expect(202);
    expect(b.body).toEqual(a.body);
    expect(await executions(scenarioId)).toHaveLength(1);
    const bad = await t
      .http()
      .post(path)
      .send({ event: { id: { nested: true } } })
      .expect(400);
    expect(bad.body.fields).toEqual([
      { path: 'event.id', message: expect.stringMatching(/idempotency key/) },
    ]);

    now += 3600_000 + 1; // the hook's window is one hour
    await t
      .http()
      .post(path)
      .send({ event: { id: 'evt_1' } })
      .expect(202);
    expect(await executions(scenarioId)).toHaveLength(2);

    // Switched off: the request waits in the queue; its repeat is not queued a second time.
    await t.http().post(`/api/scenarios/${scenarioId}/deactivate`).set(h).expect(200);
    const q1 = await t
      .http()
      .post(path)
      .set('Idempotency-Key', 'queued-1')
      .send({ event: { id: 'e9' } });
    const q2 = await t
      .http()
      .post(path)
      .set('Idempotency-Key', 'queued-1')
      .send({ event: { id: 'e9' } });
    expect([q1.status, q2.status]).toEqual([202, 202]);
    expect(q2.body).toEqual(q1.body);
    expect((await t.http().get(`/api/hooks/${hookId}/queue`).set(h)).body.total).toBe(1);
    const keys = await t
      .db()
      .query(`SELECT "key" FROM webhook_idempotency WHERE "webhookId" = ${Number(hookId)}`);
    expect(keys.map((k: { key: string }) => k.key).sort()).toEqual(['evt_1', 'queued-1']);
  });

  test('ten concurrent copies of one request: one execution; every copy is acknowledged or told to repeat', async () => {
    const { scenarioId, path } = await hookedScenario('Burst', [
      { id: 2, module: 'util:SetVariable2', mapper: { name: 'x', value: 1 } },
    ]);
    const copies = await Promise.all(
      Array.from({ length: 10 }, () => t.http().post(path).set('Idempotency-Key', 'burst-1').send({ a: 1 })),
    );
    const statuses = copies.map((r) => r.status);
    expect(statuses.every((s) => s === 202 || s === 409)).toBe(true);
    const acknowledged = copies.filter((r) => r.status === 202);
    expect(acknowledged.length).toBeGreaterThanOrEqual(1);
    for (const r of acknowledged) expect(r.body).toEqual(acknowledged[0].body);
    expect(await executions(scenarioId)).toHaveLength(1);
  });

  test('a key longer than 200 characters is refused, naming the header', async () => {
    const { path } = await responder('Long keys');
    const res = await t
      .http()
      .post(path)
      .set('Idempotency-Key', 'k'.repeat(201))
      .send({ order: 1 })
      .expect(400);
    expect(res.body.fields).toEqual([
      { path: 'Idempotency-Key header', message: 'is longer than 200 characters' },
    ]);
  });
});
