import { FakeClock } from '@integrator/engine';
import { createHttpClient } from '@integrator/engine';
import { profitwellConnectionType } from '../src';
import { makeCustomer, startFakeProfitWell, type FakeProfitWell } from './fake-profitwell';
import { errorOf, output, outputs, seedSubscription, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('connection type', () => {
  const verify = (fake: FakeProfitWell, token: string) => {
    const connection = { id: 1, type: 'profitwell', credentials: { token, baseUrl: fake.url } };
    const http = createHttpClient({
      connection,
      connectionType: profitwellConnectionType,
      clock: new FakeClock(0, { autoAdvance: true }),
    });
    return profitwellConnectionType.verify!({ credentials: connection.credentials, http });
  };

  test.each(['json', 'empty', 'text'] as const)(
    'verify calls GET /v2/api-status/ with the raw token (body %s)',
    async (apiStatusBody) => {
      h.fake.setVariant({ apiStatusBody });
      await expect(verify(h.fake, h.fake.token)).resolves.toBeUndefined();
      expect(h.fake.requests[0]).toMatchObject({
        method: 'GET',
        url: '/v2/api-status/',
        authorization: h.fake.token,
      });
    },
  );

  test.each(['detail', 'empty'] as const)(
    'verify with a wrong token fails naming the token, without showing it (401 body %s)',
    async (errorBodies) => {
      h.fake.setVariant({ errorBodies });
      const error = await verify(h.fake, 'pw_wrong_secret_token').catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'user', type: 'AccountValidationError', field: 'token' });
      expect(String((error as Error).message)).not.toContain('pw_wrong_secret_token');
    },
  );

  test('the base URL defaults to https://api.profitwell.com; the token is sent without a scheme', () => {
    expect(profitwellConnectionType.baseUrl!({ token: 't' })).toBe('https://api.profitwell.com');
    expect(profitwellConnectionType.baseUrl!({ token: 't', baseUrl: 'http://127.0.0.1:9/' })).toBe(
      'http://127.0.0.1:9',
    );
    const target = { headers: {} as Record<string, string>, query: {} };
    void profitwellConnectionType.authenticate!({ token: ' abc123 \n' }, target);
    expect(target.headers).toEqual({ Authorization: 'abc123' });
    expect(profitwellConnectionType.rateLimit).toEqual({ requests: 25, perMs: 5000 });
  });
});

describe('errors, retries and the rate limit', () => {
  test('a 429 with Retry-After is waited out (on the injected clock) and then succeeds', async () => {
    seedSubscription(h.fake, { user_alias: 'u' });
    h.fake.failNext(
      429,
      { detail: 'Request was throttled. Expected available in 3 seconds.' },
      { 'Retry-After': '3' },
    );
    const start = h.clock.now();
    const result = await h.run('profitwell:listSubscriptions', { user: 'u' });
    expect(result.status).toBe('success');
    expect(outputs(result)).toHaveLength(1);
    expect(h.fake.requests).toHaveLength(2);
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(3000);
  });

  test('a 429 without Retry-After is retried with backoff, also for a POST', async () => {
    h.fake.setVariant({ retryAfter: false });
    h.fake.failNext(429, { detail: 'Request was throttled.' });
    const result = await h.run('profitwell:createPlan', { plan_id: 'p', name: 'P' });
    expect(output(result)).toEqual({ id: 'p', name: 'P' });
    expect(h.fake.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
  });

  test('throttling that does not end is a transient rate-limit error with the service text', async () => {
    for (let i = 0; i < 4; i++)
      h.fake.failNext(
        429,
        { detail: 'Request was throttled. Expected available in 2 seconds.' },
        { 'Retry-After': '2' },
      );
    const error = errorOf(await h.run('profitwell:listPlans', {}));
    expect(error).toMatchObject({
      kind: 'transient',
      type: 'RateLimitError',
      status: 429,
      message: 'Request was throttled. Expected available in 2 seconds.',
    });
    expect(h.fake.requests).toHaveLength(4);
  });

  test('a 503 is retried; a 500 on a create is not (it may have been applied) and is transient', async () => {
    h.fake.failNext(503, '<html><body>Service Unavailable</body></html>', { 'Content-Type': 'text/html' });
    expect((await h.run('profitwell:listPlans', {})).status).toBe('success');
    h.fake.failNext(500, '<html><body>Server Error</body></html>', { 'Content-Type': 'text/html' });
    const error = errorOf(await h.run('profitwell:createPlan', { plan_id: 'p', name: 'P' }));
    expect(error).toMatchObject({ kind: 'transient', status: 500, message: 'ProfitWell answered HTTP 500' });
    expect(h.fake.requests).toHaveLength(3);
  });

  test('DRF field errors become "<field>: <message>" naming the field', async () => {
    h.fake.failNext(400, {
      plan_interval: ['"Month" is not a valid choice.'],
      value: ['A valid integer is required.'],
    });
    const both = errorOf(await h.run('profitwell:createPlan', { plan_id: 'p', name: 'P' }));
    expect(both).toMatchObject({ kind: 'user', status: 400 });
    expect(both.message).toBe(
      'plan_interval: "Month" is not a valid choice.; value: A valid integer is required.',
    );
    h.fake.failNext(400, { plan_interval: ['"Month" is not a valid choice.'] });
    const one = errorOf(await h.run('profitwell:createPlan', { plan_id: 'p', name: 'P' }));
    expect(one).toMatchObject({
      field: 'plan_interval',
      message: 'plan_interval: "Month" is not a valid choice.',
    });
    h.fake.failNext(400, { non_field_errors: ['First problem.', 'Second problem.'] });
    expect(errorOf(await h.run('profitwell:createPlan', { plan_id: 'p', name: 'P' })).message).toBe(
      'First problem.; Second problem.',
    );
  });

  test('a wrong token in a scenario is an account error; the token appears nowhere in the run', async () => {
    const result = await h.run('profitwell:listPlans', {});
    expect(result.status).toBe('success');
    h.fake.failNext(401, { detail: 'Invalid token.' });
    const failed = await h.run('profitwell:listPlans', {});
    expect(errorOf(failed)).toMatchObject({
      kind: 'user',
      type: 'AccountValidationError',
      status: 401,
      message: 'Invalid token.',
    });
    expect(JSON.stringify([result, failed])).not.toContain(h.fake.token);
  });

  test('30 page requests in a row stay under 25 per 5 s: the client waits, the service never throttles', async () => {
    h.fake.state.customers.add(...Array.from({ length: 7600 }, (_, i) => makeCustomer(i + 1)));
    const start = h.clock.now();
    const result = await h.run('profitwell:listCustomers', { limit: 7500 });
    expect(outputs(result)).toHaveLength(7500);
    expect(h.fake.requests).toHaveLength(30);
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(5000);
  });
});

describe('make an API call', () => {
  test('any endpoint relative to the base, with query, headers and a JSON body; auth added', async () => {
    const result = await h.run('profitwell:makeApiCall', {
      url: 'v2/plans/',
      method: 'POST',
      headers: [{ key: 'X-Request-Id', value: 'r-1' }],
      query: [
        { key: 'tag', value: 'a' },
        { key: 'tag', value: 'b' },
      ],
      body: '{"id": "web_plan", "name": "Web plan"}',
    });
    const req = h.fake.requests[0];
    expect([req.method, req.url, req.authorization, req.headers['x-request-id']]).toEqual([
      'POST',
      '/v2/plans/?tag=a&tag=b',
      h.fake.token,
      'r-1',
    ]);
    expect(req.body).toEqual({ id: 'web_plan', name: 'Web plan' });
    const out = output(result);
    expect(out).toMatchObject({ statusCode: 201, body: { id: 'web_plan', name: 'Web plan' } });
    expect((out.headers as Record<string, string>)['content-type']).toBe('application/json');
    expect(JSON.stringify(result)).not.toContain(h.fake.token);
  });

  test('an empty 204 answer gives a null body; an error status is a module error', async () => {
    const sub = seedSubscription(h.fake);
    const deleted = await h.run('profitwell:makeApiCall', {
      url: `/v2/users/${sub.user_id}/`,
      method: 'DELETE',
    });
    expect(output(deleted)).toMatchObject({ statusCode: 204, body: null });
    const missing = errorOf(await h.run('profitwell:makeApiCall', { url: `/v2/users/${sub.user_id}/` }));
    expect(missing).toMatchObject({
      kind: 'user',
      status: 404,
      message: `the user "${sub.user_id}" was not found (ProfitWell: Not found.)`,
    });
  });

  test('a path without the trailing slash: 404 by default, followed when the service redirects', async () => {
    expect(errorOf(await h.run('profitwell:makeApiCall', { url: '/v2/plans' }))).toMatchObject({
      status: 404,
    });
    h.fake.setVariant({ slashless: 'redirect' });
    const result = await h.run('profitwell:makeApiCall', { url: '/v2/plans?x=1' });
    expect(output(result)).toMatchObject({ statusCode: 200, body: [] });
    expect(h.fake.requests.slice(1).map((r) => r.url)).toEqual(['/v2/plans?x=1', '/v2/plans/?x=1']);
  });
});

test('the fake can be started on its own and closed', async () => {
  const fake = await startFakeProfitWell({ token: 'fixed' });
  expect(fake.token).toBe('fixed');
  expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  await fake.close();
});
