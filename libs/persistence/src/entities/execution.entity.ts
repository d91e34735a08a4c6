import {
  Column,
  Entity,
  Index,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  type DataSource,
  type EntityManager,
} from 'typeorm';
import { nullableTimestampColumn, timestampColumn } from '../columns';

export type ExecutionStatus = 'queued' | 'running' | 'success' | 'warning' | 'error';

/**
 * One run: the summary row, and its log (module logs, input, response, draft blueprint) in the
 * same row: a stored run is one insert (migration ExecutionLogsInline). The log's columns are
 * not selected unless asked for, so lists never load them.
 *
 * No index holds a column that the claim (status, startedAt, worker) changes, so on PostgreSQL
 * the claim is a HOT update: it rewrites the row in its page and touches no index. Runs not
 * finished yet (queued, running: what the sweeps, the recovery and sequential scenarios look
 * for) are found through a partial index on "finishedAt" IS NULL, which only the result
 * update leaves; queries meant for it say `"finishedAt" IS NULL` beside their status.
 */
@Entity('executions')
@Index(['scenarioId', 'createdAt'])
@Index('IDX_executions_unfinished', ['scenarioId', 'createdAt'], { where: '"finishedAt" IS NULL' })
export class ExecutionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'integer' })
  scenarioId: number;

  @Column({ type: 'integer' })
  scenarioVersion: number;

  @Column({ type: 'varchar', length: 16 })
  status: ExecutionStatus;

  /** What started it: manual, schedule, webhook, api, retry. */
  @Column({ type: 'varchar', length: 32 })
  trigger: string;

  @Column(timestampColumn)
  createdAt: number;

  @Column(nullableTimestampColumn)
  startedAt: number | null;

  @Column(nullableTimestampColumn)
  finishedAt: number | null;

  @Column({ type: 'integer', default: 0 })
  durationMs: number;

  @Column({ type: 'integer', default: 0 })
  operations: number;

  @Column({ type: 'integer', default: 0 })
  cycles: number;

  @Column({
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  dataSize: number;

  @Column({ type: 'simple-json', nullable: true })
  error: Record<string, unknown> | null;

  @Column({ type: 'simple-json', nullable: true })
  warnings: Array<Record<string, unknown>> | null;

  /** For a retry: the incomplete execution it resumes. */
  @Column({ type: 'integer', nullable: true })
  incompleteId: number | null;

  /** How often a stopped worker's run was started again (a crash-looping run ends in error). */
  @Column({ type: 'integer', default: 0 })
  recoveries: number;

  /** Which process runs it (stall detection in distributed mode). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  worker: string | null;

  /**
   * What the run takes in the history as the size limit counts it, set once by retention after
   * the run finished (null until then). The table execution_totals holds the sum, kept by the
   * sizing statement and a delete trigger (migration ExecutionSizes): a SQLite migration that
   * rebuilds this table must create those triggers again. TypeORM never writes it (a run copied
   * from another must not bring a size the total does not hold).
   */
  @Column({
    type: 'bigint',
    nullable: true,
    insert: false,
    update: false,
    transformer: {
      to: (v: number | null) => v,
      from: (v: string | number | null) => (v === null ? v : Number(v)),
    },
  })
  storedBytes: number | null;

  // The run's log, in the same row (a stored run is one insert: migration ExecutionLogsInline).
  // Not selected unless asked for (`select`, or readExecutionLog): lists never load it.

  /** ModuleLog[] of the engine result (size-capped; empty when the scenario is confidential). */
  @Column({ type: 'simple-json', default: '[]', select: false })
  modules: unknown[];

  /** The run's input (trigger payload), kept for replay unless confidential. */
  @Column({ type: 'simple-json', nullable: true, select: false })
  input: unknown;

  @Column({ type: 'simple-json', nullable: true, select: false })
  response: Record<string, unknown> | null;

  /**
   * The editor's unsaved blueprint a manual run used ("Run once" on a draft); null when the run
   * used its saved version. Kept with the run so a worker, and a recovery after a crash, run it too.
   */
  @Column({ type: 'simple-json', nullable: true, select: false })
  blueprint: Record<string, unknown> | null;

  /** The run kept no bundle data (a confidential scenario): empty module logs are not a bug. */
  @Column({ type: 'boolean', default: false, select: false })
  confidential: boolean;
}

/** A run's log columns. */
export type ExecutionLog = Pick<
  ExecutionEntity,
  'id' | 'modules' | 'input' | 'response' | 'blueprint' | 'confidential'
>;

/** The log of a run (its log columns only), or null when there is no such run. */
export function readExecutionLog(on: DataSource | EntityManager, id: string): Promise<ExecutionLog | null> {
  return on.getRepository(ExecutionEntity).findOne({
    where: { id },
    select: { id: true, modules: true, input: true, response: true, blueprint: true, confidential: true },
  });
}

export type IncompleteStatus = 'unresolved' | 'pending' | 'in_progress' | 'resolved';

@Entity('incomplete_executions')
@Index(['scenarioId', 'status'])
@Index(['status', 'nextAttemptAt'])
export class IncompleteExecutionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  scenarioId: number;

  @Column({ type: 'integer' })
  scenarioVersion: number;

  @Column({ type: 'varchar', length: 36 })
  executionId: string;

  @Column({ type: 'integer' })
  moduleId: number;

  /** The engine's IncompleteRecord: failed module, its context and the retry plan. */
  @Column({ type: 'simple-json' })
  record: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16 })
  status: IncompleteStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column(nullableTimestampColumn)
  nextAttemptAt: number | null;

  @Column({ type: 'text', default: '' })
  lastError: string;

  @Column({
    type: 'bigint',
    default: 0,
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  size: number;

  @Column(timestampColumn)
  createdAt: number;

  @Column(timestampColumn)
  updatedAt: number;
}
