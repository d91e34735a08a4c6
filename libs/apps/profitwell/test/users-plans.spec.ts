import { errorOf, output, outputs, seedSubscription, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.close());

describe('users', () => {
  test.each(['empty-object', 'empty-204'] as const)(
    'update: PUT /v2/users/{alias}/ with {email}, answered %s',
    async (updateUserResponse) => {
      h.fake.setVariant({ updateUserResponse });
      seedSubscription(h.fake, { user_alias: 'mary jane' });
      const result = await h.run('profitwell:updateUser', { user: 'mary jane', email: 'Mary Jane Watson' });
      const req = h.fake.requests[0];
      expect([req.method, req.url, req.authorization]).toEqual([
        'PUT',
        '/v2/users/mary%20jane/',
        h.fake.token,
      ]);
      expect(req.body).toEqual({ email: 'Mary Jane Watson' });
      expect(output(result)).toEqual({ user: 'mary jane', email: 'Mary Jane Watson' });
      expect(h.fake.state.subscriptions.findUser('mary jane')!.email).toBe('Mary Jane Watson');
    },
  );

  test.each(['empty-204', 'detail'] as const)(
    'delete: DELETE /v2/users/{id}/ without a body, answered %s',
    async (deleteUserResponse) => {
      h.fake.setVariant({ deleteUserResponse });
      const sub = seedSubscription(h.fake);
      const result = await h.run('profitwell:deleteUser', { user: sub.user_id });
      const req = h.fake.requests[0];
      expect([req.method, req.url, req.rawBody]).toEqual(['DELETE', `/v2/users/${sub.user_id}/`, '']);
      expect(h.fake.state.subscriptions.findUser(sub.user_id)).toBeUndefined();
      expect(h.fake.state.subscriptions.findSubscription(sub.subscription_id)).toBeUndefined();
      const detail = deleteUserResponse === 'detail' ? { detail: "This user's data has been deleted." } : {};
      expect(output(result)).toEqual({ user: sub.user_id, deleted: true, ...detail });
    },
  );

  test('deleting an unknown user is a 404 user error, also when the 404 has no body', async () => {
    expect(errorOf(await h.run('profitwell:deleteUser', { user: 'ghost' }))).toMatchObject({
      kind: 'user',
      status: 404,
      message: 'the user "ghost" was not found (ProfitWell: Not found.)',
    });
    h.fake.setVariant({ errorBodies: 'empty' });
    const bare = errorOf(await h.run('profitwell:deleteUser', { user: 'ghost' }));
    expect(bare).toMatchObject({
      kind: 'user',
      status: 404,
      message: 'the user "ghost" was not found in ProfitWell',
    });
  });
});

describe('plans', () => {
  test('create: POST /v2/plans/ with {id, name}; 201 or 200', async () => {
    const created = await h.run('profitwell:createPlan', { plan_id: 'web_plan', name: 'Web plan' });
    expect(h.fake.requests[0]).toMatchObject({
      method: 'POST',
      url: '/v2/plans/',
      body: { id: 'web_plan', name: 'Web plan' },
    });
    expect(output(created)).toEqual({ id: 'web_plan', name: 'Web plan' });
    h.fake.setVariant({ createPlanStatus: 200 });
    expect(output(await h.run('profitwell:createPlan', { plan_id: 'pro', name: 'Pro' }))).toEqual({
      id: 'pro',
      name: 'Pro',
    });
  });

  test('a duplicate plan gives the service text as a user error', async () => {
    h.fake.state.plans.create({ id: 'web_plan', name: 'Web plan' });
    const error = errorOf(await h.run('profitwell:createPlan', { plan_id: 'web_plan', name: 'Again' }));
    expect(error).toMatchObject({
      kind: 'user',
      type: 'DuplicateDataError',
      status: 400,
      message: 'A plan with this ID already exists',
    });
  });

  test('get and update: /v2/plans/{id}/ with the ID URL-encoded', async () => {
    h.fake.state.plans.create({ id: 'gold/annual', name: 'Gold' });
    const got = await h.run('profitwell:getPlan', { plan_id: 'gold/annual' });
    expect(h.fake.requests[0]).toMatchObject({ method: 'GET', url: '/v2/plans/gold%2Fannual/' });
    expect(output(got)).toEqual({ id: 'gold/annual', name: 'Gold' });
    const renamed = await h.run('profitwell:updatePlan', { plan_id: 'gold/annual', name: 'Gold (annual)' });
    expect(h.fake.requests[1]).toMatchObject({
      method: 'PUT',
      url: '/v2/plans/gold%2Fannual/',
      body: { name: 'Gold (annual)' },
    });
    expect(output(renamed)).toEqual({ id: 'gold/annual', name: 'Gold (annual)' });
  });

  test('updating an unknown plan and getting one are user errors with the service text', async () => {
    expect(errorOf(await h.run('profitwell:updatePlan', { plan_id: 'nope', name: 'x' }))).toMatchObject({
      kind: 'user',
      message: 'There is no plan with this ID',
    });
    expect(errorOf(await h.run('profitwell:getPlan', { plan_id: 'nope' }))).toMatchObject({
      kind: 'user',
      status: 404,
    });
  });

  test('list: GET /v2/plans/ emits one bundle per plan up to the limit', async () => {
    for (let i = 1; i <= 12; i++) h.fake.state.plans.create({ id: `plan_${i}`, name: `Plan ${i}` });
    const result = await h.run('profitwell:listPlans', {});
    expect(h.fake.requests[0]).toMatchObject({ method: 'GET', url: '/v2/plans/' });
    expect(outputs(result)).toHaveLength(10);
    expect(outputs(result)[0]).toEqual({ id: 'plan_1', name: 'Plan 1' });
    expect(outputs(await h.run('profitwell:listPlans', { limit: 50 }))).toHaveLength(12);
  });
});
