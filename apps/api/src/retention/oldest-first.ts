import type { DataSource } from 'typeorm';
import type { HotSql } from '@integrator/persistence';
import { COUNTED_BYTES, PRUNABLE } from './retention-sql';

export interface CountedRun {
  id: string;
  createdAt: number;
  /** What the run counts for in the size total. */
  bytes: number;
  /** Finished and not held by an unresolved incomplete execution. */
  prunable: boolean;
}

const PAGE = 100;

const before = (a: CountedRun, b: CountedRun) =>
  a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id);

/**
 * Every run of the history, oldest first, read page by page through the index on (scenarioId,
 * createdAt): one cursor per scenario, merged. The size limit walks from the oldest end only as
 * far as the history is over the limit, without an index on "createdAt" alone that every stored
 * run would have to update.
 */
export class OldestFirst {
  private readonly cursors: ScenarioRuns[];
  private heap?: Array<{ run: CountedRun; from: ScenarioRuns }>;

  constructor(sql: HotSql, db: DataSource, scenarioIds: number[]) {
    this.cursors = scenarioIds.map((id) => new ScenarioRuns(sql, db, id));
  }

  async next(): Promise<CountedRun | undefined> {
    if (!this.heap) {
      this.heap = [];
      for (const from of this.cursors) {
        const run = await from.next();
        if (run) this.push({ run, from });
      }
    }
    const top = this.heap[0];
    if (!top) return undefined;
    const following = await top.from.next();
    if (following) this.heap[0] = { run: following, from: top.from };
    else {
      const last = this.heap.pop()!;
      if (this.heap.length) this.heap[0] = last;
    }
    if (this.heap.length) this.down(0);
    return top.run;
  }

  private push(entry: { run: CountedRun; from: ScenarioRuns }): void {
    const heap = this.heap!;
    heap.push(entry);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i].run, heap[parent].run)) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap!;
    for (;;) {
      let least = i;
      for (const child of [2 * i + 1, 2 * i + 2])
        if (child < heap.length && before(heap[child].run, heap[least].run)) least = child;
      if (least === i) return;
      [heap[i], heap[least]] = [heap[least], heap[i]];
      i = least;
    }
  }
}

/** One scenario's runs, oldest first, a page at a time (keyset: runs deleted meanwhile do not shift it). */
class ScenarioRuns {
  private page: CountedRun[] = [];
  private at = 0;
  private done = false;

  constructor(
    private readonly sql: HotSql,
    private readonly db: DataSource,
    private readonly scenarioId: number,
  ) {}

  async next(): Promise<CountedRun | undefined> {
    if (this.at === this.page.length && !this.done) await this.read();
    return this.page[this.at++];
  }

  private async read(): Promise<void> {
    const last = this.page[this.page.length - 1];
    const after = last ? `AND e."createdAt" >= ? AND (e."createdAt" > ? OR e."id" > ?)` : '';
    const { rows } = await this.sql.run(
      this.db,
      `SELECT e."id" AS id, e."createdAt" AS at, ${COUNTED_BYTES} AS bytes,
         CASE WHEN ${PRUNABLE} THEN 1 ELSE 0 END AS prunable
       FROM executions e WHERE e."scenarioId" = ? ${after}
       ORDER BY e."createdAt", e."id" LIMIT ${PAGE}`,
      last ? [this.scenarioId, last.createdAt, last.createdAt, last.id] : [this.scenarioId],
    );
    this.page = rows.map((r) => ({
      id: String(r.id),
      createdAt: Number(r.at),
      bytes: Number(r.bytes),
      prunable: Number(r.prunable) === 1,
    }));
    this.at = 0;
    this.done = rows.length < PAGE;
  }
}
