import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

describe.each(databaseTargets().filter((t) => t.name === 'sqlite'))(
  'the private-network guard on $name',
  (target) => {
    let local: Server;
    let url = '';
    const apps: TestApp[] = [];
    beforeAll(async () => {
      local = createServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"internal":true}'),
      );
      await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(local.address() as AddressInfo).port}/secrets`;
    });
    afterAll(async () => {
      for (const a of apps) await a.close();
      local.close();
    });

    const callLocal = async (t: TestApp) => {
      const h = auth(t.token);
      const flow = [{ id: 1, module: 'http:MakeRequest', version: 4, mapper: { url, retries: 0 } }];
      const { body: s } = await t
        .http()
        .post('/api/scenarios')
        .set(h)
        .send({ name: 'Reach inside', blueprint: { flow } })
        .expect(201);
      return (await t.http().post(`/api/scenarios/${s.id}/run`).set(h).send({})).body;
    };

    test('self-hosted: off by default, switched on by the organisation setting', async () => {
      const t = await startTestApp(target);
      apps.push(t);
      expect((await callLocal(t)).status).toBe('success');
      await t
        .http()
        .put('/api/organization')
        .set(auth(t.token))
        .send({ privateNetworkGuard: true })
        .expect(200);
      const refused = await callLocal(t);
      expect(refused).toMatchObject({ status: 'error', error: { kind: 'user' } });
      expect(refused.error.message).toMatch(/127\.0\.0\.1/);
    });

    test('the hosted profile refuses private addresses whatever the setting says', async () => {
      const t = await startTestApp(target, { hostedProfile: true });
      apps.push(t);
      expect((await callLocal(t)).status).toBe('error');
    });
  },
);
