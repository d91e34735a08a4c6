import http from 'node:http';
import request from 'supertest';
import { ensureBuilt, eventually, freePort, Processes } from '../support/processes';

// Embedded mode (SQLite, in-process queue) killed with SIGKILL under webhook load: a short run
// is written once, at its group commit, together with its result; the caller is answered only
// after that commit. So every request that got an answer is stored, and runs (again) after the
// restart; requests cut off by the kill may be missing, never the answered ones.

const ADMIN = { email: 'admin@example.com', password: 'a long enough password' };

describe('embedded mode killed with SIGKILL under webhook load', () => {
  jest.setTimeout(180_000);
  let procs: Processes;
  let port = 0;
  let token = '';
  const api = () => request(`http://127.0.0.1:${port}`);
  const h = () => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    ensureBuilt();
    procs = new Processes({
      DATABASE_URL: '',
      REDIS_URL: '',
      INTEGRATOR_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
      INTEGRATOR_ADMIN_EMAIL: ADMIN.email,
      INTEGRATOR_ADMIN_PASSWORD: ADMIN.password,
      INTEGRATOR_HEARTBEAT_MS: '300',
      INTEGRATOR_SWEEP_MS: '500',
      INTEGRATOR_WORKER_STALE_MS: '2000',
    });
    port = await freePort();
    await procs.api(port);
    token = (await api().post('/api/auth/login').send(ADMIN).expect(200)).body.token;
  });
  afterAll(() => procs?.stopAll());

  async function hooked(name: string, flow: unknown[]) {
    const { body: hook } = await api().post('/api/hooks').set(h()).send({ name }).expect(201);
    const blueprint = {
      flow: [{ id: 1, module: 'gateway:CustomWebHook', parameters: { hook: hook.id } }, ...flow],
      metadata: { integrator: { format: 1 } },
    };
    const { body: s } = await api().post('/api/scenarios').set(h()).send({ name, blueprint }).expect(201);
    await api().post(`/api/scenarios/${s.id}/activate`).set(h()).expect(200);
    return { scenarioId: s.id as number, path: new URL(hook.url).pathname };
  }

  // One POST on a fresh connection; resolves with the parsed answer, or null when cut off.
  const post = (path: string, body: unknown) =>
    new Promise<{ status: number; body: Record<string, unknown> } | null>((resolve) => {
      const payload = JSON.stringify(body);
      const req = http.request(
        { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
          res.on('error', () => resolve(null));
        },
      );
      req.on('error', () => resolve(null));
      req.end(payload);
    });

  test('every answered request is stored and ends in success after the restart', async () => {
    const answered = await hooked('Answered', [
      { id: 2, module: 'util:SetVariable2', mapper: { name: 'n', value: '{{1.n}}' } },
      { id: 3, module: 'gateway:WebhookRespond', mapper: { status: 200, body: { n: '{{2.n}}' } } },
    ]);
    const acked = await hooked('Acknowledged', [
      { id: 2, module: 'util:FunctionSleep', mapper: { duration: 0.2 } },
    ]);
    const answers: number[] = [];
    const acks: number[] = [];
    let n = 0;
    let killed = false;
    const client = async () => {
      while (!killed) {
        const i = ++n;
        const short = i % 2 === 0;
        const res = await post(short ? answered.path : acked.path, { n: i });
        if (res && res.status === 200 && short) answers.push(res.body.n as number);
        if (res && res.status === 202 && !short) acks.push(i);
      }
    };
    const clients = Array.from({ length: 16 }, client);
    await eventually(async () => answers.length + acks.length > 300, 60_000, '300 answers');
    killed = true;
    await procs.kill(procs.apis[0]);
    await Promise.all(clients);
    await procs.api(port);
    token = (await api().post('/api/auth/login').send(ADMIN).expect(200)).body.token;

    const runs = async (scenarioId: number) => {
      const items: Array<{ id: string; status: string }> = [];
      for (let page = 1; ; page++) {
        const { body } = await api()
          .get(`/api/executions?scenarioId=${scenarioId}&pageSize=100&page=${page}`)
          .set(h())
          .expect(200);
        items.push(...body.items);
        if (items.length >= body.total) return items;
      }
    };
    const inputs = async (ids: string[]) =>
      new Set(
        await Promise.all(
          ids.map(async (id) => (await api().get(`/api/executions/${id}`).set(h())).body.input.n as number),
        ),
      );
    for (const [scenario, expected] of [
      [answered, answers],
      [acked, acks],
    ] as const) {
      await eventually(
        async () =>
          (await runs(scenario.scenarioId)).every((e) => e.status !== 'queued' && e.status !== 'running'),
        60_000,
        'every run to end',
      );
      const items = await runs(scenario.scenarioId);
      const stored = await inputs(items.map((e) => e.id));
      expect(expected.filter((i) => !stored.has(i))).toEqual([]); // nothing answered is lost
      expect(items.filter((e) => e.status !== 'success')).toEqual([]);
    }
    expect(answers.length).toBeGreaterThan(0);
    expect(acks.length).toBeGreaterThan(0);
  });
});
