import { randomUUID } from 'node:crypto';
import { ExecutionEntity, type ExecutionStatus } from '@integrator/persistence';
import { databaseTargets } from '../support/databases';
import { auth, startTestApp, type TestApp } from '../support/app';

// The history page's charts follow its filters: GET /api/executions/stats takes the list's
// scenario, status and date range, and counts exactly the runs the list would show.

const DAY = 86_400_000;
const JAN_10 = Date.parse('2026-01-10T00:00:00.000Z');

describe.each(databaseTargets())('execution stats under the history filters on $name', (target) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp(target);
    h = auth(t.token);
    // Two scenarios of the user's team (the history shows only the team's runs).
    const ids: number[] = [];
    for (const name of ['One', 'Two']) {
      const blueprint = {
        flow: [{ id: 1, module: 'gateway:CustomWebHook' }],
        metadata: { integrator: { format: 1 } },
      };
      ids.push((await t.http().post('/api/scenarios').set(h).send({ name, blueprint }).expect(201)).body.id);
    }
    expect(ids).toEqual([1, 2]);
    // Runs stored as the runner leaves them: two scenarios, three statuses, four days.
    const runs: Array<[number, ExecutionStatus, number, number]> = [
      [1, 'success', JAN_10 + 3_600_000, 2],
      [1, 'error', JAN_10 + 7_200_000, 5],
      [1, 'success', JAN_10 + DAY + 60_000, 3],
      [2, 'success', JAN_10 + DAY + 120_000, 7],
      [1, 'warning', JAN_10 + 2 * DAY, 11],
      [1, 'success', JAN_10 + 3 * DAY, 13],
    ];
    await t
      .db()
      .getRepository(ExecutionEntity)
      .insert(
        runs.map(([scenarioId, status, createdAt, operations]) => ({
          id: randomUUID(),
          scenarioId,
          scenarioVersion: 1,
          status,
          trigger: 'manual',
          createdAt,
          startedAt: createdAt,
          finishedAt: createdAt + 10,
          operations,
        })),
      );
  });
  afterAll(() => t?.close());

  const stats = async (query: string) =>
    (await t.http().get(`/api/executions/stats?${query}`).set(h).expect(200)).body as Array<{
      date: string;
      runs: number;
      operations: number;
      errors: number;
    }>;

  test('a date range gives one bar per day of the range, counting only runs inside it', async () => {
    const body = await stats('from=2026-01-10T00:00:00.000Z&to=2026-01-12T00:00:00.000Z');
    expect(body).toEqual([
      { date: '2026-01-10', runs: 2, operations: 7, errors: 1 },
      { date: '2026-01-11', runs: 2, operations: 10, errors: 0 },
    ]);
  });

  test('scenario and status narrow the chart as they narrow the list', async () => {
    const range = 'from=2026-01-10T00:00:00.000Z&to=2026-01-14T00:00:00.000Z';
    const one = await stats(`${range}&scenarioId=1`);
    expect(one.map((d) => d.runs)).toEqual([2, 1, 1, 1]);
    const ok = await stats(`${range}&scenarioId=1&status=success`);
    expect(ok).toEqual([
      { date: '2026-01-10', runs: 1, operations: 2, errors: 0 },
      { date: '2026-01-11', runs: 1, operations: 3, errors: 0 },
      { date: '2026-01-12', runs: 0, operations: 0, errors: 0 },
      { date: '2026-01-13', runs: 1, operations: 13, errors: 0 },
    ]);
    const failed = await stats(`${range}&status=error`);
    expect(failed.reduce((n, d) => n + d.errors, 0)).toBe(1);
    // The list under the same filters holds the same runs the chart counts.
    const list = await t
      .http()
      .get(`/api/executions?${range}&scenarioId=1&status=success`)
      .set(h)
      .expect(200);
    expect(list.body.total).toBe(ok.reduce((n, d) => n + d.runs, 0));
  });

  test('a start inside a day still counts from that instant, and the chart without a range ends today', async () => {
    const body = await stats('from=2026-01-10T01:30:00.000Z&to=2026-01-11T00:00:00.000Z');
    expect(body).toEqual([{ date: '2026-01-10', runs: 1, operations: 5, errors: 1 }]);
    const recent = await stats('days=3');
    expect(recent).toHaveLength(3);
    expect(recent.at(-1)?.date).toBe(new Date().toISOString().slice(0, 10));
  });

  test('bad filters are 400s naming the field', async () => {
    const bad = await t.http().get('/api/executions/stats?status=done&from=yesterday').set(h).expect(400);
    expect(bad.body.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'status' }),
        expect.objectContaining({ path: 'from', message: 'must be an ISO 8601 date or date-time' }),
      ]),
    );
    const reversed = await t
      .http()
      .get('/api/executions/stats?from=2026-01-12T00:00:00Z&to=2026-01-10T00:00:00Z')
      .set(h)
      .expect(400);
    expect(reversed.body.fields).toEqual([{ path: 'to', message: 'must be later than from' }]);
  });
});
