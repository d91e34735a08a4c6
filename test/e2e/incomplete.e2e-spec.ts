import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EXECUTION_QUEUE, type InProcessQueue } from '../../apps/api/src/executions/queue';
import { SchedulerService } from '../../apps/api/src/scheduler/scheduler.service';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

describe.each(databaseTargets())('incomplete executions and scenario health on $name', (target) => {
  let now = Date.parse('2026-05-04T08:00:00Z');
  let t: TestApp;
  let h: Record<string, string>;
  let api: Server;
  let url = '';
  let failuresLeft = 0;
  const calls: string[] = [];
  beforeAll(async () => {
    t = await startTestApp(target, { now: () => now, sessionHours: 24 * 365 });
    h = auth(t.token);
    // A service that is down for a while (503) and then recovers.
    api = createServer((req, res) => {
      calls.push(req.url ?? '');
      const down = failuresLeft-- > 0;
      res.writeHead(down ? 503 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(down ? { detail: 'maintenance' } : { ok: true }));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t?.close();
    api?.close();
  });

  const tick = () => t.app.get(SchedulerService).tick();
  const settle = async (id: string) => {
    for (let i = 0; i < 500; i++) {
      const { body } = await t.http().get(`/api/executions/${id}`).set(h);
      if (body.status !== 'queued' && body.status !== 'running') return body;
      await new Promise((r) => setImmediate(r));
    }
    throw new Error(`execution ${id} did not finish`);
  };
  const incompleteOf = async (scenarioId: number) =>
    (await t.http().get(`/api/incomplete-executions?scenarioId=${scenarioId}`).set(h).expect(200)).body;
  const callFlow = (extra: Record<string, unknown> = {}) => [
    { id: 1, module: 'util:SetVariable2', mapper: { name: 'order', value: 42 } },
    {
      id: 2,
      module: 'http:MakeRequest',
      version: 4,
      mapper: { url: `${url}/orders/{{1.order}}`, method: 'POST', retries: 0 },
      ...extra,
    },
    { id: 3, module: 'util:SetVariable2', mapper: { name: 'done', value: '{{2.data.ok}}' } },
  ];

  test('a transient error becomes an incomplete execution, retried automatically on the backoff table until it succeeds', async () => {
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Orders sync', blueprint: { flow: callFlow(), metadata: { scenario: { dlq: true } } } })
      .expect(201);
    await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
    failuresLeft = 2;
    const run = await t.http().post(`/api/scenarios/${s.id}/run`).set(h).send({}).expect(201);
    expect(run.body.status).toBe('warning');
    let [ie] = await incompleteOf(s.id);
    expect(ie).toMatchObject({
      moduleId: 2,
      status: 'pending',
      attempts: 0,
      retry: { mode: 'backoff' },
      nextAttemptAt: now + 60_000,
    });

    now += 30_000;
    expect((await tick()).retries).toBe(0); // not due yet
    now += 30_000;
    expect((await tick()).retries).toBe(1); // +1 min: fails again (the service is still down)
    await settleAll(s.id);
    [ie] = await incompleteOf(s.id);
    expect(ie).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: now + 10 * 60_000 });

    now += 10 * 60_000;
    expect((await tick()).retries).toBe(1); // +10 min: the service is back
    await settleAll(s.id);
    [ie] = await incompleteOf(s.id);
    expect(ie).toMatchObject({ status: 'resolved', attempts: 2 });
    // Each retry started at the failed module with its original input (no second SetVariable run).
    expect(calls.slice(-3)).toEqual(['/orders/42', '/orders/42', '/orders/42']);
    const retries = (await t.http().get(`/api/executions?scenarioId=${s.id}`).set(h)).body.items.filter(
      (e: { trigger: string }) => e.trigger === 'retry',
    );
    expect(retries.map((e: { operations: number; status: string }) => [e.status, e.operations])).toEqual([
      ['success', 2],
      ['warning', 1],
    ]);
  });

  test('Break retries on its own plan; a user error waits for a person, who fixes the scenario and retries, or resolves', async () => {
    const flow = callFlow({
      onerror: [{ id: 4, module: 'builtin:Break', mapper: { count: 1, interval: 5 } }],
    });
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Break plan', blueprint: { flow, metadata: { scenario: { dlq: true } } } })
      .expect(201);
    await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
    failuresLeft = 5;
    await t.http().post(`/api/scenarios/${s.id}/run`).set(h).send({}).expect(201);
    let [ie] = await incompleteOf(s.id);
    expect(ie).toMatchObject({
      status: 'pending',
      retry: { mode: 'break', attempts: 1, intervalMinutes: 5 },
      nextAttemptAt: now + 5 * 60_000,
    });
    now += 5 * 60_000;
    await tick();
    await settleAll(s.id);
    [ie] = await incompleteOf(s.id);
    expect(ie).toMatchObject({ status: 'unresolved', attempts: 1, nextAttemptAt: null }); // its one attempt is used up

    // A person retries by hand once the service is back.
    failuresLeft = 0;
    const retry = await t.http().post(`/api/incomplete-executions/${ie.id}/retry`).set(h).expect(202);
    expect(retry.body).toEqual({ id: ie.id, executionId: expect.any(String) });
    await settleAll(s.id);
    expect((await incompleteOf(s.id))[0].status).toBe('resolved');
    await t.http().post(`/api/incomplete-executions/${ie.id}/retry`).set(h).expect(409);

    // A bad mapping is the user's error: stored for a person, no automatic retry.
    const bad = [
      { id: 1, module: 'util:SetVariable2', mapper: { name: 'a', value: 1 } },
      { id: 2, module: 'json:ParseJSON', mapper: { json: '{oops' } },
    ];
    const { body: s2 } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Bad mapping', blueprint: { flow: bad, metadata: { scenario: { dlq: true } } } })
      .expect(201);
    await t.http().post(`/api/scenarios/${s2.id}/activate`).set(h).expect(200);
    await t.http().post(`/api/scenarios/${s2.id}/run`).set(h).send({}).expect(201);
    const [userIe] = await incompleteOf(s2.id);
    expect(userIe).toMatchObject({ status: 'unresolved', nextAttemptAt: null, retry: { mode: 'manual' } });
    const detail = await t.http().get(`/api/incomplete-executions/${userIe.id}`).set(h).expect(200);
    expect(detail.body.record).toMatchObject({ moduleId: 2, outputs: { 1: { a: 1 } } });
    await t
      .http()
      .post('/api/incomplete-executions/resolve')
      .set(h)
      .send({ ids: [userIe.id] })
      .expect(204);
    expect((await incompleteOf(s2.id))[0].status).toBe('resolved');
    await t
      .http()
      .post('/api/incomplete-executions/delete')
      .set(h)
      .send({ ids: [userIe.id] })
      .expect(204);
    expect(await incompleteOf(s2.id)).toEqual([]);
    await t.http().post('/api/incomplete-executions/retry').set(h).send({ ids: [] }).expect(400);
  });

  test('the stored outputs of an incomplete execution are edited before Retry; another team never reaches it', async () => {
    const flow = [
      { id: 1, module: 'util:SetVariable2', mapper: { name: 'json', value: '{oops' } },
      { id: 2, module: 'json:ParseJSON', mapper: { json: '{{1.json}}' } },
    ];
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Edit before retry', blueprint: { flow, metadata: { scenario: { dlq: true } } } })
      .expect(201);
    await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
    await t.http().post(`/api/scenarios/${s.id}/run`).set(h).send({}).expect(201);
    const [ie] = await incompleteOf(s.id);
    const path = `/api/incomplete-executions/${ie.id}`;

    // Bad input names the field.
    const notObject = await t.http().patch(path).set(h).send({ outputs: 'x' }).expect(400);
    expect(notObject.body.fields).toContainEqual({ path: 'outputs', message: 'must be an object' });
    const other = await t
      .http()
      .patch(path)
      .set(h)
      .send({ outputs: { 7: {} } })
      .expect(400);
    expect(other.body.fields).toEqual([
      { path: 'outputs.7', message: 'module 7 is not one the failed module 2 reads (these are: 1)' },
    ]);
    await t.http().patch(path).set(h).send({}).expect(400);
    await t.http().patch(path).set(h).send({ input: {} }).expect(400);

    // Another team's member: not found, and nothing changed.
    const teamB = (await t.http().post('/api/teams').set(h).send({ name: 'Elsewhere' }).expect(201)).body.id;
    await t
      .http()
      .post('/api/users')
      .set(h)
      .send({
        email: 'eve@example.com',
        name: 'Eve',
        password: 'password123',
        role: 'user',
        teamId: teamB,
        teamRole: 'member',
      })
      .expect(201);
    const eve = { ...auth(await t.login('eve@example.com', 'password123')), 'X-Team-Id': String(teamB) };
    await t
      .http()
      .patch(path)
      .set(eve)
      .send({ outputs: { 1: { json: '[]' } } })
      .expect(404);

    const edited = await t
      .http()
      .patch(path)
      .set(h)
      .send({ outputs: { 1: { json: '{"fixed":true}' } } })
      .expect(200);
    expect(edited.body.record).toMatchObject({ moduleId: 2, outputs: { 1: { json: '{"fixed":true}' } } });
    const audit = await t.http().get('/api/audit?action=incomplete.edited').set(h).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'incomplete.edited',
      targetId: String(ie.id),
      details: { scenarioId: s.id, changed: ['outputs'] },
    });

    // Retry maps the failed module's fields again from the edited outputs.
    const retry = await t.http().post(`${path}/retry`).set(h).expect(202);
    const run = await settle(retry.body.executionId);
    expect(run.status).toBe('success');
    expect(run.modules.find((m: { id: number }) => m.id === 2).ops[0].output).toEqual([{ fixed: true }]);
    expect((await incompleteOf(s.id))[0].status).toBe('resolved');
    await t.http().patch(path).set(h).send({ variables: {} }).expect(409);
  });

  test('a sequential scenario waits while an incomplete execution is unresolved', async () => {
    const bad = [
      { id: 1, module: 'util:SetVariable2', mapper: { name: 'v', value: '{{$input.v}}' } },
      { id: 2, module: 'json:ParseJSON', mapper: { json: '{{1.v}}' } },
    ];
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({
        name: 'Strict order',
        blueprint: { flow: bad, metadata: { scenario: { dlq: true, sequential: true } } },
      })
      .expect(201);
    await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
    await t
      .http()
      .post(`/api/scenarios/${s.id}/run`)
      .set(h)
      .send({ input: { v: '{broken' } })
      .expect(201);
    const waiting = await t
      .http()
      .post(`/api/scenarios/${s.id}/run?async=true`)
      .set(h)
      .send({ input: { v: '{"ok":1}' } })
      .expect(202);
    await (t.app.get(EXECUTION_QUEUE) as InProcessQueue).whenIdle(); // its job was looked at, and it waits
    expect((await t.http().get(`/api/executions/${waiting.body.executionId}`).set(h)).body.status).toBe(
      'queued',
    );
    const [ie] = await incompleteOf(s.id);
    await t.http().post(`/api/incomplete-executions/${ie.id}/resolve`).set(h).expect(204);
    expect((await settle(waiting.body.executionId)).status).toBe('success');
  });

  test('after N consecutive errors a scenario is switched off, with the reason shown in the list', async () => {
    const flow = [{ id: 1, module: 'json:ParseJSON', mapper: { json: 'nope' } }];
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({
        name: 'Always failing',
        blueprint: { flow, metadata: { scenario: { maxErrors: 2 } } },
        schedule: { type: 'interval', minutes: 1 },
      })
      .expect(201);
    await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
    for (let i = 0; i < 2; i++) {
      now += 60_000;
      expect((await tick()).started).toContain(s.id);
      await settleAll(s.id);
    }
    const { body } = await t.http().get('/api/scenarios').set(h).expect(200);
    const listed = body.items.find((x: { id: number }) => x.id === s.id);
    expect(listed).toMatchObject({
      active: false,
      consecutiveErrors: 2,
      deactivation: {
        reason: expect.stringMatching(
          /^Deactivated after 2 consecutive errors\. Last error: json: is not valid JSON/,
        ),
      },
    });
    now += 60_000;
    expect((await tick()).started).not.toContain(s.id);
  });

  async function settleAll(scenarioId: number) {
    for (let i = 0; i < 500; i++) {
      const { body } = await t.http().get(`/api/executions?scenarioId=${scenarioId}&pageSize=200`).set(h);
      if (body.items.every((e: { status: string }) => e.status !== 'queued' && e.status !== 'running'))
        return;
      await new Promise((r) => setImmediate(r));
    }
    throw new Error('runs did not settle');
  }
});
