import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type CapturedLogs, type TestApp } from '../support/app';

describe.each(databaseTargets())('operations on $name', (target) => {
  let t: TestApp & { logs: CapturedLogs };
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target, { metricsToken: 'scrape-secret' });
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  test('health, readiness, Prometheus metrics, and JSON logs that carry the execution id', async () => {
    await t.http().get('/api/health').expect(200);
    const ready = await t.http().get('/api/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', database: 'ok' });

    const blueprint = {
      flow: [
        { id: 1, module: 'util:SetVariable2', mapper: { name: 'a', value: 1 } },
        { id: 2, module: 'util:SetVariable2', mapper: { name: 'b', value: 2 } },
      ],
    };
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Metered', blueprint })
      .expect(201);
    const run = await t.http().post(`/api/scenarios/${s.id}/run`).set(h).send({}).expect(201);

    const metrics = await t.http().get('/metrics').set(auth('scrape-secret')).expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toMatch(/integrator_executions_total\{status="success",trigger="manual"\} 1/);
    expect(metrics.text).toMatch(/integrator_operations_total 2/);
    expect(metrics.text).toMatch(/integrator_execution_duration_seconds_count 1/);
    expect(metrics.text).toMatch(/integrator_queue_wait_seconds_count 1/);
    expect(metrics.text).toMatch(/integrator_queue_depth 0/);
    expect(metrics.text).toMatch(/integrator_webhook_requests_total/);

    // Summary lines are written in batches, a few milliseconds after their run (run-summaries.ts).
    const summary = () =>
      t.logs.lines
        .map((l) => (l.startsWith('{') ? JSON.parse(l) : null))
        .find((l) => l?.msg === 'execution finished');
    for (let i = 0; i < 100 && !summary(); i++) await new Promise((r) => setTimeout(r, 10));
    const finished = summary();
    expect(finished).toMatchObject({
      executionId: run.body.id,
      scenarioId: s.id,
      status: 'success',
      operations: 2,
      level: 30,
    });
  });
});
