/**
 * Writes gathered into batches with one batch under way at a time (a group commit): the first
 * item of a quiet spell goes at the next tick, and items that come while a batch is being
 * written wait for it and go together in the next one. Under load the batches grow with the
 * write's own latency instead of every tick sending a statement of its own: PostgreSQL spends
 * about as much on a statement and its commit as on four rows of it (docs/BENCHMARKS.md).
 * `write` settles its items itself and must not throw. Used for the new runs of distributed mode
 * (PgStarts) and for results written as updates (ResultWriter).
 */
export class GroupWrites<T> {
  private waiting: T[] = [];
  private busy = false;
  /** Batches written so far (the tests read it). */
  batches = 0;

  constructor(
    private readonly write: (batch: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): void {
    this.waiting.push(item);
    if (this.busy) return;
    this.busy = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.waiting.length) {
      let batch = this.waiting;
      if (batch.length > this.maxBatch) batch = batch.splice(0, this.maxBatch);
      else this.waiting = [];
      this.batches++;
      await this.write(batch);
    }
    this.busy = false;
  }
}
