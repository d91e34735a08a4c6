import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';
import type { CapturedLogs } from '../support/app';

// Hole 1 of issue 13: a body nested thousands of levels deep was a 500 with a stack in the log.
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const deepObject = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

describe.each(databaseTargets())('bounded request bodies on $name', (target) => {
  let t: TestApp & { logs: CapturedLogs };
  let hookUrl: string;
  beforeAll(async () => {
    t = await startTestApp(target);
    const hook = await t.http().post('/api/hooks').set(auth(t.token)).send({ name: 'deep' }).expect(201);
    hookUrl = new URL(hook.body.url).pathname;
  });
  afterAll(() => t?.close());

  test.each([
    ['POST', '/api/auth/login', false],
    ['POST', '/api/scenarios', true],
    ['PUT', '/api/organization', true],
    ['POST', '/api/connections', true],
    ['POST', 'hook', false],
  ])(
    '%s %s: 5,000 levels deep is a 400 naming the limit, one short log line',
    async (method, path, authed) => {
      for (const body of [deep(5000), deepObject(5000)]) {
        const before = t.logs.lines.length;
        let req = t
          .http()
          [method === 'POST' ? 'post' : 'put'](path === 'hook' ? hookUrl : path)
          .set('content-type', 'application/json');
        if (authed) req = req.set(auth(t.token));
        const res = await req.send(body);
        expect(res.status).toBe(400);
        expect(res.body).toEqual({
          statusCode: 400,
          error: 'Bad Request',
          message: 'the body is nested deeper than 64 levels',
        });
        const lines = t.logs.lines.slice(before);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/nested deeper than 64 levels/);
        expect(lines[0]).not.toMatch(/\bat .*\.(js|ts):\d+/);
        expect(lines[0].length).toBeLessThan(400);
      }
    },
  );

  test('a GET with a body is a 400 naming it, answered whole even where the answer is large', async () => {
    for (const path of ['/api/apps', '/api/scenarios']) {
      const res = await t
        .http()
        .get(path)
        .set(auth(t.token))
        .set('content-type', 'application/json')
        .send('x'.repeat(2 * 1024 * 1024));
      expect([path, res.status, res.body.message]).toEqual([path, 400, 'body: a GET request takes no body']);
    }
    // Without a body the large answer (the module catalog) comes whole.
    const apps = await t.http().get('/api/apps').set(auth(t.token)).expect(200);
    expect(apps.body.length).toBeGreaterThan(10);
  });

  test('64 levels pass the check; a form body and a text body are bounded too', async () => {
    const ok = await t.http().post(hookUrl).set('content-type', 'application/json').send(deepObject(60));
    expect(ok.status).toBe(202);
    const form = await t
      .http()
      .post(hookUrl)
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('a=1&' + 'b'.repeat(3 * 1024 * 1024));
    expect(form.status).toBe(413);
    expect(form.body.message).toBe('the request body is too large: the limit is 2097152 bytes');
    const text = await t
      .http()
      .post(hookUrl)
      .set('content-type', 'text/plain')
      .send(Buffer.from([0x61, 0xff, 0xfe, 0x62]));
    expect(text.status).toBe(400);
    expect(text.body.message).toBe('the body is not valid UTF-8 text');
  });
});
