import { randomBytes } from 'node:crypto';
import { OrganizationService } from '../../apps/api/src/organization/organization.service';
import { RetentionService } from '../../apps/api/src/retention/retention.service';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// Issue 14: history stays small by count per scenario and by total size, besides age.
describe.each(databaseTargets())('execution retention limits on $name', (target) => {
  let now = Date.parse('2026-03-01T00:00:00Z');
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target, { now: () => now, sessionHours: 24 * 3650 });
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  const settings = (patch: Record<string, number>) => t.app.get(OrganizationService).update(patch);
  const retention = () => t.app.get(RetentionService);
  const mark = (i: number) => (t.db().options.type === 'postgres' ? `$${i}` : '?');

  async function scenario(name: string, value = '{{1 + 1}}') {
    const blueprint = {
      flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'v', value } }],
      metadata: { integrator: { format: 1 } },
    };
    return (await t.http().post('/api/scenarios').set(h).send({ name, blueprint }).expect(201)).body
      .id as number;
  }
  /** Runs a scenario `n` times, a second apart; returns the ids, oldest first. */
  async function runs(scenarioId: number, n: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      now += 1000;
      const { body } = await t.http().post(`/api/scenarios/${scenarioId}/run`).set(h).send({}).expect(201);
      ids.push(body.id);
    }
    return ids;
  }
  const kept = async (scenarioId: number) =>
    (
      await t.http().get(`/api/executions?scenarioId=${scenarioId}&pageSize=100`).set(h).expect(200)
    ).body.items
      .map((e: { id: string }) => e.id)
      .reverse();
  async function leaveUnresolved(executionId: string, scenarioId: number) {
    await t
      .db()
      .query(
        `INSERT INTO incomplete_executions ("scenarioId", "scenarioVersion", "executionId", "moduleId", "record", "status", "attempts", "lastError", "size", "createdAt", "updatedAt") VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(mark).join(', ')})`,
        [scenarioId, 1, executionId, 1, '{}', 'unresolved', 0, 'failed', 2, now, now],
      );
  }

  test('the limits are organisation settings, with defaults, validated by name', async () => {
    const { body } = await t.http().get('/api/organization').set(h).expect(200);
    expect(body).toMatchObject({ executionRetentionCount: 10_000, executionRetentionBytes: 1_073_741_824 });
    const bad = await t
      .http()
      .put('/api/organization')
      .set(h)
      .send({ executionRetentionBytes: 1000 })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('executionRetentionBytes');
    await t.http().put('/api/organization').set(h).send({ executionRetentionCount: -1 }).expect(400);
    const { body: saved } = await t
      .http()
      .put('/api/organization')
      .set(h)
      .send({ executionRetentionCount: 500, executionRetentionBytes: 0 })
      .expect(200);
    expect(saved).toMatchObject({ executionRetentionCount: 500, executionRetentionBytes: 0 });
    await settings({ executionRetentionCount: 10_000, executionRetentionBytes: 1_073_741_824 });
  });

  test('by count: each scenario keeps its newest N; an unresolved incomplete execution stays until resolved', async () => {
    const a = await scenario('A');
    const b = await scenario('B');
    const aRuns = await runs(a, 6);
    const bRuns = await runs(b, 2);
    await leaveUnresolved(aRuns[0], a);
    await settings({ executionRetentionCount: 3 });
    expect(await retention().prune(now)).toBe(2);
    expect(await kept(a)).toEqual([aRuns[0], ...aRuns.slice(3)]);
    expect(await kept(b)).toEqual(bRuns);
    expect(await retention().prune(now)).toBe(0);

    await t.db().query(`UPDATE incomplete_executions SET "status" = 'resolved'`);
    expect(await retention().prune(now)).toBe(1);
    expect(await kept(a)).toEqual(aRuns.slice(3));
    await settings({ executionRetentionCount: 10_000 });
  });

  test('by size: the oldest runs go until the history is under the limit; unresolved ones stay', async () => {
    // Random text, so compression does not make the logs all the same size.
    const s = await scenario('Sized', randomBytes(3000).toString('hex'));
    const ids = await runs(s, 8);
    await leaveUnresolved(ids[1], s);
    const before = await retention().storedBytes();
    const limit = Math.floor(before / 2);
    await settings({ executionRetentionBytes: limit });
    const removed = await retention().prune(now);
    const left = await kept(s);
    expect(removed).toBeGreaterThanOrEqual(3);
    expect(left).toEqual([ids[1], ...ids.slice(ids.length - (left.length - 1))]);
    // The newest runs are kept up to the limit; the unresolved one is kept beyond it.
    expect(left.length - 1).toBeGreaterThanOrEqual(2);
    const [unresolved] = await t
      .db()
      .query(`SELECT LENGTH("modules") AS n FROM executions WHERE "id" = ${mark(1)}`, [ids[1]]);
    expect(await retention().storedBytes()).toBeLessThanOrEqual(limit + Number(unresolved.n) + 200);
    expect(await retention().prune(now)).toBe(0);
    await settings({ executionRetentionBytes: 1_073_741_824 });
  });
});
