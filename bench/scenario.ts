import request from 'supertest';

// The benchmarked scenario, shared by the throughput and scale benchmarks: webhook -> set
// variable with a JSONata mapping -> webhook response (the caller waits for the whole run).

export const ADMIN = { email: 'bench@example.com', password: 'benchmark password' };

export const payload = (i: number) => ({
  customer: `c${i}`,
  items: [
    { price: 3, qty: 2 },
    { price: 4, qty: i % 5 },
  ],
});

// `modules` modules in all: the webhook, the mapping, then (past 3) plain set-variable modules
// each reading the one before (the cost of one more module), then the response.
export const blueprint = (hook: number, modules = 3) => {
  const extra = Array.from({ length: Math.max(0, modules - 3) }, (_, i) => ({
    id: 3 + i,
    module: 'util:SetVariable2',
    mapper: { name: 'total', value: `{{${2 + i}.total}}` },
  }));
  const last = 3 + extra.length;
  return {
    flow: [
      { id: 1, module: 'gateway:CustomWebHook', parameters: { hook } },
      {
        id: 2,
        module: 'util:SetVariable2',
        mapper: {
          name: 'total',
          value: '{{"Total for " & 1.customer & ": " & $string($sum(1.items.(price * qty)))}}',
        },
      },
      ...extra,
      {
        id: last,
        module: 'gateway:WebhookRespond',
        mapper: { status: 200, body: { result: `{{${last - 1}.total}}` } },
      },
    ],
    metadata: { integrator: { format: 1 } },
  };
};

// A heavier run, for the run threads (INTEGRATOR_WORKERS): the payload's items are iterated,
// each item's total mapped, and the totals aggregated into the answer (Make's iterate and
// aggregate). About 2 × ITEMS operations per run.
export const HEAVY_ITEMS = 100;
export const heavyPayload = (i: number) => ({
  customer: `c${i}`,
  items: Array.from({ length: HEAVY_ITEMS }, (_, k) => ({ price: k % 7, qty: (i + k) % 5 })),
});
export const heavyBlueprint = (hook: number) => ({
  flow: [
    { id: 1, module: 'gateway:CustomWebHook', parameters: { hook } },
    { id: 2, module: 'builtin:BasicFeeder', mapper: { array: '{{1.items}}' } },
    { id: 3, module: 'util:SetVariable2', mapper: { name: 'total', value: '{{2.price * 2.qty}}' } },
    { id: 4, module: 'builtin:BasicAggregator', parameters: { feeder: 2 }, mapper: { total: '{{3.total}}' } },
    {
      id: 5,
      module: 'gateway:WebhookRespond',
      mapper: {
        status: 200,
        body: { result: '{{"Total for " & 1.customer & ": " & $string($sum(4.array.total))}}' },
      },
    },
  ],
  metadata: { integrator: { format: 1 } },
});

/** Logs in, creates the hook and the scenario, switches it on; returns the hook's URL. */
export async function scenarioUrl(base: string, modules: number | 'heavy' = 3): Promise<string> {
  const api = () => request(base);
  const token = (await api().post('/api/auth/login').send(ADMIN).expect(200)).body.token;
  const h = { Authorization: `Bearer ${token}` };
  const { body: hook } = await api()
    .post('/api/hooks')
    .set(h)
    .send({ name: 'bench', maxQueue: 100000 })
    .expect(201);
  const { body: s } = await api()
    .post('/api/scenarios')
    .set(h)
    .send({
      name: 'bench',
      blueprint: modules === 'heavy' ? heavyBlueprint(hook.id) : blueprint(hook.id, modules),
    })
    .expect(201);
  await api().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
  return `${base}${new URL(hook.url).pathname}`;
}
