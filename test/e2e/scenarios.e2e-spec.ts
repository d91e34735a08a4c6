import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';
import { ExecutionsService } from '../../apps/api/src/executions/executions.service';
import { ExecutionRunner } from '../../apps/api/src/executions/runner.service';

const blueprint = (value = '{{1.name}}') => ({
  name: 'Greeter',
  flow: [
    { id: 1, module: 'gateway:CustomWebHook', parameters: {} },
    { id: 2, module: 'util:SetVariable2', mapper: { name: 'greeting', value: `Hello ${value}` } },
    { id: 3, module: 'gateway:WebhookRespond', mapper: { status: 200, body: '{{2.greeting}}' } },
  ],
  metadata: { scenario: { roundtrips: 1 } },
});

describe.each(databaseTargets({ distributed: true }))('scenarios and executions on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target);
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  test('create, run once, read the execution with per-module detail, list history', async () => {
    const created = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Greeter', blueprint: blueprint() })
      .expect(201);
    expect(created.body).toMatchObject({
      id: expect.any(Number),
      version: 1,
      active: false,
      issues: [],
      invalid: false,
    });
    const id = created.body.id;

    const run = await t
      .http()
      .post(`/api/scenarios/${id}/run`)
      .set(h)
      .send({ input: { name: 'Ada' } })
      .expect(201);
    expect(run.body).toMatchObject({
      status: 'success',
      operations: 3,
      trigger: 'manual',
      response: { status: 200, body: 'Hello Ada' },
    });
    const greeter = run.body.modules.find((m: { id: number }) => m.id === 2);
    expect(greeter.ops[0]).toMatchObject({
      input: { name: 'greeting', value: 'Hello Ada' },
      output: [{ greeting: 'Hello Ada' }],
    });

    const asyncRun = await t
      .http()
      .post(`/api/scenarios/${id}/run?async=true`)
      .set(h)
      .send({ input: { name: 'Bob' } })
      .expect(202);
    expect(asyncRun.body.executionId).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(
      async () =>
        (await t.http().get(`/api/executions/${asyncRun.body.executionId}`).set(h)).body.status === 'success',
    );

    const list = await t.http().get(`/api/executions?scenarioId=${id}`).set(h).expect(200);
    expect(list.body.total).toBe(2);
    expect(list.body.items.map((e: { status: string }) => e.status)).toEqual(['success', 'success']);

    const scenarios = await t.http().get('/api/scenarios').set(h).expect(200);
    expect(scenarios.body.items.find((s: { id: number }) => s.id === id).lastRun).toMatchObject({
      status: 'success',
    });

    const stats = await t.http().get(`/api/executions/stats?scenarioId=${id}&days=7`).set(h).expect(200);
    expect(stats.body).toHaveLength(7);
    expect(stats.body.at(-1)).toMatchObject({ runs: 2, operations: 6, errors: 0 });
  });

  test('history filters by a date range (from inclusive, to exclusive) and names a bad bound', async () => {
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Dated', blueprint: blueprint() })
      .expect(201);
    const before = new Date(Date.now() - 1000).toISOString();
    await t
      .http()
      .post(`/api/scenarios/${s.id}/run`)
      .set(h)
      .send({ input: { name: 'A' } })
      .expect(201);
    await t
      .http()
      .post(`/api/scenarios/${s.id}/run`)
      .set(h)
      .send({ input: { name: 'B' } })
      .expect(201);
    const after = new Date(Date.now() + 1000).toISOString();
    const count = async (query: string) =>
      (await t.http().get(`/api/executions?scenarioId=${s.id}&${query}`).set(h).expect(200)).body.total;

    expect(await count(`from=${before}`)).toBe(2);
    expect(await count(`from=${before}&to=${after}`)).toBe(2);
    expect(await count(`from=${after}`)).toBe(0);
    expect(await count(`to=${before}`)).toBe(0);
    // A bare date is accepted: everything from the start of yesterday (UTC) on.
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    expect(await count(`from=${yesterday}`)).toBe(2);

    const bad = await t.http().get('/api/executions?from=yesterday').set(h).expect(400);
    expect(bad.body.fields).toEqual([{ path: 'from', message: expect.stringContaining('ISO 8601') }]);
    const week = await t.http().get('/api/executions?to=2026-W48').set(h).expect(400);
    expect(week.body.fields).toEqual([{ path: 'to', message: expect.stringContaining('date') }]);
    const reversed = await t.http().get(`/api/executions?from=${after}&to=${before}`).set(h).expect(400);
    expect(reversed.body.fields).toEqual([{ path: 'to', message: 'must be later than from' }]);
  });

  test('run once on an unsaved draft: the draft runs, the saved version stays; a bad draft is a 400', async () => {
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Drafted', blueprint: blueprint() })
      .expect(201);
    const draft = blueprint('{{1.name}} (draft)');

    const run = await t
      .http()
      .post(`/api/scenarios/${s.id}/run`)
      .set(h)
      .send({ input: { name: 'Ada' }, blueprint: draft })
      .expect(201);
    expect(run.body).toMatchObject({
      status: 'success',
      scenarioVersion: 1,
      draft: true,
      response: { body: 'Hello Ada (draft)' },
    });

    // Async (a worker in distributed mode reads the draft from the stored run).
    const queued = await t
      .http()
      .post(`/api/scenarios/${s.id}/run?async=true`)
      .set(h)
      .send({ input: { name: 'Bob' }, blueprint: draft })
      .expect(202);
    await waitFor(
      async () =>
        (await t.http().get(`/api/executions/${queued.body.executionId}`).set(h)).body.status === 'success',
    );
    const detail = (await t.http().get(`/api/executions/${queued.body.executionId}`).set(h)).body;
    expect(detail).toMatchObject({ draft: true, response: { body: 'Hello Bob (draft)' } });

    // Queued again without its job's row (the start-up sweep, a crash recovery): the runner
    // finds the draft in the stored run.
    const stored = await t.db().transaction((tx) =>
      t.app.get(ExecutionsService).createQueued(tx, {
        scenarioId: s.id,
        version: 1,
        trigger: 'manual',
        input: { name: 'Di' },
        draft,
      }),
    );
    await t.app
      .get(ExecutionRunner)
      .handle({ executionId: stored, scenarioId: s.id, kind: 'run', enqueuedAt: 0 });
    const swept = (await t.http().get(`/api/executions/${stored}`).set(h)).body;
    expect(swept).toMatchObject({ status: 'success', draft: true, response: { body: 'Hello Di (draft)' } });

    // The saved scenario did not change, and a plain run still uses it.
    const saved = await t.http().get(`/api/scenarios/${s.id}`).set(h).expect(200);
    expect(saved.body).toMatchObject({ version: 1, blueprint: { flow: blueprint().flow } });
    const versions = await t.http().get(`/api/scenarios/${s.id}/versions`).set(h).expect(200);
    expect(versions.body).toHaveLength(1);
    const plain = await t
      .http()
      .post(`/api/scenarios/${s.id}/run`)
      .set(h)
      .send({ input: { name: 'Cy' } })
      .expect(201);
    expect(plain.body).toMatchObject({ draft: false, response: { body: 'Hello Cy' } });

    // A draft with problems is refused before anything is stored.
    const before = (await t.http().get(`/api/executions?scenarioId=${s.id}`).set(h)).body.total;
    const broken = {
      ...draft,
      flow: [draft.flow[0], { id: 2, module: 'nope:Nothing', mapper: {} }, draft.flow[2]],
    };
    const bad = await t
      .http()
      .post(`/api/scenarios/${s.id}/run`)
      .set(h)
      .send({ blueprint: broken })
      .expect(400);
    expect(bad.body.fields).toEqual(
      expect.arrayContaining([
        { path: 'blueprint.flow[1].module', message: expect.stringContaining('nope') },
      ]),
    );
    const shapeless = await t
      .http()
      .post(`/api/scenarios/${s.id}/run`)
      .set(h)
      .send({ blueprint: { flow: 'x' } })
      .expect(400);
    expect(shapeless.body.fields).toEqual([{ path: 'blueprint.flow', message: 'must be a list of modules' }]);
    expect((await t.http().get(`/api/executions?scenarioId=${s.id}`).set(h)).body.total).toBe(before);
  });

  test('a confidential scenario keeps no bundle data, and its executions say so', async () => {
    const secret = 'card 4111-1111-1111-1111';
    const confidential = { ...blueprint(), metadata: { scenario: { roundtrips: 1, confidential: true } } };
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Confidential', blueprint: confidential })
      .expect(201);
    const run = await t
      .http()
      .post(`/api/scenarios/${s.id}/run`)
      .set(h)
      .send({ input: { name: secret } })
      .expect(201);
    // The caller gets its answer; nothing of it is kept.
    expect(run.body).toMatchObject({
      status: 'success',
      operations: 3,
      confidential: true,
      input: null,
      response: { body: `Hello ${secret}` },
    });
    const detail = (await t.http().get(`/api/executions/${run.body.id}`).set(h).expect(200)).body;
    expect(detail).toMatchObject({ confidential: true, input: null, response: null });
    expect(JSON.stringify(detail)).not.toContain('4111');
    // An ordinary scenario says it is not.
    const { body: plain } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Open', blueprint: blueprint() })
      .expect(201);
    const open = await t
      .http()
      .post(`/api/scenarios/${plain.id}/run`)
      .set(h)
      .send({ input: { name: 'Ada' } });
    expect(open.body).toMatchObject({ confidential: false, input: { name: 'Ada' } });
  });

  test('each save stores a version; versions list and restore', async () => {
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Versioned', blueprint: blueprint() })
      .expect(201);
    await t
      .http()
      .put(`/api/scenarios/${s.id}`)
      .set(h)
      .send({ blueprint: blueprint('{{1.name}}!') })
      .expect(200);
    await t.http().put(`/api/scenarios/${s.id}`).set(h).send({ name: 'Renamed' }).expect(200);
    const versions = await t.http().get(`/api/scenarios/${s.id}/versions`).set(h).expect(200);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const restored = await t.http().post(`/api/scenarios/${s.id}/versions/1/restore`).set(h).expect(200);
    expect(restored.body).toMatchObject({ version: 3, name: 'Renamed' });
    expect(restored.body.blueprint.flow[1].mapper.value).toBe('Hello {{1.name}}');
    const exported = await t.http().get(`/api/scenarios/${s.id}/blueprint`).set(h).expect(200);
    expect(exported.headers['content-disposition']).toContain('Renamed.blueprint.json');
    expect(exported.body.flow).toHaveLength(3);
  });

  test('an invalid blueprint is stored with its issues and cannot be switched on; malformed input is a 400', async () => {
    const bad = {
      flow: [
        { id: 1, module: 'gateway:CustomWebHook' },
        { id: 2, module: 'util:SetVariable2', mapper: { name: 'x', value: '{{7.id}}' } },
      ],
      // Ours (half-built): without the marker an invalid body is refused, as it may be Make's.
      metadata: { integrator: { format: 1 } },
    };
    const { body } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Broken', blueprint: bad })
      .expect(201);
    expect(body.invalid).toBe(true);
    expect(body.issues).toEqual([
      { path: 'flow[1].mapper.value', message: 'unknown module id 7 in {{7.id}}' },
    ]);
    const activate = await t.http().post(`/api/scenarios/${body.id}/activate`).set(h).expect(409);
    expect(activate.body.fields[0].path).toBe('flow[1].mapper.value');

    const malformed = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'X', blueprint: { flow: [{ id: 'one' }] } })
      .expect(400);
    expect(malformed.body.fields).toEqual([
      { path: 'blueprint.flow[0].id', message: 'must be a whole number' },
      { path: 'blueprint.flow[0].module', message: 'must be a module key such as "http:MakeRequest"' },
    ]);
    await t.http().post('/api/scenarios').set(h).send({ blueprint: bad }).expect(400);
    const schedule = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'S', schedule: { type: 'interval', minutes: 0 } })
      .expect(400);
    expect(schedule.body.fields[0].path).toBe('schedule.minutes');
    await t.http().get('/api/scenarios/99999').set(h).expect(404);
    await t.http().get('/api/scenarios/abc').set(h).expect(400);
  });

  test('a failing run is recorded with the error on its module', async () => {
    const failing = {
      flow: [
        { id: 1, module: 'gateway:CustomWebHook' },
        { id: 2, module: 'json:ParseJSON', mapper: { json: '{{1.text}}' } },
      ],
    };
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Parser', blueprint: failing })
      .expect(201);
    const run = await t
      .http()
      .post(`/api/scenarios/${s.id}/run`)
      .set(h)
      .send({ input: { text: '{nope' } })
      .expect(201);
    expect(run.body).toMatchObject({ status: 'error', error: { moduleId: 2, field: 'json', kind: 'user' } });
    expect(run.body.modules.find((m: { id: number }) => m.id === 2).ops[0].error.message).toMatch(
      /not valid JSON/,
    );
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}
