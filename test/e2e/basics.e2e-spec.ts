import { databaseTargets } from '../support/databases';
import { ADMIN, auth, startTestApp, type TestApp } from '../support/app';

describe.each(databaseTargets({ distributed: true }))('server basics on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  test('health answers without a token; everything else needs one', async () => {
    await t.http().get('/api/health').expect(200, { status: 'ok' });
    const res = await t.http().get('/api/scenarios').expect(401);
    expect(res.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: expect.stringMatching(/bearer token/),
    });
    await t.http().get('/api/scenarios').set({ Authorization: 'Bearer nope' }).expect(401);
  });

  test('login: wrong password is refused without saying which part was wrong; the token identifies the user', async () => {
    const bad = await t
      .http()
      .post('/api/auth/login')
      .send({ email: ADMIN.email, password: 'wrong' })
      .expect(401);
    expect(bad.body.message).toBe('wrong e-mail address or password');
    const me = await t.http().get('/api/auth/me').set(auth(t.token)).expect(200);
    expect(me.body).toMatchObject({ email: ADMIN.email, role: 'superuser' });
  });

  test('bad input names the field; unknown fields are rejected', async () => {
    const res = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'not-an-email', password: 'x', extra: 1 })
      .expect(400);
    expect(res.body.fields).toEqual(
      expect.arrayContaining([
        { path: 'email', message: 'must be an email' },
        { path: 'extra', message: 'is not allowed' },
      ]),
    );
  });

  test('a body over the limit is a 413, malformed JSON a 400, an unknown route a JSON 404', async () => {
    const big = await t
      .http()
      .post('/api/scenarios')
      .set({ Authorization: `Bearer ${t.token}` })
      .send({ name: 'x', blueprint: { flow: [], pad: 'x'.repeat(3 * 1024 * 1024) } });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ statusCode: 413, message: expect.stringMatching(/too large/i) });
    const bad = await t
      .http()
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"email": ');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).not.toMatch(/at .*\.js/); // no stack trace
    const missing = await t
      .http()
      .get('/api/nothing-here')
      .set({ Authorization: `Bearer ${t.token}` })
      .expect(404);
    expect(missing.body.statusCode).toBe(404);
  });

  test('the OpenAPI document is served', async () => {
    const res = await t.http().get('/api/docs-json').expect(200);
    expect(res.body.paths['/api/scenarios']).toBeDefined();
  });
});
