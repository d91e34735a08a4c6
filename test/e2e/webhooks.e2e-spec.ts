import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

describe.each(databaseTargets({ distributed: true }))('webhooks on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target);
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  const hookPath = (url: string) => new URL(url).pathname;
  async function hookedScenario(
    name: string,
    flowAfterTrigger: unknown[],
    hook: Record<string, unknown> = {},
    scenario: Record<string, unknown> = {},
  ) {
    const { body: created } = await t
      .http()
      .post('/api/hooks')
      .set(h)
      .send({ name, ...hook })
      .expect(201);
    const blueprint = {
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', parameters: { hook: created.id } },
        ...flowAfterTrigger,
      ],
      metadata: { scenario },
    };
    const { body: s } = await t.http().post('/api/scenarios').set(h).send({ name, blueprint }).expect(201);
    const { body: linked } = await t.http().get(`/api/hooks/${created.id}`).set(h).expect(200);
    expect(linked.scenarioId).toBe(s.id);
    return { hook: linked, scenario: s, path: hookPath(linked.url) };
  }
  const waitForRuns = async (scenarioId: number, count: number) => {
    for (let i = 0; i < 500; i++) {
      const { body } = await t.http().get(`/api/executions?scenarioId=${scenarioId}&pageSize=100`).set(h);
      if (
        body.items.filter((e: { status: string }) => e.status !== 'queued' && e.status !== 'running')
          .length >= count
      )
        return body.items;
      await new Promise((r) => setImmediate(r));
    }
    throw new Error('runs did not finish');
  };

  test('an unguessable URL; a scenario that is off keeps the queue and drains it in order when switched on', async () => {
    const { hook, scenario, path } = await hookedScenario('Orders', [
      { id: 2, module: 'util:SetVariable2', mapper: { name: 'n', value: '{{1.n}}' } },
    ]);
    expect(path).toMatch(/^\/hooks\/[A-Za-z0-9_-]{32}$/);
    for (const n of [1, 2, 3]) {
      const res = await t.http().post(path).send({ n }).expect(202);
      expect(res.body).toEqual({ accepted: true, queued: true });
    }
    expect((await t.http().get(`/api/hooks/${hook.id}/queue`).set(h)).body.total).toBe(3);
    await t.http().post(`/api/scenarios/${scenario.id}/activate`).set(h).expect(200);
    const runs = await waitForRuns(scenario.id, 3);
    const inputs = await Promise.all(
      [...runs]
        .reverse()
        .map(
          async (e: { id: string }) => (await t.http().get(`/api/executions/${e.id}`).set(h)).body.input.n,
        ),
    );
    expect(inputs).toEqual([1, 2, 3]);
    expect(runs.every((e: { trigger: string }) => e.trigger === 'webhook')).toBe(true);
    expect((await t.http().get(`/api/hooks/${hook.id}/queue`).set(h)).body.total).toBe(0);
    await t.http().post('/hooks/not-a-real-token').send({}).expect(404);
  });

  test('the webhook response module answers the waiting caller; without one the caller gets 202 at once', async () => {
    const { scenario, path } = await hookedScenario('Quote', [
      { id: 2, module: 'util:SetVariable2', mapper: { name: 'total', value: '{{1.qty * 1.price}}' } },
      {
        id: 3,
        module: 'gateway:WebhookRespond',
        mapper: {
          status: 201,
          body: { total: '{{2.total}}', for: '{{1.customer}}' },
          headers: [{ key: 'X-Quote', value: 'yes' }],
        },
      },
    ]);
    await t.http().post(`/api/scenarios/${scenario.id}/activate`).set(h).expect(200);
    const res = await t.http().post(`${path}?customer=ACME`).send({ qty: 3, price: 7 }).expect(201);
    expect(res.body).toEqual({ total: 21, for: 'ACME' });
    expect(res.headers['x-quote']).toBe('yes');

    const plain = await hookedScenario('Fire and forget', [
      { id: 2, module: 'util:SetVariable2', mapper: { name: 'x', value: 1 } },
    ]);
    await t.http().post(`/api/scenarios/${plain.scenario.id}/activate`).set(h).expect(200);
    const accepted = await t.http().post(plain.path).send({ a: 1 }).expect(202);
    expect(accepted.body.executionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('form and query data; required fields; size limit; a full queue answers 429 with a clear body', async () => {
    const { scenario, path } = await hookedScenario(
      'Validated',
      [
        {
          id: 2,
          module: 'gateway:WebhookRespond',
          mapper: { body: { email: '{{1.email}}', source: '{{1.source}}' } },
        },
      ],
      { requiredFields: ['email'], maxQueue: 2, maxBodyBytes: 2048 },
    );
    const missing = await t.http().post(path).send({ name: 'x' }).expect(400);
    expect(missing.body.fields).toEqual([{ path: 'email', message: 'is required' }]);
    await t
      .http()
      .post(path)
      .send({ email: 'x'.repeat(5000) })
      .expect(413);
    await t.http().post(path).send({ email: 'a@b' }).expect(202);
    await t.http().post(path).send({ email: 'c@d' }).expect(202);
    const full = await t.http().post(path).send({ email: 'e@f' }).expect(429);
    expect(full.body.message).toBe('the webhook queue is full: 2 requests wait to be processed');

    await t.http().post(`/api/scenarios/${scenario.id}/activate`).set(h).expect(200);
    await waitForRuns(scenario.id, 2);
    const form = await t
      .http()
      .post(`${path}?source=form`)
      .type('form')
      .send('email=ada%40example.com')
      .expect(200);
    expect(form.body).toEqual({ email: 'ada@example.com', source: 'form' });
    const query = await t.http().get(`${path}?email=q@example.com&source=query`);
    expect({ status: query.status, body: query.body }).toEqual({
      status: 200,
      body: { email: 'q@example.com', source: 'query' },
    });
    expect(query.body).toEqual({ email: 'q@example.com', source: 'query' });
  });

  test('sequential processing runs one at a time, in arrival order', async () => {
    const { scenario, path } = await hookedScenario(
      'One at a time',
      [{ id: 2, module: 'util:SetVariable2', mapper: { name: 'n', value: '{{1.n}}' } }],
      {},
      { sequential: true },
    );
    await t.http().post(`/api/scenarios/${scenario.id}/activate`).set(h).expect(200);
    await Promise.all([1, 2, 3, 4, 5].map((n) => t.http().post(path).send({ n })));
    const runs = await waitForRuns(scenario.id, 5);
    const ordered = [...runs].sort(
      (a: { startedAt: number }, b: { startedAt: number }) => a.startedAt - b.startedAt,
    );
    for (let i = 1; i < ordered.length; i++)
      expect(ordered[i].startedAt).toBeGreaterThanOrEqual(ordered[i - 1].finishedAt);
    const created = [...runs]
      .sort((a: { createdAt: number }, b: { createdAt: number }) => a.createdAt - b.createdAt)
      .map((e: { id: string }) => e.id);
    expect(ordered.map((e: { id: string }) => e.id)).toEqual(created);
  });
});
