import { randomUUID } from 'node:crypto';
import { PgClaims } from '../../apps/api/src/executions/pg-claims';
import { preparedQuery, statementName } from '@integrator/persistence';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// Issue 14, distributed mode: a worker claims the runs it took in one tick with one statement.
// Each run still goes to one claimant only.
describe.each(databaseTargets().filter((d) => d.name === 'postgres'))('batched claims on $name', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(target);
  });
  afterAll(() => t?.close());

  test('the claims of one tick: a run claimed twice, or no longer queued, is not won again', async () => {
    const blueprint = {
      flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'v', value: '1' } }],
      metadata: { integrator: { format: 1 } },
    };
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(auth(t.token))
      .send({ name: 'C', blueprint })
      .expect(201);
    const ds = t.db();
    const [a, b, done] = [randomUUID(), randomUUID(), randomUUID()];
    for (const [id, status] of [
      [a, 'queued'],
      [b, 'queued'],
      [done, 'success'],
    ])
      await ds.query(
        'INSERT INTO executions ("id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt") VALUES ($1, $2, 1, $3, $4, 1)',
        [id, s.id, status, 'webhook'],
      );
    const claims = new PgClaims(ds, 'worker-1');
    // Same tick: a job delivered twice (a), another run (b), a finished one.
    const won = await Promise.all([
      claims.claim(a, 10),
      claims.claim(a, 11),
      claims.claim(b, 12),
      claims.claim(done, 13),
    ]);
    expect(won).toEqual([true, false, true, false]);
    expect(await claims.claim(b, 14)).toBe(false); // a later tick: running now, not queued
    const rows = (await ds.query(
      'SELECT "id", "status", "startedAt", "worker" FROM executions WHERE "id" = ANY($1) ORDER BY "startedAt"',
      [[a, b, done]],
    )) as Array<{ id: string; status: string; startedAt: string | null; worker: string | null }>;
    expect(rows).toEqual([
      { id: a, status: 'running', startedAt: '10', worker: 'worker-1' },
      { id: b, status: 'running', startedAt: '12', worker: 'worker-1' },
      { id: done, status: 'success', startedAt: null, worker: null },
    ]);
  });

  test("a claim's commit does not wait for the disk, and the setting ends with it", async () => {
    const ds = t.db();
    const runner = ds.createQueryRunner();
    try {
      // The claim's own condition, in a transaction of this connection: off inside it...
      await runner.startTransaction();
      await runner.query(`SELECT (SELECT set_config('synchronous_commit', 'off', true)) IS NOT NULL`);
      expect(await runner.query('SHOW synchronous_commit')).toEqual([{ synchronous_commit: 'off' }]);
      await runner.commitTransaction();
      // ...and back to the server's setting for whatever this pooled connection runs next.
      expect(await runner.query('SHOW synchronous_commit')).toEqual([{ synchronous_commit: 'on' }]);
    } finally {
      await runner.release();
    }
    // Every connection of the pool after a claim: still synchronous.
    const claims = new PgClaims(ds, 'worker-1');
    await Promise.all([claims.claim(randomUUID(), 1), claims.claim(randomUUID(), 2)]);
    const settings = await Promise.all(
      Array.from({ length: 4 }, () => ds.query('SHOW synchronous_commit') as Promise<unknown[]>),
    );
    for (const s of settings) expect(s).toEqual([{ synchronous_commit: 'on' }]);
  });

  // A batch statement prepared while `executions` was small gets a plan that reads the whole
  // table; the connection must not keep it once the table has grown (issue 14: half of
  // PostgreSQL's CPU per execution in the scale bench went to such scans).
  test('a plan made while the table was small is dropped once the connection has done twice the work', async () => {
    const ds = t.db();
    const insert = (from: number, count: number) =>
      ds.query(
        `INSERT INTO executions ("id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt")
         SELECT 'plan-' || g, 1, 1, 'queued', 'webhook', g FROM generate_series($1::int, $2::int) g`,
        [from, from + count - 1],
      );
    const claim = `UPDATE executions AS e SET "worker" = $2 FROM unnest($1::varchar[]) AS v(id)
      WHERE e."id" = v.id AND e."status" = 'queued'`;
    const runner = ds.createQueryRunner();
    const plan = async () => {
      const rows = (await runner.query(
        `EXPLAIN (COSTS OFF) EXECUTE ${statementName(claim)}('{plan-1,plan-2}', 'w')`,
      )) as Array<{ 'QUERY PLAN': string }>;
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    try {
      await insert(1, 20);
      for (let i = 0; i < 7; i++) await preparedQuery(runner, claim, [['plan-1', 'plan-2'], 'w']);
      expect(await plan()).toMatch(/Seq Scan on executions/); // the plan PostgreSQL keeps for a small table
      await insert(21, 20_000);
      for (let i = 0; i < 200; i++) await preparedQuery(runner, claim, [['plan-1', 'plan-2'], 'w']);
      expect(await plan()).toMatch(/Index Scan using \S+ on executions/);
    } finally {
      await runner.release();
    }
  });
});
