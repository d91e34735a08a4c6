import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// Make's system variables ($var in our mapping) and the organisation's time zone reach the
// expressions of a scenario the server runs.
const blueprint = {
  name: 'Context',
  flow: [
    { id: 1, module: 'gateway:CustomWebHook', parameters: {} },
    {
      id: 2,
      module: 'gateway:WebhookRespond',
      mapper: {
        status: 200,
        body: {
          scenario: '{{$var.scenario.id}}: {{$var.scenario.name}}',
          url: '{{$var.scenario.url}}',
          execution: '{{$var.execution.id}}',
          organization: '{{$var.organization.name}} ({{$var.organization.timezone}})',
          local: '{{$formatDate(1.at, "YYYY-MM-DD HH:mm")}}',
        },
      },
    },
  ],
  metadata: { scenario: { roundtrips: 1 } },
};

describe.each(databaseTargets())('the run context of expressions on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target, { publicUrl: 'https://integrator.example.com/' });
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  test("var.scenario, var.execution and var.organization, and dates in the organisation's zone", async () => {
    await t
      .http()
      .put('/api/organization')
      .set(h)
      .send({ name: 'Acme', timezone: 'Europe/Amsterdam' })
      .expect(200);
    const created = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Context', blueprint })
      .expect(201);
    const run = await t
      .http()
      .post(`/api/scenarios/${created.body.id}/run`)
      .set(h)
      .send({ input: { at: '2024-03-30T23:30:00Z' } })
      .expect(201);
    expect(run.body.response.body).toEqual({
      scenario: `${created.body.id}: Context`,
      url: `https://integrator.example.com/#/scenarios/${created.body.id}`,
      execution: run.body.id,
      organization: 'Acme (Europe/Amsterdam)',
      local: '2024-03-31 00:30',
    });
  });
});
