import request from 'supertest';
import {
  distributedEnv,
  ensureBuilt,
  eventually,
  freePort,
  freshDatabase,
  Processes,
  type Proc,
} from '../support/processes';

// Distributed mode with real processes: an API and workers on the machine's PostgreSQL and
// Redis; workers are killed with SIGKILL mid-run, the API while it holds webhook requests.

const env = distributedEnv();
const ADMIN = { email: 'admin@example.com', password: 'a long enough password' };

if (env)
  describe('crash recovery with real processes', () => {
    const { databaseUrl, redisUrl } = env;
    jest.setTimeout(180_000);
    let procs: Processes;
    let db: Awaited<ReturnType<typeof freshDatabase>>;
    let port = 0;
    let token = '';
    const api = () => request(`http://127.0.0.1:${port}`);
    const h = () => ({ Authorization: `Bearer ${token}` });

    beforeAll(async () => {
      ensureBuilt();
      db = await freshDatabase(databaseUrl);
      procs = new Processes({
        DATABASE_URL: db.url,
        REDIS_URL: redisUrl,
        INTEGRATOR_QUEUE_PREFIX: `crash-${process.pid}-${Date.now()}`,
        INTEGRATOR_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
        INTEGRATOR_ADMIN_EMAIL: ADMIN.email,
        INTEGRATOR_ADMIN_PASSWORD: ADMIN.password,
        INTEGRATOR_HEARTBEAT_MS: '300',
        INTEGRATOR_SWEEP_MS: '500',
        INTEGRATOR_WORKER_STALE_MS: '2000',
        INTEGRATOR_JOB_LOCK_MS: '3000',
        INTEGRATOR_SHUTDOWN_TIMEOUT_MS: '10000',
        INTEGRATOR_CONCURRENCY: '3',
      });
      port = await freePort();
      await procs.api(port);
      token = (await api().post('/api/auth/login').send(ADMIN).expect(200)).body.token;
    });
    afterAll(async () => {
      await procs?.stopAll();
      await db?.drop();
    });

    async function hookedScenario(name: string, seconds: number, settings: Record<string, unknown> = {}) {
      const { body: hook } = await api().post('/api/hooks').set(h()).send({ name }).expect(201);
      const blueprint = {
        flow: [
          { id: 1, module: 'gateway:CustomWebHook', parameters: { hook: hook.id } },
          { id: 2, module: 'util:FunctionSleep', mapper: { duration: seconds } },
          { id: 3, module: 'util:SetVariable2', mapper: { name: 'n', value: '{{1.n}}' } },
        ],
        metadata: { scenario: settings },
      };
      const { body: s } = await api().post('/api/scenarios').set(h()).send({ name, blueprint }).expect(201);
      await api().post(`/api/scenarios/${s.id}/activate`).set(h()).expect(200);
      return { scenarioId: s.id as number, path: new URL(hook.url).pathname };
    }
    const executions = async (scenarioId: number) =>
      (await api().get(`/api/executions?scenarioId=${scenarioId}&pageSize=200`).set(h()).expect(200)).body
        .items as Array<{ id: string; status: string }>;
    const inputsOf = async (ids: string[]) =>
      Promise.all(
        ids.map(async (id) => (await api().get(`/api/executions/${id}`).set(h())).body.input.n as number),
      );

    /** Kills the worker with SIGKILL once a run is running, starts another, waits for every run to succeed. */
    async function killMidRunThenAllSucceed(worker: Proc, scenarioId: number, runs: number) {
      await eventually(
        async () => (await executions(scenarioId)).some((e) => e.status === 'running'),
        30_000,
        'a running execution',
      );
      await procs.kill(worker, 'SIGKILL');
      await procs.worker();
      return eventually(
        async () => {
          const all = await executions(scenarioId);
          return all.length === runs && all.every((e) => e.status === 'success') ? all : undefined;
        },
        90_000,
        'every run to succeed',
      );
    }

    test('a worker killed with SIGKILL mid-run: its runs are detected and run again; none stays running, none is lost', async () => {
      await procs.stopAllWorkers();
      const worker = await procs.worker();
      const { scenarioId, path } = await hookedScenario('Slow orders', 1.5);
      for (let n = 1; n <= 6; n++) await api().post(path).send({ n }).expect(202);
      const done = await killMidRunThenAllSucceed(worker, scenarioId, 6);
      expect((await inputsOf(done.map((e) => e.id))).sort()).toEqual([1, 2, 3, 4, 5, 6]);
    });

    test('runs enqueued together (one job of several) and the worker killed mid-run: none is lost, none stays running', async () => {
      await procs.stopAllWorkers();
      const worker = await procs.worker();
      const { scenarioId, path } = await hookedScenario('Slow orders together', 1.5);
      // Sent at once, they are stored in one tick and queued as jobs of several runs; with a
      // concurrency of 3 some run while the others of their job wait for a slot.
      await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          api()
            .post(path)
            .send({ n: i + 1 })
            .expect(202),
        ),
      );
      const done = await killMidRunThenAllSucceed(worker, scenarioId, 8);
      expect((await inputsOf(done.map((e) => e.id))).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

    test('with incomplete executions stored, the killed runs become incomplete executions that a retry completes', async () => {
      await procs.stopAllWorkers();
      const worker = await procs.worker({ INTEGRATOR_CONCURRENCY: '6' });
      const { scenarioId, path } = await hookedScenario('Slow with DLQ', 1.5, { dlq: true });
      for (let n = 1; n <= 4; n++) await api().post(path).send({ n }).expect(202);
      await eventually(
        async () => (await executions(scenarioId)).filter((e) => e.status === 'running').length === 4,
        30_000,
        'four running',
      );
      await procs.kill(worker, 'SIGKILL');
      await procs.worker();
      const incomplete = await eventually(
        async () => {
          const rows = (await api().get(`/api/incomplete-executions?scenarioId=${scenarioId}`).set(h()))
            .body as Array<{ id: number; status: string }>;
          return rows.length === 4 ? rows : undefined;
        },
        60_000,
        'four incomplete executions',
      );
      expect((await executions(scenarioId)).map((e) => e.status)).toEqual([
        'warning',
        'warning',
        'warning',
        'warning',
      ]);
      await api()
        .post('/api/incomplete-executions/retry')
        .set(h())
        .send({ ids: incomplete.map((i) => i.id) })
        .expect(202);
      await eventually(
        async () =>
          (
            (await api().get(`/api/incomplete-executions?scenarioId=${scenarioId}`).set(h())).body as Array<{
              status: string;
            }>
          ).every((i) => i.status === 'resolved'),
        60_000,
        'the retries to resolve them',
      );
      const retried = (await executions(scenarioId)).filter((e) => e.status === 'success');
      expect((await inputsOf(retried.map((e) => e.id))).sort()).toEqual([1, 2, 3, 4]);
    });

    test('an API killed while holding webhook requests: every acknowledged request runs after restart', async () => {
      const { scenarioId, path } = await hookedScenario('Held requests', 0);
      await api().post(`/api/scenarios/${scenarioId}/deactivate`).set(h()).expect(200);
      const acked: number[] = [];
      for (let n = 1; n <= 5; n++) {
        const res = await api().post(path).send({ n });
        if (res.status === 202) acked.push(n);
      }
      expect(acked).toEqual([1, 2, 3, 4, 5]);
      await procs.kill(procs.apis.at(-1)!, 'SIGKILL');
      await procs.api(port);
      token = (await api().post('/api/auth/login').send(ADMIN).expect(200)).body.token;
      await api().post(`/api/scenarios/${scenarioId}/activate`).set(h()).expect(200);
      const done = await eventually(
        async () => {
          const all = await executions(scenarioId);
          return all.length === 5 && all.every((e) => e.status === 'success') ? all : undefined;
        },
        60_000,
        'the held requests to run',
      );
      expect((await inputsOf(done.map((e) => e.id))).sort()).toEqual(acked);
    });

    test('SIGTERM: a worker stops taking work and lets its running execution finish', async () => {
      await procs.stopAllWorkers();
      const worker = await procs.worker();
      const { scenarioId, path } = await hookedScenario('Graceful', 1);
      await api().post(path).send({ n: 7 }).expect(202);
      await eventually(
        async () => (await executions(scenarioId)).some((e) => e.status === 'running'),
        30_000,
        'the run to start',
      );
      expect(await procs.kill(worker, 'SIGTERM')).toBe(0); // a graceful stop, after its shutdown hooks ran
      expect(worker.output.join('')).toMatch(/SIGTERM: finishing running executions/);
      const [run] = await executions(scenarioId);
      expect(run.status).toBe('success');
    });
  });
