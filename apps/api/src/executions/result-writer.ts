import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

type Write = (tx: EntityManager) => Promise<void>;

/**
 * Writes finished executions in batches: under load several executions share one transaction
 * (DESIGN §4: no database round trip per module, batch per transaction). Each caller's promise
 * settles when its own write is committed.
 */
@Injectable()
export class ResultWriter {
  private readonly log = new Logger('ResultWriter');
  private pending: Array<{ write: Write; resolve: () => void; reject: (e: unknown) => void }> = [];
  private flushing = false;
  private readonly maxBatch = 200;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  write(write: Write): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ write, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        await this.db.transaction(async (tx) => {
          for (const item of batch) await item.write(tx);
        });
        for (const item of batch) item.resolve();
      } catch (err) {
        // One bad write must not lose the others: retry them one by one.
        this.log.warn(`batched write failed, retrying one by one: ${(err as Error).message}`);
        for (const item of batch) {
          try {
            await this.db.transaction((tx) => item.write(tx));
            item.resolve();
          } catch (e) {
            item.reject(e);
          }
        }
      }
    }
    this.flushing = false;
  }
}
