import { errorOf, JAN_2018, output, outputs, seedSubscription, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

const base = {
  email: 'spiderman@profitwell.com',
  plan_id: 'web_plan',
  plan_interval: 'month',
  value: 5000,
  effective_date: '2018-01-01T00:00:00Z',
};

describe('create a subscription', () => {
  test('POST /v2/subscriptions/ with the raw token, a JSON body in cents and Unix seconds', async () => {
    const result = await h.run('profitwell:createSubscription', {
      ...base,
      user_alias: 'spiderman',
      subscription_alias: 'spiderman_sub_1',
      plan_currency: 'EUR',
    });
    expect(result.status).toBe('success');
    expect(h.fake.requests).toHaveLength(1);
    const req = h.fake.requests[0];
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/v2/subscriptions/');
    expect(req.authorization).toBe(h.fake.token);
    expect(req.contentType).toMatch(/^application\/json/);
    expect(req.body).toEqual({
      user_alias: 'spiderman',
      subscription_alias: 'spiderman_sub_1',
      email: 'spiderman@profitwell.com',
      plan_id: 'web_plan',
      plan_interval: 'month',
      plan_currency: 'eur',
      value: 5000,
      effective_date: JAN_2018,
    });
    const out = output(result);
    expect(out).toMatchObject({
      user_alias: 'spiderman',
      subscription_alias: 'spiderman_sub_1',
      status: 'active',
      plan_currency: 'eur',
    });
    expect(out.subscription_id).toMatch(/^pws_[A-Za-z0-9]{12}$/);
    expect(out.user_id).toMatch(/^pwu_[A-Za-z0-9]{12}$/);
  });

  test.each([JAN_2018, String(JAN_2018), '2018-01-01T01:00:00+01:00'])(
    'accepts the date %p and sends Unix seconds',
    async (date) => {
      const result = await h.run('profitwell:createSubscription', { ...base, effective_date: date });
      expect(result.status).toBe('success');
      expect((h.fake.requests[0].body as Record<string, unknown>).effective_date).toBe(JAN_2018);
    },
  );

  test('a trialing subscription with value 0, and a second subscription for the same user by alias', async () => {
    await h.run('profitwell:createSubscription', {
      ...base,
      user_alias: 'spiderman',
      status: 'trialing',
      value: 0,
    });
    const second = await h.run('profitwell:createSubscription', {
      ...base,
      user_alias: 'spiderman',
      plan_id: 'pro',
      plan_interval: 'year',
      value: 12000,
    });
    const [first] = h.fake.state.subscriptions.findUser('spiderman')!.history;
    expect(first.status).toBe('trialing');
    expect(output(second).user_id).toBe(first.user_id);
    expect(h.fake.state.subscriptions.findUser('spiderman')!.history).toHaveLength(2);
  });

  test('a 200 instead of 201 is success too (the status code is unverified)', async () => {
    h.fake.setVariant({ createSubscriptionStatus: 200 });
    const result = await h.run('profitwell:createSubscription', base);
    expect(result.status).toBe('success');
    expect(output(result).plan_id).toBe('web_plan');
  });

  test('a duplicate alias comes back as the non_field_errors text, a user error', async () => {
    seedSubscription(h.fake, { subscription_alias: 'taken' });
    const result = await h.run('profitwell:createSubscription', { ...base, subscription_alias: 'taken' });
    const error = errorOf(result);
    expect(error).toMatchObject({ kind: 'user', type: 'DuplicateDataError', status: 400 });
    expect(error.message).toBe('A subscription with this subscription_alias already exists.');
  });
});

describe('update, churn and un-churn by ID or alias', () => {
  test('PUT /v2/subscriptions/{alias}/ with the alias URL-encoded', async () => {
    seedSubscription(h.fake, { subscription_alias: 'acme sub/1' });
    const result = await h.run('profitwell:updateSubscription', {
      subscription: 'acme sub/1',
      plan_id: 'pro',
      plan_interval: 'year',
      value: 120000,
      effective_date: '2018-02-01T00:00:00Z',
      status: 'active',
    });
    expect(result.status).toBe('success');
    const req = h.fake.requests[0];
    expect([req.method, req.url]).toEqual(['PUT', '/v2/subscriptions/acme%20sub%2F1/']);
    expect(req.body).toEqual({
      plan_id: 'pro',
      plan_interval: 'year',
      value: 120000,
      effective_date: 1517443200,
      status: 'active',
    });
    expect(output(result)).toMatchObject({ subscription_alias: 'acme sub/1', plan_id: 'pro', value: 120000 });
  });

  test('churn is a DELETE with query parameters and no body; the record comes back', async () => {
    const sub = seedSubscription(h.fake);
    const result = await h.run('profitwell:churnSubscription', {
      subscription: sub.subscription_id,
      effective_date: '2018-02-01T00:00:00Z',
      churn_type: 'delinquent',
    });
    const req = h.fake.requests[0];
    expect(req.method).toBe('DELETE');
    expect(req.path).toBe(`/v2/subscriptions/${sub.subscription_id}/`);
    expect(req.query).toEqual({ effective_date: '1517443200', churn_type: 'delinquent' });
    expect(req.rawBody).toBe('');
    expect(req.contentType).toBeUndefined();
    expect(output(result)).toMatchObject({
      subscription_id: sub.subscription_id,
      status: 'churned_delinquent',
      meta: { churn_type: 'delinquent' },
    });
  });

  test('churn_type defaults to voluntary and is always sent', async () => {
    const sub = seedSubscription(h.fake, { subscription_alias: 'a' });
    await h.run('profitwell:churnSubscription', { subscription: 'a', effective_date: 1517443200 });
    expect(h.fake.requests[0].query).toEqual({ effective_date: '1517443200', churn_type: 'voluntary' });
    expect(h.fake.state.subscriptions.findSubscription(sub.subscription_id)!.current.status).toBe(
      'churned_voluntary',
    );
  });

  test.each(['empty-204', 'empty-200'] as const)(
    'churn answered %s still gives a bundle',
    async (churnResponse) => {
      h.fake.setVariant({ churnResponse });
      seedSubscription(h.fake, { subscription_alias: 'a' });
      const result = await h.run('profitwell:churnSubscription', {
        subscription: 'a',
        effective_date: 1517443200,
      });
      expect(output(result)).toEqual({
        subscription: 'a',
        status: 'churned_voluntary',
        effective_date: 1517443200,
        churn_type: 'voluntary',
      });
    },
  );

  test('churning twice gives the "already scheduled to churn" error; an unknown subscription the 404 detail', async () => {
    seedSubscription(h.fake, { subscription_alias: 'a' });
    await h.run('profitwell:churnSubscription', { subscription: 'a', effective_date: 1517443200 });
    h.fake.setVariant({ businessErrorStatus: 409 });
    const twice = errorOf(
      await h.run('profitwell:churnSubscription', { subscription: 'a', effective_date: 1517443200 }),
    );
    expect(twice).toMatchObject({
      kind: 'user',
      status: 409,
      message: 'This subscription is already scheduled to churn.',
    });
    const unknown = errorOf(
      await h.run('profitwell:churnSubscription', { subscription: 'nope', effective_date: 1517443200 }),
    );
    expect(unknown).toMatchObject({
      kind: 'user',
      status: 404,
      message: 'the subscription "nope" was not found (ProfitWell: Not found.)',
    });
  });

  test.each(['empty-204', 'record', 'empty-object'] as const)(
    'un-churn: PUT /v2/unchurn/{x}/ without a body, answered %s',
    async (unchurnResponse) => {
      h.fake.setVariant({ unchurnResponse });
      const sub = seedSubscription(h.fake, { subscription_alias: 'sub #1' });
      await h.run('profitwell:churnSubscription', { subscription: 'sub #1', effective_date: 1517443200 });
      const result = await h.run('profitwell:unchurnSubscription', { subscription: 'sub #1' });
      const req = h.fake.requests[1];
      expect([req.method, req.url, req.rawBody]).toEqual(['PUT', '/v2/unchurn/sub%20%231/', '']);
      expect(h.fake.state.subscriptions.findSubscription('sub #1')!.current.status).toBe('active');
      expect(output(result)).toEqual(
        unchurnResponse === 'record'
          ? expect.objectContaining({ subscription_id: sub.subscription_id, status: 'active' })
          : { subscription: 'sub #1', unchurned: true },
      );
    },
  );

  test('un-churning a subscription that never churned is a user error with the service text', async () => {
    seedSubscription(h.fake, { subscription_alias: 'a' });
    const error = errorOf(await h.run('profitwell:unchurnSubscription', { subscription: 'a' }));
    expect(error).toMatchObject({
      kind: 'user',
      status: 400,
      message: 'This subscription was not churned in the first place.',
    });
  });
});

describe('list subscriptions of a user', () => {
  test('GET /v2/users/{alias}/ emits one bundle per history record, up to the limit', async () => {
    const first = seedSubscription(h.fake, { user_alias: 'peter parker/1' });
    seedSubscription(h.fake, { user_alias: 'peter parker/1', plan_id: 'pro' });
    h.fake.state.subscriptions.churn(first.subscription_id, {
      effective_date: '1517443200',
      churn_type: 'voluntary',
    });
    const all = await h.run('profitwell:listSubscriptions', { user: 'peter parker/1' });
    expect(h.fake.requests[0].url).toBe('/v2/users/peter%20parker%2F1/');
    expect(outputs(all).map((b) => [b.plan_id, b.status])).toEqual([
      ['web_plan', 'active'],
      ['pro', 'active'],
      ['web_plan', 'churned_voluntary'],
    ]);
    const limited = await h.run('profitwell:listSubscriptions', { user: first.user_id, limit: 2 });
    expect(h.fake.requests[1].url).toBe(`/v2/users/${first.user_id}/`);
    expect(outputs(limited)).toHaveLength(2);
  });

  test('records without aliases are passed on whether the API shows null or leaves the key out', async () => {
    const sub = seedSubscription(h.fake);
    h.fake.setVariant({ absentAlias: 'omit' });
    const omitted = outputs(await h.run('profitwell:listSubscriptions', { user: sub.user_id }));
    expect(omitted[0]).not.toHaveProperty('subscription_alias');
    h.fake.setVariant({ absentAlias: 'null' });
    const nulls = outputs(await h.run('profitwell:listSubscriptions', { user: sub.user_id }));
    expect(nulls[0]).toMatchObject({ subscription_alias: null, user_alias: null });
  });

  test('an unknown user is the 404 detail as a user error', async () => {
    const error = errorOf(await h.run('profitwell:listSubscriptions', { user: 'ghost' }));
    expect(error).toMatchObject({
      kind: 'user',
      status: 404,
      message: 'the user "ghost" was not found (ProfitWell: Not found.)',
    });
  });
});
