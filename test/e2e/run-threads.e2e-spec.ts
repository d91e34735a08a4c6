import { RunThreads } from '../../apps/api/src/executions/threads/run-threads';
import { Metrics } from '../../apps/api/src/observability/metrics';
import { databaseTargets } from '../support/databases';
import { auth, hookedScenario, startTestApp, type TestApp } from '../support/app';

// Embedded mode's run threads (INTEGRATOR_WORKERS): a run whose modules all can run on a thread
// is made there, and what the API shows of it is what the main thread would have stored.
const sqlite = databaseTargets().filter((d) => d.name === 'sqlite');

describe.each(sqlite)('run threads on $name', (target) => {
  let t: TestApp;
  let main: TestApp; // the same app without threads: the reference
  beforeAll(async () => {
    [t, main] = await Promise.all([
      startTestApp(target, { runThreads: 1, runThreadMinMs: 0 }),
      startTestApp(target, { runThreads: 0, runThreadMinMs: 0 }),
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
        mapper: {
          status: 201,
          body: '{"total": "{{2.total}}"}',
          headers: [
            { key: 'x-run', value: 'yes' },
            { key: 'content-type', value: 'application/json' },
          ],
        },
      },
    ],
    metadata: { integrator: { format: 1 } },
  });

  const scenario = (app: TestApp, blueprint: (hook: number) => unknown) =>
    hookedScenario(app, blueprint, 'threads');

  /** Calls the hook until a run was made on a thread (the threads start with the first run). */
  async function onThread(path: string, body: object) {
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
      const done = (body.items ?? body).find(
        (e: { status: string }) => !['queued', 'running'].includes(e.status),
      );
      if (done) return (await app.http().get(`/api/executions/${done.id}`).set(h).expect(200)).body;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('no finished execution');
  }

  test('a webhook run on a thread answers and stores what the main thread stores', async () => {
    const body = {
      items: [
        { price: 3, qty: 2 },
        { price: 4, qty: 5 },
      ],
    };
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
    // Everything but the times.
    const shape = (e: Record<string, unknown>) =>
      JSON.parse(
        JSON.stringify({ s: e.status, o: e.operations, m: e.modules, r: e.response, i: e.input }, (k, v) =>
          k === 'durationMs' ? undefined : v,
        ),
      );
    expect(shape(a)).toEqual(shape(b));
    expect(a.status).toBe('success');

    // Operators see them: runs made on threads and threads started.
    const metrics = await t.app.get(Metrics).registry.metrics();
    expect(metrics).toContain(`integrator_thread_runs_total ${t.app.get(RunThreads).finishedOnThreads}`);
    expect(metrics).toContain('integrator_run_threads 1');
    expect(await main.app.get(Metrics).registry.metrics()).toContain('integrator_thread_runs_total 0');
  });

  async function finished(app: TestApp, id: string) {
    const h = auth(app.token);
    for (let i = 0; i < 500; i++) {
      const { body } = await app.http().get(`/api/executions/${id}`).set(h).expect(200);
      if (!['queued', 'running'].includes(body.status)) return body;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`execution ${id} did not end`);
  }

  const sleeping = (hook: number) => ({
    flow: [
      { id: 1, module: 'gateway:CustomWebHook', parameters: { hook } },
      { id: 2, module: 'util:FunctionSleep', mapper: { duration: 60 } },
      { id: 3, module: 'util:SetVariable2', mapper: { name: 'after', value: 'never' } },
    ],
    metadata: { integrator: { format: 1 } },
  });

  test('stopping a run reaches its thread: the wait is cut short and the run ends interrupted', async () => {
    const threads = t.app.get(RunThreads);
    const s = await scenario(t, sleeping);
    const before = threads.finishedOnThreads;
    const { body } = await t.http().post(s.path).send({}).expect(202);
    const id = body.executionId as string;
    const started = Date.now();
    for (let i = 0; ; i++) {
      const res = await t.http().post(`/api/executions/${id}/stop`).set(auth(t.token));
      if (res.status === 202) break;
      if (i > 200) throw new Error(`the run never started: ${res.status}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    const e = await finished(t, id);
    expect(e.status).toBe('warning');
    expect(e.warnings.map((w: { type: string }) => w.type)).toContain('ExecutionInterruptedError');
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(threads.finishedOnThreads).toBe(before + 1);
  });

  test('a thread that dies ends its runs in error, and the next run gets a new thread', async () => {
    const threads = t.app.get(RunThreads);
    const s = await scenario(t, sleeping);
    const { body } = await t.http().post(s.path).send({}).expect(202);
    const id = body.executionId as string;
    // Wait until the run is on the thread, then end the thread under it.
    const pool = threads as unknown as {
      threads: Array<{ runs: Map<string, unknown>; worker: { terminate(): Promise<number> } }>;
    };
    for (let i = 0; !pool.threads.some((th) => th.runs.has(id)); i++) {
      if (i > 500) throw new Error('the run never reached a thread');
      await new Promise((r) => setTimeout(r, 10));
    }
    await pool.threads.find((th) => th.runs.has(id))!.worker.terminate();
    const e = await finished(t, id);
    expect(e.status).toBe('error');
    expect(e.error.message).toMatch(/the run thread stopped .* during the run/);

    const next = await scenario(t, (hook) => flow(hook));
    const res = await onThread(next.path, { items: [{ price: 1, qty: 1 }] });
    expect(res.body).toEqual({ total: 'Total: 1' });
  });

  test("a module reaches the main thread's services (a counter kept between runs)", async () => {
    const s = await scenario(t, (hook) => ({
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', parameters: { hook } },
        { id: 2, module: 'util:FunctionIncrement', parameters: { reset: 'scenario' } },
        {
          id: 3,
          module: 'gateway:WebhookRespond',
          mapper: { status: 200, body: '{{2.i}}' },
        },
      ],
      metadata: { integrator: { format: 1 } },
    }));
    const first = await onThread(s.path, {});
    const second = await onThread(s.path, {});
    expect(Number(second.text)).toBe(Number(first.text) + 1);
  });

  test('a module error on a thread is stored as the main thread stores it', async () => {
    const broken = (hook: number) => ({
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', parameters: { hook } },
        { id: 2, module: 'json:ParseJSON', mapper: { json: '{not json' } },
      ],
      metadata: { integrator: { format: 1 } },
    });
    const threads = t.app.get(RunThreads);
    const a = await scenario(t, broken);
    const b = await scenario(main, broken);
    const before = threads.finishedOnThreads;
    const { body: x } = await t.http().post(a.path).send({}).expect(202);
    const { body: y } = await main.http().post(b.path).send({}).expect(202);
    const [ea, eb] = await Promise.all([finished(t, x.executionId), finished(main, y.executionId)]);
    expect(threads.finishedOnThreads).toBe(before + 1);
    expect(ea.status).toBe('error');
    expect(ea.error).toEqual(eb.error);
  });

  test('a module with a connection keeps its run on the main thread', async () => {
    const threads = t.app.get(RunThreads);
    const s = await scenario(t, (hook) => ({
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', parameters: { hook } },
        {
          id: 2,
          module: 'http:MakeRequest',
          parameters: { connection: 999_999 },
          mapper: { url: 'http://127.0.0.1:9/', method: 'get' },
        },
      ],
      metadata: { integrator: { format: 1 } },
    }));
    const before = threads.finishedOnThreads;
    const { body } = await t.http().post(s.path).send({}).expect(202);
    await finished(t, body.executionId);
    expect(threads.finishedOnThreads).toBe(before);
  });
});
