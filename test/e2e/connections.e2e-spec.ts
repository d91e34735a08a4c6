import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp, type CapturedLogs } from '../support/app';

const SECRET = 'PLANTED-SECRET-7f3c9e1a5b';

describe.each(databaseTargets({ distributed: true }))('connection vault on $name', (target) => {
  let t: TestApp & { logs: CapturedLogs };
  let h: Record<string, string>;
  let api: Server;
  let apiUrl: string;
  const seen: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(target);
    h = auth(t.token);
    // An outside API that checks the bearer token and, carelessly, echoes it back.
    api = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      const ok = req.headers.authorization === `Bearer ${SECRET}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok, echo: req.headers.authorization, path: req.url }));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t?.close();
    api?.close();
  });

  test('secrets are never returned, logged, stored in clear or kept in execution data', async () => {
    const created = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({ name: 'My API', type: 'bearer', credentials: { token: SECRET, baseUrl: apiUrl } })
      .expect(201);
    expect(created.body).toMatchObject({
      name: 'My API',
      type: 'bearer',
      values: { baseUrl: apiUrl },
      secretsSet: ['token'],
      // Checked against the API as it was saved.
      status: 'ok',
    });
    expect(JSON.stringify(created.body)).not.toContain(SECRET);

    const verify = await t.http().post(`/api/connections/${created.body.id}/verify`).set(h).expect(200);
    expect(verify.body).toEqual({ ok: true });

    const blueprint = {
      flow: [
        {
          id: 1,
          module: 'http:MakeRequest',
          version: 4,
          parameters: { connection: created.body.id },
          mapper: { url: `${apiUrl}/things`, method: 'GET' },
        },
      ],
    };
    const { body: scenario } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Uses the API', blueprint })
      .expect(201);
    const run = await t.http().post(`/api/scenarios/${scenario.id}/run`).set(h).send({}).expect(201);
    expect(run.body.status).toBe('success');
    expect(seen).toContain(`Bearer ${SECRET}`); // the real request carried it
    expect(run.body.modules[0].ops[0].output[0].data.ok).toBe(true);

    const list = await t.http().get('/api/connections').set(h).expect(200);
    expect(list.body[0].usedBy).toEqual([{ id: scenario.id, name: 'Uses the API' }]);
    expect(list.body[0].status).toBe('ok');

    const detail = await t.http().get(`/api/executions/${run.body.id}`).set(h).expect(200);
    for (const text of [
      JSON.stringify(list.body),
      JSON.stringify(detail.body),
      JSON.stringify(run.body),
      t.logs.lines.join('\n'),
    ]) {
      expect(text).not.toContain(SECRET);
    }
    if (target.name === 'sqlite') {
      // The database file and its write-ahead log, byte for byte.
      const files = readdirSync(t.config.dataDir).filter((f) => f.startsWith('integrator.db'));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files)
        expect(readFileSync(join(t.config.dataDir, f)).includes(Buffer.from(SECRET))).toBe(false);
    } else {
      const rows = await t.db().query(`SELECT * FROM connections`);
      expect(JSON.stringify(rows)).not.toContain(SECRET);
      const logs = await t.db().query(`SELECT * FROM executions`);
      expect(JSON.stringify(logs)).not.toContain(SECRET);
    }
  });

  test('updating keeps secrets that were left out; bad credentials name the field; in-use connections cannot be deleted', async () => {
    const { body: c } = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({ name: 'Basic', type: 'basic', credentials: { username: 'ada', password: 'pw-1' } })
      .expect(201);
    const renamed = await t
      .http()
      .put(`/api/connections/${c.id}`)
      .set(h)
      .send({ credentials: { username: 'grace' } })
      .expect(200);
    expect(renamed.body).toMatchObject({ values: { username: 'grace' }, secretsSet: ['password'] });

    const missing = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({ name: 'X', type: 'bearer', credentials: { nope: 1 } })
      .expect(400);
    expect(missing.body.fields).toEqual(
      expect.arrayContaining([
        { path: 'credentials.nope', message: 'is not a field of connection type bearer' },
        { path: 'credentials.token', message: 'is required' },
      ]),
    );
    const unknownType = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({ name: 'X', type: 'telepathy', credentials: {} })
      .expect(400);
    expect(unknownType.body.fields).toEqual([
      { path: 'type', message: 'unknown connection type "telepathy"' },
    ]);

    const inUse = (await t.http().get('/api/connections').set(h)).body.find(
      (x: { usedBy: unknown[] }) => x.usedBy.length,
    );
    await t.http().delete(`/api/connections/${inUse.id}`).set(h).expect(409);
    await t.http().delete(`/api/connections/${c.id}`).set(h).expect(204);
  });

  test('a failing check is reported and recorded', async () => {
    const { body: c } = await t
      .http()
      .post('/api/connections')
      .set(h)
      .send({ name: 'Wrong', type: 'bearer', credentials: { token: 'wrong-token', baseUrl: apiUrl } })
      .expect(201);
    const verify = await t.http().post(`/api/connections/${c.id}/verify`).set(h).expect(200);
    expect(verify.body.ok).toBe(false);
    expect(verify.body.message).toMatch(/401/);
    expect((await t.http().get(`/api/connections/${c.id}`).set(h)).body.status).toBe('failed');
  });
});
