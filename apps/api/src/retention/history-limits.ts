import type { DataSource } from 'typeorm';
import type { HotSql } from '@integrator/persistence';
import { OldestFirst } from './oldest-first';
import { breathe, CHUNK, LIVE_BYTES, marks, PRUNABLE } from './retention-sql';

/**
 * How late a run may be written after a newer run of its scenario was already seen (a commit
 * still in flight, another process's clock a little behind): runs this much older than what a
 * pass saw are still looked at by the next one. Later than that, the hourly full pass finds them.
 */
const LATE_MS = 10_000;
const FIRST = Number.MIN_SAFE_INTEGER;
/**
 * Runs sized per statement. A scenario's runs lie among other scenarios' in the table, so each
 * one sized is a page read and rewritten: small statements keep each stretch on the main thread short.
 */
const SIZE_CHUNK = 100;

interface SizedMark {
  /** The scenario's newest run when it was sized. */
  newest: number;
  /** Its runs from here on may not be sized yet. */
  from: number;
  /** Some of its runs were not finished then (they are sized once they are). */
  unfinished: boolean;
}

/**
 * The count limit (newest N runs per scenario) and the size limit (newest runs first, up to N
 * bytes in all), checked every minute without reading the whole history each time. What a pass
 * learnt is kept in memory, so the next one looks only at scenarios that changed: the count of
 * a scenario is checked again when it has a newer run, when it kept runs past the limit that
 * could not go yet (queued, running, held by an unresolved incomplete execution), or when the
 * limit changed; runs are sized once, after they finished (a short run written whole in
 * embedded mode carries its size already: pending-runs.ts), and the database keeps the total
 * (execution_totals), so the size limit only walks from the oldest end, as far as the history
 * is over. After a restart, and every hour, a pass looks at everything again.
 */
export class HistoryLimits {
  private countLimit = 0;
  /** Per scenario: its newest run when its count was last checked. */
  private readonly counted = new Map<number, number>();
  /** Scenarios that kept runs past the count limit because those could not go yet. */
  private readonly heldPastLimit = new Set<number>();
  private readonly sized = new Map<number, SizedMark>();
  private readonly postgres: boolean;

  constructor(
    private readonly db: DataSource,
    private readonly sql: HotSql,
    private readonly remove: (ids: string[]) => Promise<number>,
  ) {
    this.postgres = db.options.type === 'postgres';
  }

  /** The next pass looks at every scenario, as after a restart. */
  forget(): void {
    this.counted.clear();
    this.heldPastLimit.clear();
    this.sized.clear();
  }

  /** Every scenario with runs, and the time of its newest (one index look-up each). */
  async scenarios(): Promise<Array<{ id: number; newest: number }>> {
    const { rows } = await this.sql.run(
      this.db,
      `SELECT s."id" AS id, (SELECT MAX(e."createdAt") FROM executions e WHERE e."scenarioId" = s."id") AS newest
       FROM scenarios s`,
    );
    return rows
      .filter((r) => r.newest !== null && r.newest !== undefined)
      .map((r) => ({ id: Number(r.id), newest: Number(r.newest) }));
  }

  /** Keeps the newest `count` runs of each scenario; returns how many went. */
  async byCount(count: number): Promise<number> {
    if (count !== this.countLimit) {
      this.counted.clear();
      this.heldPastLimit.clear();
      this.countLimit = count;
    }
    const scenarios = await this.scenarios();
    forgetOthers(this.counted, scenarios);
    let removed = 0;
    for (const { id, newest } of scenarios) {
      if (this.counted.get(id) === newest && !this.heldPastLimit.has(id)) continue;
      const { gone, held } = await this.trimScenario(id, count);
      removed += gone;
      if (held) this.heldPastLimit.add(id);
      else this.heldPastLimit.delete(id);
      this.counted.set(id, newest);
      await breathe();
    }
    return removed;
  }

  /** Drops the oldest runs while the history is over `limit` bytes; returns how many went. */
  async bySize(limit: number): Promise<number> {
    const scenarios = await this.scenarios();
    forgetOthers(this.sized, scenarios);
    for (const scenario of scenarios) await this.sizeNewRuns(scenario);
    const total = await this.total();
    if (total <= limit) return 0;
    const runs = new OldestFirst(
      this.sql,
      this.db,
      scenarios.map((s) => s.id),
    );
    // A run goes when the runs from it to the newest take more than the limit, i.e. when the
    // total less the runs older than it is over; runs that cannot go still count.
    let older = 0;
    let removed = 0;
    const doomed: string[] = [];
    while (total - older > limit) {
      const run = await runs.next();
      if (!run) break;
      if (run.prunable) doomed.push(run.id);
      older += run.bytes;
      if (doomed.length === CHUNK) {
        removed += await this.remove(doomed.splice(0));
        await breathe();
      }
    }
    if (doomed.length) removed += await this.remove(doomed);
    return removed;
  }

  /** The stored size of the history: the sized runs' total, and the unfinished runs as they are. */
  async total(): Promise<number> {
    const { rows } = await this.sql.run(
      this.db,
      `SELECT t."storedBytes" + COALESCE((SELECT SUM(${LIVE_BYTES}) FROM executions e
         WHERE e."finishedAt" IS NULL AND e."storedBytes" IS NULL), 0) AS total
       FROM execution_totals t WHERE t."id" = 1`,
    );
    return Number(rows[0]?.total ?? 0);
  }

  /** Runs past the newest `count` of one scenario go, except those that cannot go yet. */
  private async trimScenario(scenarioId: number, count: number): Promise<{ gone: number; held: boolean }> {
    // Counted from the index alone: a scenario under the limit costs no read of its rows.
    const { rows: runs } = await this.sql.run(
      this.db,
      `SELECT COUNT(*) AS n FROM executions e WHERE e."scenarioId" = ?`,
      [scenarioId],
    );
    if (Number(runs[0]?.n ?? 0) <= count) return { gone: 0, held: false };
    // Whether a run may go is asked of the page only, not of the runs the offset skips.
    const page = (where: string, offset = '') =>
      `SELECT e."id" AS id, e."createdAt" AS at, CASE WHEN ${PRUNABLE} THEN 1 ELSE 0 END AS prunable
       FROM (SELECT e."id", e."createdAt", e."status" FROM executions e WHERE e."scenarioId" = ? ${where}
         ORDER BY e."createdAt" DESC, e."id" DESC LIMIT ${CHUNK} ${offset}) e
       ORDER BY e."createdAt" DESC, e."id" DESC`;
    let gone = 0;
    let held = false;
    let last: { at: number; id: string } | undefined;
    for (;;) {
      const { rows } = last
        ? await this.sql.run(this.db, page(`AND e."createdAt" <= ? AND (e."createdAt" < ? OR e."id" < ?)`), [
            scenarioId,
            last.at,
            last.at,
            last.id,
          ])
        : await this.sql.run(this.db, page('', 'OFFSET ?'), [scenarioId, count]);
      const doomed = rows.filter((r) => Number(r.prunable) === 1).map((r) => String(r.id));
      if (doomed.length < rows.length) held = true;
      if (doomed.length) gone += await this.remove(doomed);
      if (rows.length < CHUNK) return { gone, held };
      const end = rows[rows.length - 1];
      last = { at: Number(end.at), id: String(end.id) };
      await breathe();
    }
  }

  /** Sizes the finished runs of a scenario that the last pass did not (all of them the first time). */
  private async sizeNewRuns({ id, newest }: { id: number; newest: number }): Promise<void> {
    const mark = this.sized.get(id);
    if (mark && mark.newest === newest && !mark.unfinished) return;
    // Read before sizing: a run unfinished now is looked at again next time, one finished now is sized below.
    const { rows } = await this.sql.run(
      this.db,
      `SELECT MIN(e."createdAt") AS at FROM executions e WHERE e."scenarioId" = ? AND e."finishedAt" IS NULL`,
      [id],
    );
    const unfinished = rows[0]?.at === null || rows[0]?.at === undefined ? null : Number(rows[0].at);
    let last = { at: mark ? mark.from : FIRST, id: '' };
    for (;;) {
      const { rows: page } = await this.sql.run(
        this.db,
        `SELECT e."id" AS id, e."createdAt" AS at FROM executions e
         WHERE e."scenarioId" = ? AND e."createdAt" >= ? AND (e."createdAt" > ? OR e."id" > ?)
           AND e."storedBytes" IS NULL AND e."finishedAt" IS NOT NULL
         ORDER BY e."createdAt", e."id" LIMIT ${SIZE_CHUNK}`,
        [id, last.at, last.at, last.id],
      );
      if (page.length) await this.setSizes(page.map((r) => String(r.id)));
      await breathe();
      if (page.length < SIZE_CHUNK) break;
      const end = page[page.length - 1];
      last = { at: Number(end.at), id: String(end.id) };
    }
    this.sized.set(id, {
      newest,
      unfinished: unfinished !== null,
      from: Math.min(newest, unfinished ?? newest) - LATE_MS,
    });
  }

  /**
   * Stores the size of finished runs once and adds it to the total. On SQLite a trigger adds
   * it (one writer, one statement); on PostgreSQL the statement adds what it set itself, so a
   * run another process sized meanwhile is not counted twice.
   */
  private async setSizes(ids: string[]): Promise<void> {
    const update = `UPDATE executions AS e SET "storedBytes" = ${LIVE_BYTES}
      WHERE e."id" IN (${marks(ids)}) AND e."storedBytes" IS NULL AND e."finishedAt" IS NOT NULL`;
    await this.sql.run(
      this.db,
      this.postgres
        ? `WITH sized AS (${update} RETURNING e."storedBytes")
           UPDATE execution_totals SET "storedBytes" = execution_totals."storedBytes"
             + (SELECT COALESCE(SUM("storedBytes"), 0) FROM sized) WHERE "id" = 1`
        : update,
      ids,
    );
  }
}

/** Drops what is known of scenarios that have no runs any more (or are gone). */
function forgetOthers(known: Map<number, unknown>, scenarios: Array<{ id: number }>): void {
  const present = new Set(scenarios.map((s) => s.id));
  for (const id of known.keys()) if (!present.has(id)) known.delete(id);
}
