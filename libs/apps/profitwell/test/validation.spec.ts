import { errorOf, startHarness, type Harness } from './harness';

// Bad input is caught before any request, with an error that names the field. Values come in
// through mapping ({{1.x}}), as they would at run time, so only the run-time checks can catch them.

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
beforeEach(() => void (h.fake.requests.length = 0));

const create = {
  email: 'a@b.c',
  plan_id: 'web_plan',
  plan_interval: 'month',
  value: 5000,
  effective_date: 1514764800,
};
const mapped = (input: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(input).map((k) => [k, `{{1.${k}}}`]));

test.each([
  [
    'createSubscription',
    { ...create, plan_interval: 'weekly' },
    'plan_interval',
    /must be one of "month", "year"/,
  ],
  ['createSubscription', { ...create, plan_interval: 'monthly' }, 'plan_interval', /must be one of/],
  ['createSubscription', { ...create, value: 12.5 }, 'value', /whole number/],
  ['createSubscription', { ...create, value: '50 dollars' }, 'value', /must be a number/],
  ['createSubscription', { ...create, value: -1 }, 'value', /at least 0/],
  ['createSubscription', { ...create, status: 'trialing' }, 'value', /must be 0 for a trialing subscription/],
  ['createSubscription', { ...create, status: 'paused' }, 'status', /must be one of/],
  ['createSubscription', { ...create, plan_currency: 'xyz' }, 'plan_currency', /ISO 4217/],
  [
    'createSubscription',
    { ...create, subscription_alias: 'x'.repeat(37) },
    'subscription_alias',
    /at most 36/,
  ],
  ['createSubscription', { ...create, effective_date: 'next tuesday' }, 'effective_date', /must be a date/],
  ['createSubscription', { ...create, email: '' }, 'email', /is required/],
  [
    'updateSubscription',
    {
      subscription: 'a',
      plan_id: 'p',
      plan_interval: 'month',
      value: 1,
      effective_date: 1,
      status: 'trialing',
    },
    'status',
    /must be one of "active"/,
  ],
  [
    'updateSubscription',
    { subscription: '..', plan_id: 'p', plan_interval: 'month', value: 1, effective_date: 1 },
    'subscription',
    /cannot be "\.\."/,
  ],
  [
    'churnSubscription',
    { subscription: 'a', effective_date: 1, churn_type: 'angry' },
    'churn_type',
    /"voluntary", "delinquent"/,
  ],
  ['churnSubscription', { subscription: 'a', effective_date: '' }, 'effective_date', /is required/],
  ['unchurnSubscription', { subscription: ' ' }, 'subscription', /is required/],
  ['listSubscriptions', { user: 'u', limit: 0 }, 'limit', /at least 1/],
  ['updateUser', { user: 'u', email: '' }, 'email', /is required/],
  ['deleteUser', { user: '.' }, 'user', /cannot be "\."/],
  ['createPlan', { plan_id: 'p', name: '' }, 'name', /is required/],
  ['getPlan', { plan_id: '' }, 'plan_id', /is required/],
  ['listCustomers', { limit: 100001 }, 'limit', /at most 100000/],
  ['listCustomers', { direction: 'sideways' }, 'direction', /must be one of "asc", "desc"/],
  ['listCustomers', { start_date: 'yesterday-ish' }, 'start_date', /must be a date/],
  ['makeApiCall', { url: 'https://evil.example/v2/plans/' }, 'url', /relative to the ProfitWell API/],
  [
    'makeApiCall',
    { url: '/v2/plans/', headers: [{ key: 'authorization', value: 'other' }] },
    'headers[0].key',
    /added from the connection/,
  ],
  ['makeApiCall', { url: '/v2/plans/', method: 'POST', body: '{broken' }, 'body', /valid JSON/],
  ['makeApiCall', { url: '/v2/plans/', body: '{"a":1}' }, 'body', /cannot be sent with a GET/],
])('%s rejects %j naming %s, and sends nothing', async (module, input, field, message) => {
  const result = await h.run(`profitwell:${module}`, mapped(input), input);
  const error = errorOf(result);
  expect(error.kind).toBe('user');
  expect(error.field).toBe(field);
  expect(error.message.startsWith(`${field}: `)).toBe(true);
  expect(error.message).toMatch(message);
  expect(h.fake.requests).toHaveLength(0);
});

test('literal values that can be checked before a run are reported when the blueprint compiles', async () => {
  await expect(
    h.run('profitwell:createSubscription', { ...create, plan_interval: 'weekly' }),
  ).rejects.toThrow(/mapper.plan_interval: must be one of month, year/);
  await expect(h.run('profitwell:churnSubscription', { effective_date: 1 })).rejects.toThrow(
    /mapper.subscription: is required/,
  );
});
