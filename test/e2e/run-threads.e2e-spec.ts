import { RunThreads } from '../../apps/api/src/executions/threads/run-threads';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// Embedded mode's run threads (INTEGRATOR_WORKERS): a run whose modules all can run on a thread
// is made there, and what the API shows of it is what the main thread would have stored.
const sqlite = databaseTargets().filter((d) => d.name === 'sqlite');

describe.each(sqlite)('run threads on $name', (target) => {
  let t: TestApp;
  let main: TestApp; // the same app without threads: the reference
  beforeAll(async () => {
    [t, main] = await Promise.all([
      startTestApp(target, { runThreads: 1 }),
      startTestApp(target, { runThreads: 0 }),
    ]);
  });
  afterAll(() => Promise.all([t?.close(), main?.close()]));

  const flow = (hook: number, extra: unknown[] = []) => ({
    flow: [
      { id: 1, module: 'gateway:CustomWebHook', parameters: { hook } },
      {
        id: 2,
        module: 'util:SetVariable2',
        mapper: { name: 'total', value: '{{"Total: " & $string($sum(1.items.(price * qty)))}}' },
      },
      ...extra,
      {
        id: 9,
        module: 'gateway:WebhookRespond',
        mapper: { status: 201, body: '{"total": "{{2.total}}"}', headers: [
          { key: 'x-run', value: 'yes' },
          { key: 'content-type', value: 'application/json' },
        ],
        },
      },
    ],
    metadata: { integrator: { format: 1 } },
  });

  async function scenario(app: TestApp, blueprint: (hook: number) => unknown) {
    const h = auth(app.token);
    const { body: hook } = await app.http().post('/api/hooks').set(h).send({ name: 'threads' }).expect(201);
    const { body: s } = await app
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'threads', blueprint: blueprint(hook.id) })
      .expect(201);
    await app.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
    return { path: new URL(hook.url).pathname, id: s.id as number };
  }

  /** Calls the hook until a run was made on a thread (the threads start with the first run). */
  async function onThread(path: string, body: unknown) {
    const threads = t.app.get(RunThreads);
    for (let i = 0; i < 500; i++) {
      const before = threads.finishedOnThreads;
      const res = await t.http().post(path).send(body);
      if (threads.finishedOnThreads > before) return res;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no run was made on a thread');
  }

  async function executionOf(app: TestApp, scenarioId: number) {
    const h = auth(app.token);
    for (let i = 0; i < 200; i++) {
      const { body } = await app.http().get(`/api/executions?scenarioId=${scenarioId}`).set(h).expect(200);
      const done = (body.items ?? body).find((e: { status: string }) => !['queued', 'running'].includes(e.status));
      if (done) return (await app.http().get(`/api/executions/${done.id}`).set(h).expect(200)).body;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no finished execution');
  }

  test('a webhook run on a thread answers and stores what the main thread stores', async () => {
    const body = { items: [{ price: 3, qty: 2 }, { price: 4, qty: 5 }] };
    const threaded = await scenario(t, (hook) => flow(hook));
    const res = await onThread(threaded.path, body);
    expect(res.status).toBe(201);
    expect(res.headers['x-run']).toBe('yes');
    expect(res.body).toEqual({ total: 'Total: 26' });

    const reference = await scenario(main, (hook) => flow(hook));
    const ref = await main.http().post(reference.path).send(body).expect(201);
    expect(ref.body).toEqual(res.body);
    expect(main.app.get(RunThreads).finishedOnThreads).toBe(0);

    const [a, b] = await Promise.all([executionOf(t, threaded.id), executionOf(main, reference.id)]);
    const shape = (e: Record<string, unknown>) => ({
      status: e.status,
      operations: e.operations,
      modules: (e.modules as Array<Record<string, unknown>>).map((m) => ({ ...m, durationMs: undefined })),
      response: e.response,
      input: e.input,
    });
    expect(shape(a)).toEqual(shape(b));
    expect(a.status).toBe('success');
  });
});
