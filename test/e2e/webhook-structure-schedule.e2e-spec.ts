import { SchedulerService } from '../../apps/api/src/scheduler/scheduler.service';
import { databaseTargets } from '../support/databases';
import { auth, dropSharedDatabase, sharedDatabase, startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/processes';

// "Redetermine data structure" (the next request becomes the hook's sample, not a run) and an
// instant trigger on a time schedule or "On demand" (requests wait in the queue for the
// scheduled runs, or for a run on demand).
const at = (iso: string) => Date.parse(iso);
const MARK = { integrator: { format: 1 } };

describe.each(databaseTargets())('webhook structure and schedule on $name', (target) => {
  let now = at('2026-05-04T10:00:00Z');
  const shared = sharedDatabase(target);
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target, { now: () => now, sessionHours: 24 * 365 }, undefined, shared);
    h = auth(t.token);
  });
  afterAll(async () => {
    await t?.close();
    await dropSharedDatabase(shared);
  });

  async function hooked(name: string, schedule?: Record<string, unknown>, maxResults?: number) {
    const hook = (await t.http().post('/api/hooks').set(h).send({ name }).expect(201)).body;
    const blueprint = {
      flow: [
        {
          id: 1,
          module: 'gateway:CustomWebHook',
          parameters: { hook: hook.id, ...(maxResults ? { maxResults } : {}) },
        },
        { id: 2, module: 'util:SetVariable2', mapper: { name: 'n', value: '{{1.n}}' } },
      ],
      metadata: MARK,
    };
    const s = (await t.http().post('/api/scenarios').set(h).send({ name, blueprint, schedule }).expect(201))
      .body;
    await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
    return { hook, scenario: s, path: new URL(hook.url).pathname };
  }
  const runs = async (scenarioId: number) =>
    (await t.db().query(`SELECT id, trigger FROM executions WHERE "scenarioId" = ${scenarioId}`)) as Array<{
      id: string;
      trigger: string;
    }>;
  const tick = () => t.app.get(SchedulerService).tick();

  test('a listening hook takes the next request as its data structure instead of running it', async () => {
    const { hook, scenario, path } = await hooked('Orders');
    expect((await t.http().get(`/api/scenarios/${scenario.id}`).set(h)).body.scheduleText).toBe(
      'Immediately as data arrives',
    );
    const listening = await t.http().post(`/api/hooks/${hook.id}/listen`).set(h).expect(200);
    expect(listening.body).toMatchObject({ listening: true, sample: null });

    const res = await t
      .http()
      .post(`${path}?source=shop`)
      .send({ n: 7, customer: { name: 'Ada' } })
      .expect(200);
    expect(res.body).toEqual({ accepted: true, determined: true });
    const after = (await t.http().get(`/api/hooks/${hook.id}`).set(h).expect(200)).body;
    expect(after).toMatchObject({
      listening: false,
      sample: { source: 'shop', n: 7, customer: { name: 'Ada' } },
      sampleAt: now,
    });
    expect(await runs(scenario.id)).toEqual([]);

    // Listening ends with that one request: the next one runs.
    const next = await t.http().post(path).send({ n: 8 }).expect(202);
    expect(next.body.executionId).toBeDefined();
    await eventually(async () => (await runs(scenario.id)).length === 1, 5_000, 'the run');

    // Stopping keeps the structure determined before.
    await t.http().post(`/api/hooks/${hook.id}/listen`).set(h).expect(200);
    const stopped = (await t.http().delete(`/api/hooks/${hook.id}/listen`).set(h).expect(200)).body;
    expect(stopped).toMatchObject({ listening: false, sample: { n: 7 } });
    await t.http().post(path).send({ n: 9 }).expect(202);
    expect((await t.http().get(`/api/hooks/${hook.id}`).set(h)).body.sample.n).toBe(7);
  });

  test('on a 15-minute schedule requests are stored, not run, and the scheduled run takes them in order, across a restart', async () => {
    now = at('2026-05-04T10:01:00Z');
    const { hook, scenario, path } = await hooked('Batched', { type: 'interval', minutes: 15 }, 3);
    expect(scenario).toMatchObject({
      instant: true,
      scheduleText: 'Every 15 minutes',
      queueText: 'Requests wait in the queue and are processed every 15 minutes, at most 3 per run.',
    });
    for (const n of [1, 2, 3, 4]) {
      const res = await t.http().post(path).send({ n }).expect(202);
      expect(res.body).toEqual({ accepted: true, queued: true });
    }
    expect(await runs(scenario.id)).toEqual([]);
    expect((await t.http().get(`/api/hooks/${hook.id}/queue`).set(h)).body.total).toBe(4);
    now = at('2026-05-04T10:05:00Z');
    expect((await tick()).started).toEqual([]);

    // A restart between arrival and the scheduled time loses nothing.
    await t.close();
    t = await startTestApp(target, { now: () => now, sessionHours: 24 * 365 }, undefined, shared);
    h = auth(t.token);
    expect(await runs(scenario.id)).toEqual([]);
    expect((await t.http().get(`/api/hooks/${hook.id}/queue`).set(h)).body.total).toBe(4);

    now = at('2026-05-04T10:16:30Z');
    expect((await tick()).started).toEqual([scenario.id]);
    const [first] = await runs(scenario.id);
    expect(first.trigger).toBe('schedule');
    const run = await eventually(
      async () => {
        const e = (await t.http().get(`/api/executions/${first.id}`).set(h)).body;
        return e.status === 'success' ? e : undefined;
      },
      10_000,
      'the scheduled run',
    );
    expect(run.input.map((p: { n: number }) => p.n)).toEqual([1, 2, 3]);
    expect((await t.http().get(`/api/hooks/${hook.id}/queue`).set(h)).body.total).toBe(1);
    expect((await tick()).started).toEqual([]); // one run per slot

    now = at('2026-05-04T10:31:00Z');
    expect((await tick()).started).toEqual([scenario.id]);
    expect((await t.http().get(`/api/hooks/${hook.id}/queue`).set(h)).body.total).toBe(0);
    // Nothing waiting: the slot passes without an empty run.
    now = at('2026-05-04T10:46:00Z');
    expect((await tick()).started).toEqual([]);
    expect(await runs(scenario.id)).toHaveLength(2);

    // Back to "immediately as data arrives": requests run as they come again.
    await t
      .http()
      .put(`/api/scenarios/${scenario.id}`)
      .set(h)
      .send({ schedule: { type: 'immediately' } })
      .expect(200);
    const direct = await t.http().post(path).send({ n: 5 }).expect(202);
    expect(direct.body.executionId).toBeDefined();
  });

  test('"On demand": requests are stored, not run, and a run on demand takes them; an explicit input leaves them', async () => {
    const { hook, scenario, path } = await hooked('Held', { type: 'onDemand' });
    expect(scenario).toMatchObject({
      instant: true,
      scheduleText: 'On demand',
      queueText: 'Requests wait in the queue until the scenario is run (at most 2 per run).',
    });
    for (const n of [1, 2, 3]) {
      const res = await t.http().post(path).send({ n }).expect(202);
      expect(res.body).toEqual({ accepted: true, queued: true });
    }
    expect(await runs(scenario.id)).toEqual([]);
    expect((await tick()).started).toEqual([]); // no schedule starts it either
    const queue = async () => (await t.http().get(`/api/hooks/${hook.id}/queue`).set(h)).body.total;
    expect(await queue()).toBe(3);

    // An explicit input runs that input; the waiting requests stay.
    const own = await t
      .http()
      .post(`/api/scenarios/${scenario.id}/run`)
      .set(h)
      .send({ input: { n: 9 } });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ status: 'success', input: { n: 9 } });
    expect(await queue()).toBe(3);

    // Without one, the run takes the oldest two (the trigger's maximum) as its bundles.
    const first = await t.http().post(`/api/scenarios/${scenario.id}/run`).set(h).send({}).expect(201);
    expect(first.body.status).toBe('success');
    expect(first.body.input.map((p: { n: number }) => p.n)).toEqual([1, 2]);
    expect(await queue()).toBe(1);
    // The editor's unsaved draft takes them the same way.
    const started = await t
      .http()
      .post(`/api/scenarios/${scenario.id}/run?async=true`)
      .set(h)
      .send({ blueprint: scenario.blueprint });
    expect(started.status).toBe(202);
    const last = await eventually(
      async () => {
        const e = (await t.http().get(`/api/executions/${started.body.executionId}`).set(h)).body;
        return e.status === 'success' ? e : undefined;
      },
      10_000,
      'the run on demand',
    );
    expect(last).toMatchObject({ draft: true, input: [{ n: 3 }] });
    expect(await queue()).toBe(0);
    // Each request ran exactly once, and only in the runs on demand.
    expect((await runs(scenario.id)).map((r) => r.trigger)).toEqual(['manual', 'manual', 'manual']);
  });
});

// Two API processes on one PostgreSQL database: the one that did not set the flag (and had the
// hook cached) still takes the next request as the sample.
for (const target of databaseTargets().filter((x) => x.name === 'postgres'))
  describe(`redetermining with two API processes on ${target.name}`, () => {
    test('the process that receives the request sees the listening flag set through the other', async () => {
      const shared = sharedDatabase(target);
      const a = await startTestApp(target, {}, undefined, shared);
      const b = await startTestApp(target, {}, undefined, shared);
      try {
        const h = auth(a.token);
        const hook = (await a.http().post('/api/hooks').set(h).send({ name: 'Two' }).expect(201)).body;
        const path = new URL(hook.url).pathname;
        await b.http().post(path).send({ warm: true }).expect(202); // B caches the hook, not listening
        await a.http().post(`/api/hooks/${hook.id}/listen`).set(h).expect(200);
        await eventually(
          async () => (await b.http().post(path).send({ from: 'b' })).status === 200,
          1_000,
          'B to take the request as the sample',
        );
        const seen = (await a.http().get(`/api/hooks/${hook.id}`).set(h)).body;
        expect(seen).toMatchObject({ listening: false, sample: { from: 'b' } });
      } finally {
        await b.close();
        await a.close();
        await dropSharedDatabase(shared);
      }
    });
  });
