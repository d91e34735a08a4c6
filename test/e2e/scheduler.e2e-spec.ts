import { SchedulerService } from '../../apps/api/src/scheduler/scheduler.service';
import { databaseTargets } from '../support/databases';
import { auth, sharedDatabase, startTestApp, type TestApp } from '../support/app';

const at = (iso: string) => Date.parse(iso);
const blueprint = {
  flow: [{ id: 1, module: 'util:SetVariable2', mapper: { name: 'ran', value: '{{$execution.id}}' } }],
};

describe.each(databaseTargets())('scheduler on $name', (target) => {
  let now = at('2026-03-27T12:00:00Z');
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target, { now: () => now, sessionHours: 24 * 365 });
    h = auth(t.token);
  });
  afterAll(() => t?.close());

  const tick = () => t.app.get(SchedulerService).tick();
  const scheduledRuns = async (scenarioId: number) =>
    (
      await t
        .db()
        .query(
          `SELECT "createdAt" FROM executions WHERE "scenarioId" = ${scenarioId} AND trigger = 'schedule' ORDER BY "createdAt"`,
        )
    ).map((r: { createdAt: string }) => Number(r.createdAt));

  test('every day at 09:00 in Amsterdam, across the spring DST change and a downtime; only active scenarios run', async () => {
    const { body: s } = await t
      .http()
      .post('/api/scenarios')
      .set(h)
      .send({
        name: 'Daily',
        blueprint,
        schedule: { type: 'daily', time: '09:00', timezone: 'Europe/Amsterdam' },
      })
      .expect(201);
    expect(s.nextRuns.slice(0, 3)).toEqual([
      '2026-03-28T08:00:00.000Z',
      '2026-03-29T07:00:00.000Z',
      '2026-03-30T07:00:00.000Z',
    ]);

    now = at('2026-03-28T08:00:00Z');
    expect((await tick()).started).toEqual([]); // not active yet
    now = at('2026-03-27T13:00:00Z');
    await t.http().post(`/api/scenarios/${s.id}/activate`).set(h).expect(200);

    now = at('2026-03-28T07:59:59Z');
    expect((await tick()).started).toEqual([]);
    now = at('2026-03-28T08:00:00Z'); // 09:00 CET
    expect((await tick()).started).toEqual([s.id]);
    expect((await tick()).started).toEqual([]); // never twice for one slot
    now = at('2026-03-29T06:59:00Z');
    expect((await tick()).started).toEqual([]);
    now = at('2026-03-29T07:00:00Z'); // 09:00 CEST: the clocks moved, the local time did not
    expect((await tick()).started).toEqual([s.id]);

    // Down for a week: the missed run fires once, not once per missed slot.
    now = at('2026-04-05T15:00:00Z');
    expect((await tick()).started).toEqual([s.id]);
    expect((await tick()).started).toEqual([]);
    expect(await scheduledRuns(s.id)).toEqual([
      at('2026-03-28T08:00:00Z'),
      at('2026-03-29T07:00:00Z'),
      at('2026-04-05T15:00:00Z'),
    ]);

    await t.http().post(`/api/scenarios/${s.id}/deactivate`).set(h).expect(200);
    now = at('2026-04-06T07:00:00Z');
    expect((await tick()).started).toEqual([]);
  });
});

// Two API processes share one PostgreSQL database (SQLite serves a single process).
for (const target of databaseTargets().filter((x) => x.name === 'postgres'))
  describe(`scheduler with two API processes on ${target.name}`, () => {
    test('two API processes on one database never fire a slot twice', async () => {
      const shared = sharedDatabase(target);
      let clock = at('2026-06-01T00:00:30Z');
      const a = await startTestApp(target, { now: () => clock }, undefined, shared);
      const b = await startTestApp(target, { now: () => clock }, undefined, shared);
      try {
        const { body: s } = await a
          .http()
          .post('/api/scenarios')
          .set(auth(a.token))
          .send({ name: 'Every minute', blueprint, schedule: { type: 'interval', minutes: 1 } })
          .expect(201);
        await a.http().post(`/api/scenarios/${s.id}/activate`).set(auth(a.token)).expect(200);
        for (let minute = 1; minute <= 10; minute++) {
          clock = at('2026-06-01T00:00:00Z') + minute * 60_000 + 5_000;
          await Promise.all([
            a.app.get(SchedulerService).tick(),
            b.app.get(SchedulerService).tick(),
            a.app.get(SchedulerService).tick(),
          ]);
        }
        const rows = await a.db().query(`SELECT "createdAt" FROM executions WHERE "scenarioId" = ${s.id}`);
        expect(rows).toHaveLength(10);
      } finally {
        await b.close();
        await a.close();
      }
    });
  });
