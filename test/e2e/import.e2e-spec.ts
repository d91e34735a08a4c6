import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// A realistic export from Make: webhook, router with filtered routes and a fallback, iterators,
// aggregators, an HTTP call with a Make connection, error handlers (Resume, Break), and a module
// we do not have (Google Sheets).
const makeExport = JSON.parse(
  readFileSync(join(__dirname, '../../libs/engine/test/import/fixtures/make-orders.blueprint.json'), 'utf8'),
);

describe.each(databaseTargets({ distributed: true }))('importing blueprints on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target);
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  test('a Make export keeps its structure; unknown modules are kept and reported by id', async () => {
    const res = await t
      .http()
      .post('/api/scenarios/import')
      .set(h)
      .send({ blueprint: makeExport, folder: 'Imported' })
      .expect(201);
    const { scenario, report } = res.body;
    expect(report.format).toBe('make');
    expect(report.unknownModules).toEqual([
      expect.objectContaining({ id: 8, module: 'google-sheets:addRow' }),
    ]);
    expect(report.connectionsToChoose.map((c: { id: number }) => c.id)).toContain(5);
    expect(report.translatedExpressions.length).toBeGreaterThan(0);

    const flow = scenario.blueprint.flow;
    expect(flow.map((m: { id: number }) => m.id)).toEqual([1, 2, 3]);
    const routes = flow[2].routes;
    expect(routes).toHaveLength(3);
    expect(routes[0].flow[0].filter.conditions).toBeDefined();
    expect(routes[0].flow.map((m: { id: number }) => m.id)).toEqual([4, 5, 7, 8]);
    expect(routes[0].flow[1].onerror[0].module).toBe('builtin:Resume');
    expect(routes[0].flow[3]).toMatchObject({
      id: 8,
      module: 'google-sheets:addRow',
      onerror: [{ module: 'builtin:Break' }],
    });
    expect(routes[0].flow[2].parameters.feeder).toBe(4);

    // Stored, flagged invalid until the missing pieces are supplied; it cannot be switched on yet.
    expect(scenario.invalid).toBe(true);
    const paths = scenario.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(['flow[2].routes[0].flow[3].module']);
    await t.http().post(`/api/scenarios/${scenario.id}/activate`).set(h).expect(409);
    const listed = await t.http().get('/api/scenarios?folder=Imported').set(h).expect(200);
    expect(listed.body.items).toHaveLength(1);
  });

  test('our own export imports back identically, with its schedule', async () => {
    const blueprint = {
      flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'a', value: '{{$uppercase("x")}}' } }],
      metadata: { scenario: { roundtrips: 2 } },
    };
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Round trip', blueprint, schedule: { type: 'daily', time: '09:00' } })
      .expect(201);
    const exported = await t.http().get(`/api/scenarios/${s.id}/blueprint`).set(h).expect(200);
    const res = await t
      .http()
      .post('/api/scenarios/import')
      .set(h)
      .send({ blueprint: exported.body })
      .expect(201);
    expect(res.body.report.format).toBe('integrator');
    expect(res.body.scenario).toMatchObject({
      name: 'Round trip',
      schedule: { type: 'daily', time: '09:00' },
      issues: [],
    });
    expect(res.body.scenario.blueprint.flow).toEqual(blueprint.flow);
  });
});
