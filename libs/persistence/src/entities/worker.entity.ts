import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampColumn } from '../columns';

/** A process that runs executions, with its heartbeat: a silent one is presumed dead. */
@Entity('workers')
export class WorkerEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  id: string;

  @Column(timestampColumn)
  startedAt: number;

  @Column(timestampColumn)
  lastSeenAt: number;
}

/**
 * One counter per kind of cached shared state (settings, scenarios, hooks…), raised on every
 * change: processes that missed the change's pub/sub message see the new number and drop
 * that cache (the safety net under Redis pub/sub, and the only signal without Redis).
 */
@Entity('state_versions')
export class StateVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'integer', default: 0 })
  version: number;
}
