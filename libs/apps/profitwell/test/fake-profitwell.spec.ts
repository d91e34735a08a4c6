import { FakeClock } from '@integrator/engine';
import { makeCustomer, startFakeProfitWell, type FakeProfitWell } from './fake-profitwell';

// The fake itself: it must reject what ProfitWell would reject, or the module tests prove little.

let fake: FakeProfitWell;
let clock: FakeClock;
beforeEach(async () => {
  clock = new FakeClock(Date.UTC(2026, 0, 1));
  fake = await startFakeProfitWell({ clock, token: 'secret-token' });
});
afterEach(() => fake.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const init: RequestInit = { method, headers: { Authorization: 'secret-token', ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
  }
  const res = await fetch(fake.url + path, { ...init, redirect: 'manual' });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined,
    text,
  };
}

const sub = {
  email: 'a@b.c',
  plan_id: 'web_plan',
  plan_interval: 'month',
  value: 5000,
  effective_date: 1514764800,
};

test('auth: the raw token only; anything else is 401 with a detail', async () => {
  expect(await call('GET', '/v2/plans/', undefined, { Authorization: 'Bearer secret-token' })).toMatchObject({
    status: 401,
    body: { detail: 'Invalid token.' },
  });
  const res = await fetch(`${fake.url}/v2/plans/`);
  expect([res.status, await res.json()]).toEqual([
    401,
    { detail: 'Authentication credentials were not provided.' },
  ]);
  expect((await call('GET', '/v2/plans/')).status).toBe(200);
});

test('bodies must be JSON objects sent as application/json', async () => {
  expect(
    (await call('POST', '/v2/plans/', 'id=x', { 'Content-Type': 'application/x-www-form-urlencoded' }))
      .status,
  ).toBe(415);
  expect(await call('POST', '/v2/plans/', '{oops')).toMatchObject({
    status: 400,
    body: { detail: expect.stringMatching(/^JSON parse error/) },
  });
  expect(await call('POST', '/v2/plans/', [1])).toMatchObject({
    status: 400,
    body: { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] },
  });
});

test('routes: trailing slash required (or redirected / served), 405 with Allow, HTML 404 for unknown paths', async () => {
  expect((await call('GET', '/v2/plans')).status).toBe(404);
  fake.setVariant({ slashless: 'redirect' });
  const redirected = await call('GET', '/v2/plans?x=1');
  expect([redirected.status, redirected.headers.get('location')]).toEqual([301, '/v2/plans/?x=1']);
  fake.setVariant({ slashless: 'serve' });
  expect((await call('GET', '/v2/plans')).status).toBe(200);
  const wrong = await call('PATCH', '/v2/plans/', {});
  expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'GET, POST']);
  const unknown = await fetch(`${fake.url}/v2/nothing/`, { headers: { Authorization: 'secret-token' } });
  expect([unknown.status, unknown.headers.get('content-type')]).toEqual([404, 'text/html']);
});

test('subscription validation follows the reference', async () => {
  const bad = await call('POST', '/v2/subscriptions/', {
    ...sub,
    plan_interval: 'Month',
    value: 12.5,
    subscription_alias: 'x'.repeat(37),
    plan_currency: 'usdx',
  });
  expect(bad).toMatchObject({
    status: 400,
    body: {
      plan_interval: ['"Month" is not a valid choice.'],
      value: ['A valid integer is required.'],
      subscription_alias: ['Ensure this field has no more than 36 characters.'],
      plan_currency: ['"usdx" is not a valid choice.'],
    },
  });
  expect(await call('POST', '/v2/subscriptions/', { plan_id: 'p' })).toMatchObject({
    status: 400,
    body: {
      email: ['This field is required.'],
      value: ['This field is required.'],
      effective_date: ['This field is required.'],
    },
  });
  expect(await call('POST', '/v2/subscriptions/', { ...sub, status: 'trialing' })).toMatchObject({
    status: 400,
    body: { non_field_errors: [expect.any(String)] },
  });
  fake.setVariant({ caseInsensitiveEnums: true });
  expect(await call('POST', '/v2/subscriptions/', { ...sub, plan_interval: 'Month' })).toMatchObject({
    status: 201,
    body: { plan_interval: 'month', plan_currency: 'usd', status: 'active' },
  });
});

test('id or alias in paths, alias uniqueness, churn and un-churn rules', async () => {
  const created = (await call('POST', '/v2/subscriptions/', { ...sub, subscription_alias: 'a/b' })).body as {
    subscription_id: string;
  };
  expect((await call('POST', '/v2/subscriptions/', { ...sub, subscription_alias: 'a/b' })).status).toBe(400);
  const update = { plan_id: 'pro', plan_interval: 'year', value: 100, effective_date: 1517443200 };
  expect((await call('PUT', '/v2/subscriptions/a%2Fb/', { ...update, status: 'trialing' })).status).toBe(400);
  fake.setVariant({ trialingOnUpdate: true });
  expect(
    (await call('PUT', `/v2/subscriptions/${created.subscription_id}/`, { ...update, status: 'trialing' }))
      .status,
  ).toBe(200);
  expect((await call('DELETE', '/v2/subscriptions/a%2Fb/')).body).toEqual({
    effective_date: ['This field is required.'],
  });
  fake.setVariant({ churnTypeOmitted: 'required' });
  expect((await call('DELETE', '/v2/subscriptions/a%2Fb/?effective_date=1517443200')).body).toEqual({
    churn_type: ['This field is required.'],
  });
  expect(
    (await call('DELETE', '/v2/subscriptions/a%2Fb/?effective_date=1517443200&churn_type=voluntary')).status,
  ).toBe(200);
  expect(
    (await call('DELETE', '/v2/subscriptions/a%2Fb/?effective_date=1517443200&churn_type=voluntary')).body,
  ).toEqual({
    non_field_errors: ['This subscription is already scheduled to churn.'],
  });
  expect((await call('PUT', '/v2/unchurn/a%2Fb/')).status).toBe(204);
  expect((await call('PUT', '/v2/unchurn/a%2Fb/')).status).toBe(400);
  expect((await call('DELETE', '/v2/subscriptions/nope/?effective_date=1')).status).toBe(404);
});

test('the 25 per 5 s limit answers 429 with Retry-After (switchable) and frees up with time', async () => {
  for (let i = 0; i < 25; i++) expect((await call('GET', '/v2/api-status/')).status).toBe(200);
  const throttled = await call('GET', '/v2/api-status/');
  expect([throttled.status, throttled.headers.get('retry-after'), throttled.body]).toEqual([
    429,
    '5',
    { detail: 'Request was throttled. Expected available in 5 seconds.' },
  ]);
  fake.setVariant({ retryAfter: false });
  expect((await call('GET', '/v2/api-status/')).headers.get('retry-after')).toBeNull();
  await clock.advance(5000);
  expect((await call('GET', '/v2/api-status/')).status).toBe(200);
});

test('customers: per_page at most 250, the page cap, the date formats of the reference', async () => {
  fake.state.customers.add(makeCustomer(1), makeCustomer(2), makeCustomer(3));
  expect(await call('GET', '/v2/customers/?per_page=251')).toMatchObject({
    status: 400,
    body: { per_page: [expect.any(String)] },
  });
  expect(await call('GET', '/v2/customers/?per_page=250&page=401')).toMatchObject({
    status: 404,
    body: { detail: 'Invalid page.' },
  });
  for (const start of ['1690855200', '2023-08-01T02:00:00Z', '2023-08-01%2002:00:00']) {
    const res = await call('GET', `/v2/customers/?start_date=${start}`);
    expect((res.body as Array<{ customer_id: string }>).map((c) => c.customer_id)).toEqual([
      makeCustomer(2).customer_id,
      makeCustomer(3).customer_id,
    ]);
  }
  expect(await call('GET', '/v2/customers/?end_date=soon')).toMatchObject({
    status: 400,
    body: { end_date: ['Invalid date format.'] },
  });
  expect((await call('GET', '/v2/customers/?direction=desc&per_page=1&page=2')).body).toEqual([
    makeCustomer(2),
  ]);
});

test('failNext answers the next request whatever it is, then normal service resumes', async () => {
  fake.failNext(502, undefined);
  expect((await call('GET', '/v2/plans/')).status).toBe(502);
  expect((await call('GET', '/v2/plans/')).status).toBe(200);
  expect(fake.requests.map((r) => r.url)).toEqual(['/v2/plans/', '/v2/plans/']);
});
