import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// A realistic export from Make: webhook, router with filtered routes and a fallback, iterators,
// aggregators, an HTTP call with a Make connection, error handlers (Resume, Break), and a module
// we do not have (Google Sheets).
// Module 8 swapped for an app this installation does not have (Google Sheets is one now).
const makeExport = JSON.parse(
  readFileSync(
    join(__dirname, '../../libs/engine/test/import/fixtures/make-orders.blueprint.json'),
    'utf8',
  ).replace(/"google-sheets:addRow"/g, '"hubspotcrm:createContact"'),
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
      expect.objectContaining({ id: 8, module: 'hubspotcrm:createContact' }),
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
      module: 'hubspotcrm:createContact',
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

describe.each(databaseTargets())('the format marker on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target);
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  const valid = {
    flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'a', value: 'x' } }],
    metadata: { scenario: {} },
  };
  const strayKey = {
    flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'a', value: 'x', colour: 'red' } }],
  };

  test('a save stamps the marker; an unmarked body is taken as ours only when strictly valid', async () => {
    const ok = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Plain', blueprint: valid })
      .expect(201);
    expect(ok.body.blueprint.metadata).toEqual({ scenario: {}, integrator: { format: 1 } });
    const refused = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Stray', blueprint: strayKey })
      .expect(400);
    expect(refused.body.fields).toEqual([
      {
        path: 'blueprint.metadata.integrator.format',
        message:
          'is missing, and the blueprint is not valid in our format; a Make export goes to POST /api/scenarios/import',
      },
      { path: 'blueprint.flow[0].mapper.colour', message: 'not a field of util:SetVariable2' },
    ]);
    // Marked, it is ours: saved half-built, its issues kept with it, as any draft.
    const marked = { ...strayKey, metadata: { integrator: { format: 1 } } };
    const kept = await t
      .http()
      .put(`/api/scenarios/${ok.body.id}`)
      .set(h)
      .send({ blueprint: marked })
      .expect(200);
    expect(kept.body.invalid).toBe(true);
    expect(kept.body.issues).toEqual([
      { path: 'flow[0].mapper.colour', message: 'not a field of util:SetVariable2' },
    ]);
    const future = { ...valid, metadata: { integrator: { format: 2 } } };
    const unknown = await t.http().put(`/api/scenarios/${ok.body.id}`).set(h).send({ blueprint: future });
    expect(unknown.status).toBe(400);
    expect(unknown.body.fields[0].path).toBe('blueprint.metadata.integrator.format');
    const exported = await t.http().get(`/api/scenarios/${ok.body.id}/blueprint`).set(h).expect(200);
    expect(exported.body.metadata.integrator).toEqual({ format: 1 });
  });

  test('the import takes the file as text with a byte-order mark, and puts what it dropped on the module', async () => {
    const text = `\uFEFF${JSON.stringify(strayKey)}`;
    const res = await t.http().post('/api/scenarios/import').set(h).send({ blueprint: text }).expect(201);
    expect(res.body.report.format).toBe('make');
    const node = res.body.scenario.blueprint.flow[0];
    expect(node.mapper).toEqual({ name: 'a', value: 'x' });
    expect(node.metadata.integrator.warnings).toEqual([
      'Module 1 (util:SetVariable2): mapper.colour is not a setting of util:SetVariable2; it was not carried over (its value was "red").',
    ]);
    expect(res.body.scenario.issues).toEqual([]);
    // The whole request body as a file's bytes, BOM first.
    const raw = await t
      .http()
      .post('/api/scenarios/import')
      .set(h)
      .set('content-type', 'application/json')
      .send(`\uFEFF${JSON.stringify({ blueprint: strayKey, name: 'Raw' })}`);
    expect(raw.status).toBe(201);
    expect(raw.body.scenario.name).toBe('Raw');
    const bad = await t.http().post('/api/scenarios/import').set(h).send({ blueprint: '{"flow": [' });
    expect(bad.status).toBe(400);
    expect(bad.body.fields[0]).toMatchObject({
      path: 'blueprint',
      message: expect.stringMatching(/^is not valid JSON/),
    });
    const future = await t
      .http()
      .post('/api/scenarios/import')
      .set(h)
      .send({ blueprint: { flow: [], metadata: { integrator: { format: 9 } } } });
    expect(future.status).toBe(400);
    expect(future.body.fields[0].path).toBe('blueprint.metadata.integrator.format');
  });
});
