import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { databaseTargets } from '../support/databases';
import { auth, sharedDatabase, startTestApp, type TestApp } from '../support/app';
import { eventually } from '../support/processes';

// Two API processes (and, in distributed mode, their workers) share one database: what one
// changes, the other and the workers act on within a second, whatever they had cached.
// With Redis the change travels by pub/sub; without it, by the version counters.
const WITHIN_MS = 1_000;

for (const target of databaseTargets({ distributed: true }).filter((t) => t.name !== 'sqlite'))
  describe(`shared state across processes on ${target.name}`, () => {
    let a: TestApp;
    let b: TestApp;
    let h: Record<string, string>;
    let echo: Server;
    let echoUrl: string;
    let echoed = 0;

    beforeAll(async () => {
      echo = createServer((req, res) => {
        echoed++;
        req.resume();
        req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
      });
      await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
      echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/ping`;
      const shared = sharedDatabase(target);
      a = await startTestApp(target, {}, undefined, shared);
      b = await startTestApp(target, {}, undefined, shared);
      h = auth(a.token);
    }, 180_000); // distributed: the worker is built first
    afterAll(async () => {
      await b?.close();
      await a?.close();
      echo?.close();
    });

    async function hooked(flow: unknown[]) {
      const hook = (await a.http().post('/api/hooks').set(h).send({ name: 'H' }).expect(201)).body;
      const blueprint = {
        flow: [{ id: 1, module: 'gateway:CustomWebHook', parameters: { hook: hook.id } }, ...flow],
        metadata: { integrator: { format: 1 } },
      };
      const scenario = (
        await a.http().post('/api/scenarios').set(h).send({ name: 'S', blueprint }).expect(201)
      ).body;
      await a.http().post(`/api/scenarios/${scenario.id}/activate`).set(h).send({}).expect(200);
      return { hook, scenario, path: new URL(hook.url).pathname, blueprint };
    }

    const runs = async (app: TestApp, scenarioId: number) =>
      (await app.http().get(`/api/executions?scenarioId=${scenarioId}&pageSize=100`).set(h).expect(200)).body
        .items as Array<{ id: string; status: string; error?: { message: string } }>;

    test('organisation settings: the integration switch and the private-network guard', async () => {
      // B reads (and caches) the settings first.
      const before = (await b.http().get('/api/apps').set(h).expect(200)).body as Array<{ key: string }>;
      expect(before.map((x) => x.key)).not.toContain('custom');
      await a
        .http()
        .put('/api/organization')
        .set(h)
        .send({ integrations: { customConnector: true } })
        .expect(200);
      await eventually(
        async () =>
          ((await b.http().get('/api/apps').set(h)).body as Array<{ key: string }>).some(
            (x) => x.key === 'custom',
          ),
        WITHIN_MS,
        'B to see the integration enabled',
      );

      const { scenario, path } = await hooked([
        { id: 2, module: 'http:MakeRequest', mapper: { url: echoUrl, method: 'GET' } },
      ]);
      await b.http().post(path).send({ n: 1 }).expect(202);
      await eventually(
        async () => (await runs(b, scenario.id))[0]?.status === 'success',
        20_000,
        'first run',
      );
      // The guard switched on through A holds for B and for whoever runs B's executions.
      await a.http().put('/api/organization').set(h).send({ privateNetworkGuard: true }).expect(200);
      await new Promise((r) => setTimeout(r, WITHIN_MS));
      const sent = echoed;
      await b.http().post(path).send({ n: 2 }).expect(202);
      const blocked = await eventually(
        async () => {
          const [latest] = await runs(b, scenario.id);
          return latest &&
            latest.status !== 'success' &&
            latest.status !== 'queued' &&
            latest.status !== 'running'
            ? latest
            : undefined;
        },
        20_000,
        'the second run',
      );
      expect(blocked.status).toBe('error');
      expect(echoed).toBe(sent);
      await a.http().put('/api/organization').set(h).send({ privateNetworkGuard: false }).expect(200);
    });

    test('scenario edits and deactivation reach the other process at once', async () => {
      const { scenario, path, blueprint } = await hooked([
        { id: 2, module: 'util:SetVariable2', mapper: { name: 'v', value: 'first' } },
      ]);
      await b.http().post(path).send({}).expect(202); // B caches the scenario
      const edited = {
        ...blueprint,
        flow: [
          blueprint.flow[0],
          { id: 2, module: 'util:SetVariable2', mapper: { name: 'v', value: 'second' } },
        ],
      };
      await a.http().put(`/api/scenarios/${scenario.id}`).set(h).send({ blueprint: edited }).expect(200);
      await new Promise((r) => setTimeout(r, WITHIN_MS));
      await b.http().post(path).send({}).expect(202);
      await eventually(
        async () => (await runs(b, scenario.id)).filter((r) => r.status === 'success').length === 2,
        20_000,
        'two runs',
      );
      const [latest] = await runs(b, scenario.id);
      const detail = (await b.http().get(`/api/executions/${latest.id}`).set(h).expect(200)).body;
      expect(JSON.stringify(detail)).toContain('second');

      await a.http().post(`/api/scenarios/${scenario.id}/deactivate`).set(h).send({}).expect(200);
      await new Promise((r) => setTimeout(r, WITHIN_MS));
      const queued = await b.http().post(path).send({}).expect(202);
      expect(queued.body).toEqual({ accepted: true, queued: true });
    });

    test('a deleted webhook answers 404 on the other process, a new one is found at once', async () => {
      const { hook, path } = await hooked([]);
      await b.http().post(path).send({}).expect(202); // B caches the hook
      await a.http().delete(`/api/hooks/${hook.id}`).set(h).expect(204);
      await new Promise((r) => setTimeout(r, WITHIN_MS));
      await b.http().post(path).send({}).expect(404);

      const fresh = (await a.http().post('/api/hooks').set(h).send({ name: 'New' }).expect(201)).body;
      const freshPath = new URL(fresh.url).pathname;
      await b.http().post(freshPath).send({}).expect(202);
    });
  });
