import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { reclaimSqliteSpace } from '@integrator/persistence';
import { RetentionService } from '../../apps/api/src/retention/retention.service';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

describe.each(databaseTargets())('execution retention on $name', (target) => {
  let now = Date.parse('2026-01-01T00:00:00Z');
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target, { now: () => now, sessionHours: 24 * 3650 });
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  test('runs older than the retention period are pruned in the background; on SQLite the file shrinks', async () => {
    await t.http().put('/api/organization').set(h).send({ executionRetentionDays: 7 }).expect(200);
    // Large module logs, so the space they take shows in the file (random text: logs are
    // stored compressed, and a repeated letter would take next to nothing).
    const big = randomBytes(10_000).toString('hex');
    const blueprint = {
      flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'blob', value: big } }],
    };
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({ name: 'Chatty', blueprint })
      .expect(201);
    for (let i = 0; i < 60; i++)
      await t.http().post(`/api/scenarios/${s.id}/run`).set(h).send({}).expect(201);
    now += 10 * 86_400_000;
    const recent = await t.http().post(`/api/scenarios/${s.id}/run`).set(h).send({}).expect(201);

    const file = join(t.config.dataDir, 'integrator.db');
    if (target.name === 'sqlite') await reclaimSqliteSpace(t.db(), { minFreeShare: 0 }); // the log copied into the file
    const before = target.name === 'sqlite' ? statSync(file).size : 0;
    expect(await t.app.get(RetentionService).prune(now)).toBe(60);
    const list = await t.http().get(`/api/executions?scenarioId=${s.id}`).set(h).expect(200);
    expect(list.body.items.map((e: { id: string }) => e.id)).toEqual([recent.body.id]);
    // The logs went with their runs (they are in the runs' rows).
    expect((await t.db().query('SELECT COUNT(*) AS n FROM executions'))[0].n).toEqual(
      target.name === 'sqlite' ? 1 : '1',
    );
    if (target.name === 'sqlite') expect(statSync(file).size).toBeLessThan(before / 2);
  });
});
