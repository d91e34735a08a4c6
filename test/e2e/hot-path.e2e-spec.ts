import { readStoredLog } from '../../apps/api/src/executions/log-codec';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// The webhook hot path in embedded mode (SQLite, in-process queue): a short run is written
// once — claim, input, module log and result in one insert per table, in one group commit —
// and the caller is answered only once that is durable. Counted with temporary triggers on the
// app's own connection, so every statement the server runs is seen.
const sqlite = databaseTargets().filter((t) => t.name === 'sqlite');

describe.each(sqlite)('webhook hot path on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target, { concurrency: 16 });
    h = auth(t.token);
    const db = t.db();
    await db.query('CREATE TEMP TABLE writes (tbl TEXT, op TEXT, id TEXT)');
    // The run's row holds its log too (one table since the migration ExecutionLogsInline).
    for (const [tbl, key] of [['executions', 'id']])
      for (const op of ['INSERT', 'UPDATE'])
        await db.query(
          `CREATE TEMP TRIGGER count_${tbl}_${op} AFTER ${op} ON main.${tbl} BEGIN INSERT INTO writes VALUES ('${tbl}', '${op}', NEW."${key}"); END`,
        );
  });
  afterAll(() => t?.close());

  async function hooked(flow: unknown[], scenario: Record<string, unknown> = {}) {
    const { body: hook } = await t.http().post('/api/hooks').set(h).send({ name: 'hot' }).expect(201);
    const blueprint = {
      flow: [{ id: 1, module: 'gateway:CustomWebHook', parameters: { hook: hook.id } }, ...flow],
      metadata: { integrator: { format: 1 }, scenario },
    };
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'hot', blueprint })
      .expect(201);
    await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);
    return { scenarioId: s.id as number, path: new URL(hook.url).pathname };
  }
  const writesOf = (ids: string[]) =>
    t.db().query(`SELECT tbl, op, id FROM writes WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
  const respond = {
    id: 3,
    module: 'gateway:WebhookRespond',
    mapper: { status: 200, body: { result: '{{2.total}}' } },
  };
  const total = { id: 2, module: 'util:SetVariable2', mapper: { name: 'total', value: '{{1.n * 2}}' } };

  test('a short run is inserted once with its result, and answered after the commit', async () => {
    const { scenarioId, path } = await hooked([total, respond]);
    const answers = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => t.http().post(path).send({ n }).expect(200)),
    );
    expect(answers.map((a) => a.body.result)).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    const rows: Array<Record<string, unknown>> = await t
      .db()
      .query(
        'SELECT id, status, startedAt, worker, finishedAt, operations, input, modules, response FROM executions WHERE scenarioId = ?',
        [scenarioId],
      );
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'success', operations: 3 });
      expect(row.startedAt).not.toBeNull();
      expect(row.finishedAt).not.toBeNull();
      expect(row.worker).toEqual(expect.stringContaining(':'));
      expect(JSON.parse(row.input as string)).toEqual({ n: expect.any(Number) });
      // Stored in the compact form every log has (log-codec), read back whole; the response
      // once, in the log (the responder's output), not again in its own column.
      const n = (JSON.parse(row.input as string) as { n: number }).n;
      const stored = readStoredLog(row as never);
      expect(stored.modules).toHaveLength(3);
      expect(stored.response).toEqual({ status: 200, headers: {}, body: { result: n * 2 } });
      expect(row.response).toBeNull();
    }
    // One insert per execution, never an update.
    const writes = await writesOf(rows.map((r) => r.id as string));
    expect(writes.filter((w: { op: string }) => w.op === 'UPDATE')).toEqual([]);
    expect(writes).toHaveLength(8);
    const [s] = await t
      .db()
      .query('SELECT "lastStatus", "lastExecutionId" FROM scenarios WHERE id = ?', [scenarioId]);
    expect(s.lastStatus).toBe('success');
    expect(rows.map((r) => r.id)).toContain(s.lastExecutionId);
  });

  test('a run still going at the commit is stored first (acknowledged = durable), then updated', async () => {
    const { scenarioId, path } = await hooked([
      { id: 2, module: 'util:FunctionSleep', mapper: { duration: 0.05 } },
    ]);
    const { body } = await t.http().post(path).send({ n: 1 }).expect(202);
    // Answered before the run ends: the input is already on disk, as a running execution.
    const [stored] = await t
      .db()
      .query('SELECT status, input FROM executions WHERE id = ?', [body.executionId]);
    expect(stored.status).toMatch(/^(queued|running)$/);
    expect(JSON.parse(stored.input)).toEqual({ n: 1 });
    for (let i = 0; i < 200; i++) {
      const { body: e } = await t.http().get(`/api/executions/${body.executionId}`).set(h).expect(200);
      if (e.status !== 'running' && e.status !== 'queued') {
        expect(e).toMatchObject({ status: 'success', scenarioId, input: { n: 1 } });
        expect(e.modules).toHaveLength(2);
        return;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the run did not finish');
  });

  test('a confidential short run keeps neither its input nor its response', async () => {
    const { scenarioId, path } = await hooked([total, respond], { confidential: true });
    const { body } = await t.http().post(path).send({ n: 21 }).expect(200);
    expect(body.result).toBe(42);
    const [row] = await t
      .db()
      .query('SELECT input, response, confidential FROM executions WHERE scenarioId = ?', [scenarioId]);
    expect(row).toEqual({ input: null, response: null, confidential: 1 });
  });
});
