import { FakeMetricsApi } from '../../libs/apps/custom-connector/test/fake-metrics-api';
import { SchedulerService } from '../../apps/api/src/scheduler/scheduler.service';
import { auth, sharedDatabase, startTestApp, type CapturedLogs, type TestApp } from '../support/app';
import { databaseTargets } from '../support/databases';

const at = (iso: string) => Date.parse(iso);
const Q1 = { periodStart: '2026-01-01', periodEnd: '2026-03-31' };
const WRONG_TOKEN = 'wrong-token-6d1f0b';
type Headers = Record<string, string>;
type Body = Record<string, unknown>;

describe.each(databaseTargets())('key results and check-ins on $name', (target) => {
  let t: TestApp & { logs: CapturedLogs };
  let now = at('2026-03-01T20:00:00Z');
  let admin: Headers;
  let alice: Headers;
  let bob: Headers;
  const ids: Record<string, number> = {};
  const api = new FakeMetricsApi();
  const call = (h: Headers) => ({
    get: (path: string) => t.http().get(path).set(h),
    post: (path: string, body: object = {}) => t.http().post(path).set(h).send(body),
    put: (path: string, body: object) => t.http().put(path).set(h).send(body),
    delete: (path: string) => t.http().delete(path).set(h),
  });
  const tick = () => t.app.get(SchedulerService).tick();
  const keyResult = async (body: Body, h = admin) =>
    (
      await call(h)
        .post('/api/key-results', { objectiveId: ids.objective, ...body })
        .expect(201)
    ).body;
  const history = async (id: number) =>
    (await call(admin).get(`/api/key-results/${id}/check-ins`).expect(200)).body as Body[];
  const connector = async (body: Body) =>
    (
      await call(admin)
        .post('/api/custom-connectors', { name: 'KPI', ...body })
        .expect(201)
    ).body.id as number;

  beforeAll(async () => {
    await api.start();
    // Sessions outlast the days the clock moves through.
    t = await startTestApp(target, { now: () => now, sessionHours: 24 * 30 });
    admin = auth(t.token);
    for (const [name, timezone] of [
      ['alice', 'Europe/Amsterdam'],
      ['bob', 'America/New_York'],
    ]) {
      const { body } = await call(admin)
        .post('/api/users', {
          email: `${name}@example.com`,
          name,
          password: 'password123',
          role: 'user',
          timezone,
        })
        .expect(201);
      ids[name] = body.id;
    }
    alice = auth(await t.login('alice@example.com', 'password123'));
    bob = auth(await t.login('bob@example.com', 'password123'));
    ids.objective = (
      await call(admin)
        .post('/api/objectives', { name: 'Grow revenue', ...Q1 })
        .expect(201)
    ).body.id;
  });
  afterAll(async () => {
    await t?.close();
    await api.stop();
  });

  test('objectives and key results: CRUD, progress with each key result, 400s naming fields', async () => {
    const kr = await keyResult({
      name: 'MRR to 20k',
      type: 'increase',
      startValue: 10000,
      targetValue: 20000,
      unit: 'EUR',
      ownerId: ids.alice,
    });
    expect(kr).toMatchObject({
      ...Q1,
      ownerId: ids.alice,
      currentValue: 10000,
      progress: 0,
      plannedCheckIns: 13,
      checkInFrequency: { type: 'weekly', weekday: 5 },
    });
    const same = await call(admin)
      .post('/api/key-results', {
        objectiveId: ids.objective,
        name: 'x',
        type: 'increase',
        startValue: 5,
        targetValue: 5,
      })
      .expect(400);
    expect(same.body.fields).toEqual([
      { path: 'targetValue', message: 'must differ from startValue (progress is measured between them)' },
    ]);
    const between = await call(admin)
      .post('/api/key-results', {
        objectiveId: ids.objective,
        name: 'x',
        type: 'control',
        controlType: 'between',
        lowerLimit: 1,
      })
      .expect(400);
    expect(between.body.fields).toEqual([
      { path: 'upperLimit', message: 'is required for an in-between Control KPI' },
    ]);
    const wrong = await call(admin)
      .post('/api/key-results', { objectiveId: 999, name: 'x', type: 'sideways', startValue: 'a' })
      .expect(400);
    expect(wrong.body.fields.map((f: { path: string }) => f.path).sort()).toEqual(['startValue', 'type']);
    expect(
      (
        await call(admin)
          .post('/api/key-results', {
            objectiveId: 999,
            name: 'x',
            type: 'increase',
            startValue: 1,
            targetValue: 2,
          })
          .expect(400)
      ).body.fields,
    ).toEqual([{ path: 'objectiveId', message: 'objective 999 does not exist' }]);
    await call(bob)
      .post('/api/key-results', {
        objectiveId: ids.objective,
        name: 'x',
        type: 'increase',
        startValue: 1,
        targetValue: 2,
      })
      .expect(403);

    // Becoming a Control KPI drops the Increase fields that no longer apply.
    const control = (
      await call(alice)
        .put(`/api/key-results/${kr.id}`, {
          type: 'control',
          controlType: 'atMost',
          targetValue: 1,
          progressMethod: 'distance',
        })
        .expect(200)
    ).body;
    expect(control).toMatchObject({ type: 'control', controlType: 'atMost', targetValue: 1, progress: null });
    await call(bob).put(`/api/key-results/${kr.id}`, { name: 'mine' }).expect(403);
    expect(
      (await call(alice).put(`/api/key-results/${kr.id}`, { name: null, startValue: null }).expect(400)).body
        .fields,
    ).toEqual([{ path: 'name', message: 'must not be null' }]);
    expect(
      (await call(bob).get(`/api/key-results?objectiveId=${ids.objective}`).expect(200)).body.map(
        (k: Body) => k.id,
      ),
    ).toContain(kr.id);
    const objective = (await call(bob).get(`/api/objectives/${ids.objective}`).expect(200)).body;
    expect(objective).toMatchObject({
      name: 'Grow revenue',
      keyResults: [expect.objectContaining({ id: kr.id })],
    });
    await call(alice).delete(`/api/key-results/${kr.id}`).expect(204);
    await call(admin).get(`/api/key-results/${kr.id}`).expect(404);
    await call(admin)
      .post('/api/objectives', { name: 'x', periodStart: '2026-04-01', periodEnd: '2026-03-01' })
      .expect(400);
  });

  test('check-in review: pending with the progress it would produce, confirm or discard by the owner only', async () => {
    const kr = await keyResult({
      name: 'Signups',
      type: 'increase',
      startValue: 100,
      targetValue: 200,
      ownerId: ids.alice,
    });
    const submitted = (
      await call(bob).post(`/api/key-results/${kr.id}/check-ins`, { value: 150, note: 'week 9' }).expect(201)
    ).body;
    expect(submitted.checkIn).toMatchObject({
      status: 'pending',
      value: 150,
      progress: 50,
      source: 'manual',
      createdBy: ids.bob,
      note: 'week 9',
      confirmedBy: null,
    });
    expect(submitted.keyResult).toMatchObject({ currentValue: 100, progress: 0 });
    await call(bob).post(`/api/key-results/${kr.id}/check-ins`, { value: 1, confirm: true }).expect(403);
    await call(bob).post(`/api/check-ins/${submitted.checkIn.id}/confirm`).expect(403);

    const confirmed = (await call(alice).post(`/api/check-ins/${submitted.checkIn.id}/confirm`).expect(200))
      .body;
    expect(confirmed.checkIn).toMatchObject({
      status: 'confirmed',
      confirmedBy: ids.alice,
      confirmedAt: now,
      progress: 50,
    });
    expect(confirmed.keyResult).toMatchObject({ currentValue: 150, progress: 50 });
    await call(alice).post(`/api/check-ins/${submitted.checkIn.id}/discard`).expect(409);

    now += 60_000;
    const second = (await call(bob).post(`/api/key-results/${kr.id}/check-ins`, { value: 260 }).expect(201))
      .body.checkIn;
    expect(second.progress).toBe(160); // unclamped
    expect(
      (await call(admin).post(`/api/check-ins/${second.id}/discard`).expect(200)).body.checkIn,
    ).toMatchObject({ status: 'discarded' });
    expect((await call(admin).get(`/api/key-results/${kr.id}`).expect(200)).body).toMatchObject({
      currentValue: 150,
      progress: 50,
    });
    await call(alice).post(`/api/check-ins/${second.id}/confirm`).expect(409);
    const direct = (
      await call(alice).post(`/api/key-results/${kr.id}/check-ins`, { value: 175, confirm: true }).expect(201)
    ).body;
    expect(direct).toMatchObject({
      checkIn: { status: 'confirmed', confirmedBy: ids.alice },
      keyResult: { currentValue: 175, progress: 75 },
    });
    expect((await history(kr.id)).map((c) => c.status)).toEqual(['confirmed', 'discarded', 'confirmed']);
    const future = await call(alice)
      .post(`/api/key-results/${kr.id}/check-ins`, { value: 1, takenAt: now + 1 })
      .expect(400);
    expect(future.body.fields).toEqual([{ path: 'takenAt', message: 'must not be in the future' }]);
  });

  test('a Control KPI counts successful check-ins against the planned ones', async () => {
    const kr = await keyResult({
      name: 'Uptime',
      type: 'control',
      controlType: 'atLeast',
      targetValue: 99,
      progressMethod: 'successRate',
      ownerId: ids.alice,
    });
    expect(kr).toMatchObject({ plannedCheckIns: 13, progress: null });
    const fridays = ['2026-01-02', '2026-01-09', '2026-01-16', '2026-01-23'];
    const values = [99.5, 98, 99.9, 99];
    for (const [i, day] of fridays.entries()) {
      await call(alice)
        .post(`/api/key-results/${kr.id}/check-ins`, {
          value: values[i],
          takenAt: at(`${day}T12:00:00Z`),
          confirm: true,
        })
        .expect(201);
    }
    expect((await call(alice).get(`/api/key-results/${kr.id}`).expect(200)).body.progress).toBe(23.08); // 3 of 13
  });

  test('the daily 09:00 automated check-in in each owner’s time zone, once per slot; failures recorded', async () => {
    await call(admin)
      .put('/api/organization', { integrations: { customConnector: true }, timezone: 'Asia/Tokyo' })
      .expect(200);
    const metrics = await connector({ url: `${api.url}/open/metrics`, fieldPath: 'data.metrics[0].value' });
    const refused = await connector({
      url: `${api.url}/bearer/metrics`,
      fieldPath: 'data.metrics[0].value',
      auth: { type: 'bearer', token: WRONG_TOKEN },
    });
    const text = await connector({ url: `${api.url}/open/metrics`, fieldPath: 'data.metrics[0].name' });
    expect((await call(alice).get(`/api/okr/connector-value/${metrics}`).expect(200)).body).toEqual({
      connectorId: metrics,
      status: 200,
      fieldPath: 'data.metrics[0].value',
      value: 42,
    });
    // The service answered 200 without a number: its status stays, and valueError says why.
    expect((await call(alice).get(`/api/okr/connector-value/${text}`).expect(200)).body).toMatchObject({
      status: 200,
      value: null,
      valueError: expect.stringMatching(/text "MRR", not a number/),
    });
    expect((await call(alice).get(`/api/okr/connector-value/${refused}`).expect(502)).body.message).toMatch(
      /^the request failed: 401/,
    );
    await call(alice).get('/api/okr/connector-value/999').expect(404);

    const a = await keyResult({
      name: 'Metric (Amsterdam)',
      type: 'increase',
      targetValue: 100,
      connectorId: metrics,
      setStartFromConnector: true,
      ownerId: ids.alice,
    });
    expect(a).toMatchObject({ startValue: 42, currentValue: 42, connectorId: metrics, autoConfirm: false });
    const b = await keyResult({
      name: 'Metric (New York)',
      type: 'control',
      controlType: 'atLeast',
      targetValue: 40,
      progressMethod: 'distance',
      connectorId: metrics,
      autoConfirm: true,
      ownerId: ids.bob,
    });
    const failing = await keyResult({
      name: 'Refused (Tokyo)',
      type: 'increase',
      startValue: 1,
      targetValue: 2,
      connectorId: refused,
    });
    const notNumber = await keyResult({
      name: 'Text (Tokyo)',
      type: 'increase',
      startValue: 1,
      targetValue: 2,
      connectorId: text,
    });
    expect(
      (
        await call(admin)
          .post('/api/key-results', {
            objectiveId: ids.objective,
            name: 'x',
            type: 'increase',
            targetValue: 2,
            connectorId: 999,
          })
          .expect(400)
      ).body.fields,
    ).toEqual([{ path: 'connectorId', message: 'custom connector 999 does not exist' }]);
    api.metrics = { data: { metrics: [{ name: 'MRR', value: 50 }] } };
    const reads = () => api.requestsTo('/open/metrics').length;
    const before = reads();

    // Tokyo 09:00 = 00:00 UTC, Amsterdam 09:00 = 08:00 UTC (CET), New York 09:00 = 14:00 UTC (EST).
    now = at('2026-03-02T00:00:00Z');
    await tick();
    expect((await history(failing.id))[0]).toMatchObject({
      status: 'failed',
      source: 'automated',
      value: null,
      progress: null,
    });
    const reason = String((await history(failing.id))[0].failureReason);
    expect(reason).toMatch(/^401 Unauthorized from GET/);
    expect(reason).not.toContain(WRONG_TOKEN);
    expect((await history(notNumber.id))[0].failureReason).toMatch(
      /the value at data.metrics\[0\].name is the text "MRR", not a number/,
    );
    expect((await call(admin).get(`/api/key-results/${failing.id}`).expect(200)).body).toMatchObject({
      currentValue: 1,
      progress: 0,
      // Tokyo's 09:00 of the next day; Alice (Amsterdam) and Bob (New York) are still due today.
      nextAutomatedCheckIn: at('2026-03-03T00:00:00Z'),
    });
    const listed = (await call(admin).get('/api/key-results').expect(200)).body as Array<{
      id: number;
      nextAutomatedCheckIn: number | null;
    }>;
    const next = new Map(listed.map((k) => [k.id, k.nextAutomatedCheckIn]));
    expect([next.get(a.id), next.get(b.id)]).toEqual([
      at('2026-03-02T08:00:00Z'),
      at('2026-03-02T14:00:00Z'),
    ]);
    now = at('2026-03-02T07:59:00Z');
    await tick();
    expect(await history(a.id)).toEqual([]);
    expect(reads()).toBe(before + 1); // only the Tokyo text connector so far

    now = at('2026-03-02T08:00:30Z');
    await Promise.all([tick(), tick()]);
    await tick();
    const [pending, ...none] = await history(a.id);
    expect(none).toEqual([]);
    expect(pending).toMatchObject({ status: 'pending', source: 'automated', value: 50, progress: 13.79 });
    expect((await call(admin).get(`/api/key-results/${a.id}`).expect(200)).body).toMatchObject({
      currentValue: 42,
      progress: 0,
    });
    expect(await history(b.id)).toEqual([]);
    expect(reads()).toBe(before + 2);

    now = at('2026-03-02T14:00:00Z');
    await tick();
    expect(await history(b.id)).toEqual([
      expect.objectContaining({ status: 'confirmed', value: 50, progress: 125, confirmedBy: null }),
    ]);
    expect((await call(bob).get(`/api/key-results/${b.id}`).expect(200)).body).toMatchObject({
      currentValue: 50,
      progress: 125,
    });
    expect(await history(a.id)).toHaveLength(1);

    now = at('2026-03-03T08:00:00Z');
    await tick();
    expect(await history(a.id)).toHaveLength(2);
    expect(await history(b.id)).toHaveLength(1);

    // Run now, on request of the owner only.
    await call(bob).post(`/api/key-results/${a.id}/automated-check-in`).expect(403);
    const manual = (await call(alice).post(`/api/key-results/${a.id}/automated-check-in`).expect(201)).body;
    expect(manual.checkIn).toMatchObject({ status: 'pending', source: 'automated', value: 50 });
    expect(t.logs.lines.join('\n')).not.toContain(WRONG_TOKEN);
  });

  test('a scenario feeds a key result (okr:checkIn) and reads it (okr:getKeyResult)', async () => {
    const kr = await keyResult({
      name: 'Revenue',
      type: 'increase',
      startValue: 0,
      targetValue: 200,
      ownerId: ids.alice,
    });
    const metrics = await connector({ url: `${api.url}/open/metrics`, fieldPath: 'data.metrics[0].value' });
    const flow = [
      { id: 1, module: 'custom:getValue', version: 1, parameters: { connector: metrics }, mapper: {} },
      {
        id: 2,
        module: 'okr:checkIn',
        version: 1,
        parameters: { keyResult: kr.id },
        mapper: { value: '{{1.value}}', note: 'MRR', confirm: true },
      },
      { id: 3, module: 'okr:getKeyResult', version: 1, parameters: { keyResult: String(kr.id) } },
    ];
    const { body: scenario } = await call(admin)
      .post('/api/scenarios', { name: 'MRR into revenue', blueprint: { name: 'MRR', flow } })
      .expect(201);
    const run = (await call(admin).post(`/api/scenarios/${scenario.id}/run`).expect(201)).body;
    expect(run.status).toBe('success');
    expect(run.modules[1].ops[0].output[0]).toMatchObject({
      status: 'confirmed',
      source: 'scenario',
      value: 50,
      progress: 25,
      scenarioId: scenario.id,
      note: 'MRR',
    });
    expect(run.modules[2].ops[0].output[0]).toMatchObject({ id: kr.id, currentValue: 50, progress: 25 });
    expect((await history(kr.id))[0]).toMatchObject({
      source: 'scenario',
      status: 'confirmed',
      confirmedBy: null,
    });

    const pendingFlow = [{ ...flow[1], mapper: { value: 120 } }];
    const { body: pendingScenario } = await call(admin)
      .post('/api/scenarios', { name: 'Pending', blueprint: { name: 'Pending', flow: pendingFlow } })
      .expect(201);
    const pending = (await call(admin).post(`/api/scenarios/${pendingScenario.id}/run`).expect(201)).body;
    expect(pending.modules[0].ops[0].output[0]).toMatchObject({
      status: 'pending',
      progress: 60,
      keyResult: { progress: 25 },
    });

    const missing = [{ ...flow[1], parameters: { keyResult: 9999 }, mapper: { value: 1 } }];
    const { body: broken } = await call(admin)
      .post('/api/scenarios', { name: 'Missing', blueprint: { name: 'Missing', flow: missing } })
      .expect(201);
    const failed = (await call(admin).post(`/api/scenarios/${broken.id}/run`).expect(201)).body;
    expect(failed.error).toMatchObject({ kind: 'user', message: 'keyResult: key result 9999 not found' });
  });
});

// Two API processes share one PostgreSQL database (SQLite serves a single process).
for (const target of databaseTargets().filter((x) => x.name === 'postgres'))
  describe(`daily check-in with two API processes on ${target.name}`, () => {
    test('each 09:00 slot is claimed once', async () => {
      const api = new FakeMetricsApi();
      await api.start();
      const shared = sharedDatabase(target);
      let clock = at('2026-03-01T20:00:00Z');
      const a = await startTestApp(target, { now: () => clock }, undefined, shared);
      const h = auth(a.token);
      // Before b starts: each process caches the organisation's settings.
      await a
        .http()
        .put('/api/organization')
        .set(h)
        .send({ integrations: { customConnector: true }, timezone: 'Europe/Amsterdam' })
        .expect(200);
      const b = await startTestApp(target, { now: () => clock }, undefined, shared);
      try {
        const c = (
          await a
            .http()
            .post('/api/custom-connectors')
            .set(h)
            .send({ name: 'KPI', url: `${api.url}/open/metrics`, fieldPath: 'data.metrics[0].value' })
            .expect(201)
        ).body;
        const o = (
          await a
            .http()
            .post('/api/objectives')
            .set(h)
            .send({ name: 'O', ...Q1 })
            .expect(201)
        ).body;
        const kr = (
          await a
            .http()
            .post('/api/key-results')
            .set(h)
            .send({
              objectiveId: o.id,
              name: 'K',
              type: 'increase',
              startValue: 0,
              targetValue: 100,
              connectorId: c.id,
            })
            .expect(201)
        ).body;
        for (const day of ['02', '03', '04']) {
          clock = at(`2026-03-${day}T08:00:05Z`);
          await Promise.all([
            a.app.get(SchedulerService).tick(),
            b.app.get(SchedulerService).tick(),
            a.app.get(SchedulerService).tick(),
          ]);
        }
        const rows = await a.db().query(`SELECT "slot" FROM check_ins WHERE "keyResultId" = ${kr.id}`);
        expect(rows).toHaveLength(3);
        expect(api.requestsTo('/open/metrics')).toHaveLength(3);
      } finally {
        await b.close();
        await a.close();
        await api.stop();
      }
    });
  });
