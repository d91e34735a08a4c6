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
