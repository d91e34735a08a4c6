import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// POST /api/executions/:id/stop: the run ends after its current operation, a wait cut short.
// The runner makes a run's AbortSignal only when a module asks for it (engine: stop-switch), so
// this checks both a run that waits (it asked) and the end result as the API shows it.
describe.each(databaseTargets())('stopping a run on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target);
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  test('a sleeping run is woken and ends interrupted; an unknown one is a 404', async () => {
    const { body: hook } = await t.http().post('/api/hooks').set(h).send({ name: 'stop' }).expect(201);
    const blueprint = {
      flow: [
        { id: 1, module: 'gateway:CustomWebHook', parameters: { hook: hook.id } },
        { id: 2, module: 'util:FunctionSleep', mapper: { duration: 60 } },
        { id: 3, module: 'util:SetVariable2', mapper: { name: 'after', value: 'never' } },
      ],
      metadata: { integrator: { format: 1 } },
    };
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'stop', blueprint })
      .expect(201);
    await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
    const { body: accepted } = await t.http().post(new URL(hook.url).pathname).send({ n: 1 }).expect(202);
    const id = accepted.executionId as string;
    const started = Date.now();
    // Stopped once it runs (it is claimed right after the acknowledgement).
    for (let i = 0; ; i++) {
      const res = await t.http().post(`/api/executions/${id}/stop`).set(h);
      if (res.status === 202) break;
      if (i > 200) throw new Error(`the run never started: ${res.status}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    for (let i = 0; i < 500; i++) {
      const { body: e } = await t.http().get(`/api/executions/${id}`).set(h).expect(200);
      if (e.status !== 'running' && e.status !== 'queued') {
        expect(e.status).toBe('warning');
        expect(e.warnings.map((w: { type: string }) => w.type)).toContain('ExecutionInterruptedError');
        const after = e.modules.find((m: { id: number }) => m.id === 3) as { operations: number } | undefined;
        expect(after?.operations ?? 0).toBe(0);
        expect(Date.now() - started).toBeLessThan(30_000); // the 60 s wait was cut short
        await t.http().post(`/api/executions/${id}/stop`).set(h).expect(404);
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the stopped run did not end');
  });
});
