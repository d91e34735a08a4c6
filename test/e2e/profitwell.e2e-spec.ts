import { startFakeProfitWell, type FakeProfitWell } from '../../libs/apps/profitwell/test/fake-profitwell';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// Issue 5's end-to-end scenario through the API: webhook -> ProfitWell create subscription ->
// router -> churn on one route, update on another, with filters and mapping from the webhook.
describe.each(databaseTargets({ distributed: true }))(
  'a ProfitWell scenario through the API on $name',
  (target) => {
    let t: TestApp;
    let h: Record<string, string>;
    let fake: FakeProfitWell;
    beforeAll(async () => {
      fake = await startFakeProfitWell({ rateLimit: false });
      t = await startTestApp(target);
      h = auth(t.token);
    });
    afterAll(async () => {
      await t?.close();
      await fake?.close();
    });

    test('subscriptions are created, then churned or upgraded by route filters, with the real requests', async () => {
      const { body: connection } = await t
        .http()
        .post('/api/connections')
        .set(h)
        .send({
          name: 'ProfitWell',
          type: 'profitwell',
          credentials: { token: fake.token, baseUrl: fake.url },
        })
        .expect(201);
      expect(
        (await t.http().post(`/api/connections/${connection.id}/verify`).set(h).expect(200)).body,
      ).toEqual({ ok: true });
      const { body: hook } = await t.http().post('/api/hooks').set(h).send({ name: 'Signups' }).expect(201);
      const pw = { connection: connection.id };
      const blueprint = {
        flow: [
          { id: 1, module: 'gateway:CustomWebHook', parameters: { hook: hook.id } },
          {
            id: 2,
            module: 'profitwell:createSubscription',
            parameters: pw,
            mapper: {
              user_alias: '{{1.account}}',
              subscription_alias: 'sub-{{1.account}}',
              email: '{{1.email}}',
              plan_id: '{{1.plan}}',
              plan_interval: 'month',
              value: '{{1.cents}}',
              effective_date: '{{1.started}}',
            },
          },
          {
            id: 3,
            module: 'builtin:BasicRouter',
            routes: [
              {
                flow: [
                  {
                    id: 4,
                    module: 'profitwell:churnSubscription',
                    parameters: pw,
                    filter: {
                      name: 'cancelled',
                      conditions: [[{ a: '{{1.cancelled}}', o: 'boolean:equal', b: true }]],
                    },
                    mapper: {
                      subscription: '{{2.subscription_alias}}',
                      effective_date: '{{1.cancelledAt}}',
                      churn_type: 'voluntary',
                    },
                  },
                ],
              },
              {
                flow: [
                  {
                    id: 5,
                    module: 'profitwell:updateSubscription',
                    parameters: pw,
                    filter: { name: 'upgraded', conditions: [[{ a: '{{1.upgradeTo}}', o: 'exist' }]] },
                    mapper: {
                      subscription: '{{2.subscription_id}}',
                      plan_id: '{{1.upgradeTo}}',
                      plan_interval: 'year',
                      value: '{{1.cents * 10}}',
                      effective_date: '{{1.started}}',
                    },
                  },
                ],
              },
            ],
          },
          {
            id: 6,
            module: 'gateway:WebhookRespond',
            mapper: { body: { subscription: '{{2.subscription_id}}' } },
          },
        ],
      };
      // The response module sits after the router: put it on a third route that always runs.
      blueprint.flow[2].routes!.push({ flow: [blueprint.flow.pop() as never] });
      const { body: s } = await t
        .http()
        .post('/api/scenarios')
        .set(h)
        .send({ name: 'Signups to ProfitWell', blueprint })
        .expect(201);
      expect(s.issues).toEqual([]);
      await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
      const path = new URL(hook.url).pathname;

      const cancelled = await t
        .http()
        .post(path)
        .send({
          account: 'acme 1',
          email: 'a@acme.test',
          plan: 'pro',
          cents: 5000,
          started: '2026-01-01T00:00:00Z',
          cancelled: true,
          cancelledAt: 1767312000,
        })
        .expect(200);
      const upgraded = await t
        .http()
        .post(path)
        .send({
          account: 'beta/2',
          email: 'b@beta.test',
          plan: 'basic',
          cents: 900,
          started: 1767225600,
          upgradeTo: 'pro_yearly',
        })
        .expect(200);
      expect(cancelled.body.subscription).toMatch(/^pws_/);
      expect(upgraded.body.subscription).toMatch(/^pws_/);

      const calls = fake.requests
        .filter((r) => r.path.startsWith('/v2/subscriptions/'))
        .map((r) => ({
          method: r.method,
          path: r.path,
          query: r.query,
          body: r.body,
          authorization: r.authorization,
        }));
      expect(calls).toEqual([
        {
          method: 'POST',
          path: '/v2/subscriptions/',
          query: {},
          authorization: fake.token,
          body: expect.objectContaining({
            user_alias: 'acme 1',
            subscription_alias: 'sub-acme 1',
            email: 'a@acme.test',
            plan_id: 'pro',
            plan_interval: 'month',
            value: 5000,
            effective_date: 1767225600,
          }),
        },
        // Churn: DELETE with query parameters and no body; the alias URL-encoded in the path.
        {
          method: 'DELETE',
          path: '/v2/subscriptions/sub-acme%201/',
          query: { effective_date: '1767312000', churn_type: 'voluntary' },
          body: undefined,
          authorization: fake.token,
        },
        {
          method: 'POST',
          path: '/v2/subscriptions/',
          query: {},
          authorization: fake.token,
          body: expect.objectContaining({
            user_alias: 'beta/2',
            plan_id: 'basic',
            value: 900,
            effective_date: 1767225600,
          }),
        },
        {
          method: 'PUT',
          path: `/v2/subscriptions/${upgraded.body.subscription}/`,
          query: {},
          authorization: fake.token,
          body: expect.objectContaining({
            plan_id: 'pro_yearly',
            plan_interval: 'year',
            value: 9000,
            effective_date: 1767225600,
          }),
        },
      ]);
      // The callers were answered mid-run (the response module); the runs finish right after.
      let runs: Array<{ status: string }> = [];
      for (let i = 0; i < 200; i++) {
        runs = (await t.http().get(`/api/executions?scenarioId=${s.id}`).set(h).expect(200)).body.items;
        if (runs.every((e) => e.status !== 'running' && e.status !== 'queued')) break;
        await new Promise((r) => setTimeout(r, 25));
      }
      expect(runs.map((e) => e.status)).toEqual(['success', 'success']);
    });
  },
);
