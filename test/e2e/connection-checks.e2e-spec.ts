import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/processes';

// Credentials are checked when a connection is saved (saved anyway, with the reason, when the
// check fails); a run that used a connection without error marks it verified.
const SECRET = 'PLANTED-SECRET-c0ffee-42';
const MARK = { integrator: { format: 1 } };

describe.each(databaseTargets())('connection checks on $name', (target) => {
  let now = Date.parse('2026-05-04T10:00:00Z');
  let t: TestApp;
  let h: Record<string, string>;
  let api: Server;
  let apiUrl: string;
  let closedUrl: string;

  beforeAll(async () => {
    t = await startTestApp(target, { now: () => now });
    h = auth(t.token);
    // The outside API: only its token passes; a refusal echoes the header it got (carelessly).
    api = createServer((req, res) => {
      const ok = req.headers.authorization === `Bearer ${SECRET}`;
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { ok, path: req.url } : { error: `bad ${req.headers.authorization}` }));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    // A port nobody listens on: the service is unreachable.
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    closedUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
    await new Promise<void>((r) => gone.close(() => r()));
  });
  afterAll(async () => {
    await t?.close();
    api?.close();
  });

  const create = (name: string, token: string, baseUrl: string) =>
    t
      .http()
      .post('/api/connections')
      .set(h)
      .send({ name, type: 'bearer', credentials: { token, baseUrl } })
      .expect(201);

  test('saving checks the credentials; refused or unreachable still saves, with the reason and never the secret', async () => {
    const good = (await create('Good', SECRET, apiUrl)).body;
    expect(good).toMatchObject({
      status: 'ok',
      statusMessage: '',
      verifiedAt: now,
      typeLabel: 'HTTP (Bearer token)',
    });

    const refused = (await create('Refused', `${SECRET}-old`, apiUrl)).body;
    expect(refused).toMatchObject({ status: 'failed', verifiedAt: null });
    expect(refused.statusMessage).toMatch(/refused these credentials \(401\)/);
    expect(JSON.stringify(refused)).not.toContain(SECRET);

    const unreachable = (await create('Unreachable', SECRET, closedUrl)).body;
    expect(unreachable.status).toBe('failed');
    expect(unreachable.statusMessage).toMatch(/ECONNREFUSED|refused|reach/i);
    expect(JSON.stringify(unreachable)).not.toContain(SECRET);
    const listed = (await t.http().get('/api/connections').set(h).expect(200)).body;
    expect(listed.map((c: { name: string }) => c.name)).toEqual(['Good', 'Refused', 'Unreachable']);

    // An edit of the credentials is checked again.
    now += 60_000;
    const fixed = (
      await t
        .http()
        .put(`/api/connections/${refused.id}`)
        .set(h)
        .send({ credentials: { token: SECRET } })
        .expect(200)
    ).body;
    expect(fixed).toMatchObject({ status: 'ok', statusMessage: '', verifiedAt: now });
    // A rename alone checks nothing.
    now += 60_000;
    const renamed = (
      await t.http().put(`/api/connections/${fixed.id}`).set(h).send({ name: 'Renamed' }).expect(200)
    ).body;
    expect(renamed.verifiedAt).toBe(now - 60_000);
  });

  test('a run that used the connection without error marks it verified', async () => {
    const c = (await create('Used', SECRET, closedUrl)).body;
    expect(c.status).toBe('failed');
    const blueprint = {
      flow: [
        {
          id: 1,
          module: 'http:MakeRequest',
          version: 4,
          parameters: { connection: c.id },
          mapper: { url: `${apiUrl}/things`, method: 'GET' },
        },
      ],
      metadata: MARK,
    };
    const s = (await t.http().post('/api/scenarios').set(h).send({ name: 'Uses it', blueprint }).expect(201))
      .body;
    now += 5 * 60_000;
    const run = (await t.http().post(`/api/scenarios/${s.id}/run`).set(h).send({}).expect(201)).body;
    await eventually(
      async () =>
        (
          await t
            .http()
            .get(`/api/executions/${run.executionId ?? run.id}`)
            .set(h)
        ).body.status === 'success',
      10_000,
      'the run',
    );
    const after = await eventually(
      async () => {
        const x = (await t.http().get(`/api/connections/${c.id}`).set(h)).body;
        return x.status === 'ok' ? x : undefined;
      },
      5_000,
      'the connection to show as verified',
    );
    expect(after).toMatchObject({ status: 'ok', statusMessage: '', verifiedAt: now });
  });
});
