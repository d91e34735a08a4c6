import type { DataSource } from 'typeorm';
import { openDatabase } from '@integrator/persistence';
import type { OrganizationService } from '../../apps/api/src/organization/organization.service';
import { RetentionService } from '../../apps/api/src/retention/retention.service';
import { LIVE_BYTES, PRUNABLE } from '../../apps/api/src/retention/retention-sql';
import type { SchedulerService } from '../../apps/api/src/scheduler/scheduler.service';
import { closeDatabase, databaseTargets } from '../support/databases';

// Issue 14: the count and size limits look only at what changed since the last pass. Whatever
// happens between passes (new runs in one scenario, queued runs finishing, incomplete executions
// resolved, limits changed, a restart, a scenario deleted), what a pass keeps must be exactly
// what the whole-history rule keeps: per scenario the newest N (runs that cannot go count and
// stay), then newest first up to the byte limit. The rule is computed here from every row.
describe.each(databaseTargets())('incremental retention limits on $name', (target) => {
  const config = target.config();
  let db: DataSource;
  const settings = { executionRetentionDays: 36500, executionRetentionCount: 0, executionRetentionBytes: 0 };
  const organization = { get: async () => settings } as unknown as OrganizationService;
  const scheduler = { addTask: () => undefined } as unknown as SchedulerService;
  const service = () => new RetentionService(db, organization, scheduler);
  let clock = Date.parse('2026-03-01T00:00:00Z');
  let n = 0;
  let seed = 7;
  const random = (below: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % below;
  };

  beforeAll(async () => {
    db = await openDatabase(config);
  });
  afterAll(() => closeDatabase(db, config));

  const q = (sql: string, params: unknown[] = []) => {
    let i = 0;
    return db.query(db.options.type === 'postgres' ? sql.replace(/\?/g, () => `$${++i}`) : sql, params);
  };
  async function scenario(): Promise<number> {
    const [row] = await q(
      `INSERT INTO scenarios (name, folder, blueprint, "createdAt", "updatedAt") VALUES ('S', '', '{"flow":[]}', 1, 1) RETURNING id`,
    );
    return Number(row.id);
  }
  /** Stores a run (its log a random size); queued and running ones are not finished. */
  async function run(scenarioId: number, status = 'success'): Promise<string> {
    const id = `r${String(++n).padStart(5, '0')}`;
    clock += 1000;
    const finished = status === 'queued' || status === 'running' ? null : clock + 5;
    await q(
      `INSERT INTO executions ("id", "scenarioId", "scenarioVersion", "status", "trigger", "createdAt", "finishedAt", "modules", "input") VALUES (?, ?, 1, ?, 'api', ?, ?, ?, '{}')`,
      [id, scenarioId, status, clock, finished, 'x'.repeat(random(2000))],
    );
    return id;
  }
  /** Runs of mixed outcome (`finished`: all finished, so nothing is held past the limit). */
  async function runs(scenarioId: number, count: number, finished = false): Promise<string[]> {
    const ids: string[] = [];
    const statuses = finished
      ? ['success', 'error']
      : ['success', 'success', 'success', 'error', 'queued', 'running'];
    for (let i = 0; i < count; i++) ids.push(await run(scenarioId, statuses[random(statuses.length)]));
    return ids;
  }
  /** Queued and running runs finish, their log growing (a run is sized only once finished). */
  async function finishAll(): Promise<void> {
    for (const { id } of await q(`SELECT "id" FROM executions WHERE "finishedAt" IS NULL`)) {
      await q(`UPDATE executions SET "status" = 'success', "finishedAt" = ?, "modules" = ? WHERE "id" = ?`, [
        clock,
        'y'.repeat(random(3000)),
        id,
      ]);
    }
  }
  async function hold(executionId: string, scenarioId: number): Promise<void> {
    await q(
      `INSERT INTO incomplete_executions ("scenarioId", "scenarioVersion", "executionId", "moduleId", "record", "status", "attempts", "lastError", "size", "createdAt", "updatedAt") VALUES (?, 1, ?, 1, '{}', 'unresolved', 0, '', 0, ?, ?)`,
      [scenarioId, executionId, clock, clock],
    );
  }

  /** The ids the whole-history rule keeps, from every row as it is now. */
  async function expectedKept(): Promise<string[]> {
    const rows: Array<{ id: string; s: number; at: number; bytes: number; prunable: boolean }> = (
      await q(
        `SELECT e."id" AS id, e."scenarioId" AS s, e."createdAt" AS at, ${LIVE_BYTES} AS bytes,
           CASE WHEN ${PRUNABLE} THEN 1 ELSE 0 END AS prunable FROM executions e`,
      )
    ).map((r: Record<string, unknown>) => ({
      id: String(r.id),
      s: Number(r.s),
      at: Number(r.at),
      bytes: Number(r.bytes),
      prunable: Number(r.prunable) === 1,
    }));
    rows.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1));
    const count = settings.executionRetentionCount;
    const seen = new Map<number, number>();
    const afterCount = rows.filter((r) => {
      seen.set(r.s, (seen.get(r.s) ?? 0) + 1);
      return !count || seen.get(r.s)! <= count || !r.prunable;
    });
    let total = 0;
    return afterCount
      .filter((r) => {
        total += r.bytes;
        return !settings.executionRetentionBytes || total <= settings.executionRetentionBytes || !r.prunable;
      })
      .map((r) => r.id)
      .sort();
  }
  const kept = async () =>
    (await q(`SELECT "id" FROM executions ORDER BY "id"`)).map((r: { id: string }) => r.id);

  /** One limits pass (what runs every minute) keeps exactly what the rule keeps; the stored total stays exact. */
  async function passMatchesRule(retention: RetentionService): Promise<number> {
    const expected = await expectedKept();
    const removed = (await retention.pruneByCount()) + (await retention.pruneBySize());
    expect(await kept()).toEqual(expected);
    const [{ total }] = await q(`SELECT "storedBytes" AS total FROM execution_totals`);
    const [{ sum }] = await q(`SELECT COALESCE(SUM("storedBytes"), 0) AS sum FROM executions`);
    expect(Number(total)).toBe(Number(sum));
    return removed;
  }

  test('each pass keeps what the whole-history rule keeps, whatever changed in between', async () => {
    const [a, b, c, d] = [await scenario(), await scenario(), await scenario(), await scenario()];
    let retention = service();
    for (const s of [a, b, c]) await runs(s, 25);
    await runs(d, 25, true);
    settings.executionRetentionCount = 20;
    expect(await passMatchesRule(retention)).toBeGreaterThan(0);
    expect(await passMatchesRule(retention)).toBe(0);

    // New runs in one scenario only, after a pass.
    await runs(d, 8, true);
    expect(await passMatchesRule(retention)).toBe(8);
    await runs(b, 8);
    expect(await passMatchesRule(retention)).toBeGreaterThan(0);

    // Runs past the limit that could not go (queued, running, held) go once they can, with no new run.
    const [oldest] = (
      await q(`SELECT "id" FROM executions WHERE "scenarioId" = ? ORDER BY "createdAt" LIMIT 1`, [a])
    ).map((r: { id: string }) => r.id);
    await hold(oldest, a);
    await runs(a, 3);
    await passMatchesRule(retention);
    expect(await kept()).toContain(oldest);
    await finishAll();
    await q(`UPDATE incomplete_executions SET "status" = 'resolved'`);
    expect(await passMatchesRule(retention)).toBeGreaterThan(0);
    expect(await kept()).not.toContain(oldest);

    // The limits changed in the organisation settings, no new run.
    settings.executionRetentionCount = 12;
    expect(await passMatchesRule(retention)).toBeGreaterThan(0);
    const [{ all }] = await q(`SELECT SUM(${LIVE_BYTES}) AS "all" FROM executions e`);
    settings.executionRetentionBytes = Math.floor(Number(all) * 0.6);
    expect(await passMatchesRule(retention)).toBeGreaterThan(0);
    expect(await passMatchesRule(retention)).toBe(0);

    // Unfinished runs count at their size now, and are sized once finished (after the pass that saw them).
    await runs(c, 6);
    await passMatchesRule(retention);
    await finishAll();
    await passMatchesRule(retention);

    // A restart: the new instance knows nothing of earlier passes.
    await runs(a, 5);
    settings.executionRetentionCount = 10;
    retention = service();
    expect(await passMatchesRule(retention)).toBeGreaterThan(0);

    // A scenario deleted (its runs with it): the total follows; the others' runs fill the room.
    await q(`DELETE FROM executions WHERE "scenarioId" = ?`, [c]);
    await q(`DELETE FROM scenarios WHERE "id" = ?`, [c]);
    settings.executionRetentionCount = 40;
    await runs(a, 20);
    await runs(b, 20);
    await passMatchesRule(retention);

    // And a stretch of random changes, a pass after each.
    for (let round = 0; round < 12; round++) {
      const pick = random(6);
      if (pick === 0) await finishAll();
      else if (pick === 1) settings.executionRetentionCount = 5 + random(30);
      else if (pick === 2) settings.executionRetentionBytes = 20_000 + random(60_000);
      else if (pick === 3) retention = service();
      else if (pick === 4) await q(`UPDATE incomplete_executions SET "status" = 'resolved'`);
      else {
        const ids = await runs(random(2) ? a : b, 1 + random(10));
        if (random(2)) await hold(ids[0], random(2) ? a : b);
      }
      await passMatchesRule(retention);
    }
  });
});
