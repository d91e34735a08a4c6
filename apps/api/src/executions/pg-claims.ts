import type { DataSource } from 'typeorm';
import { preparedQuery } from '@integrator/persistence';

// queued -> running for every run a worker took in the same tick, in one statement (a named
// prepared statement whatever the number: the ids travel as arrays). The rows it returns are the
// runs this worker won; any other was taken by another process, or is no longer queued.
//
// Its commit does not wait for the disk (synchronous_commit off for this one transaction, set
// inside the statement: no BEGIN/SET/COMMIT round trips): a commit's flush is about half of
// PostgreSQL's CPU per execution in distributed mode. Nothing is acknowledged on a claim, and
// the write-ahead log is written in order, so the run's result (committed synchronously, later)
// makes its claim durable too. Only a crash of PostgreSQL itself within about 200 ms of a claim
// can undo it: the run is then queued again, as when its worker dies (the dispatcher's sweep
// queues it again, the claim makes sure only one worker runs it at a time).
const CLAIM = `UPDATE executions AS e SET "status" = 'running', "startedAt" = v.at, "worker" = $3
FROM unnest($1::varchar[], $2::bigint[]) AS v(id, at)
WHERE e."id" = v.id AND e."status" = 'queued'
  AND (SELECT set_config('synchronous_commit', 'off', true)) IS NOT NULL
RETURNING e."id"`;

interface Waiting {
  id: string;
  at: number;
  resolve: (claimed: boolean) => void;
  reject: (e: unknown) => void;
}

/**
 * Claims of plain runs on PostgreSQL (distributed mode), batched per tick: a worker under load
 * starts several runs at once (BullMQ hands out the next jobs as the previous ones complete), and
 * each would otherwise cost its own round trip and its own statement.
 */
export class PgClaims {
  private waiting: Waiting[] = [];

  constructor(
    private readonly db: DataSource,
    private readonly worker: string,
  ) {}

  /** Resolves true when this worker claimed the run (it was queued), false otherwise. */
  claim(id: string, at: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ id, at, resolve, reject });
      if (this.waiting.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = [];
    const runner = this.db.createQueryRunner();
    try {
      const { records } = await preparedQuery(runner, CLAIM, [
        batch.map((w) => w.id),
        batch.map((w) => w.at),
        this.worker,
      ]);
      const won = new Set(records.map((r) => r.id as string));
      // A job handed out twice in one tick: the row changed once, so only its first claim wins.
      for (const w of batch) w.resolve(won.delete(w.id));
    } catch (err) {
      for (const w of batch) w.reject(err);
    } finally {
      await runner.release();
    }
  }
}
