import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn } from '../columns';
import { teamIdColumn } from './team.entity';

@Entity('scenarios')
export class ScenarioEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The owning team. */
  @Index()
  @Column(teamIdColumn)
  teamId: number;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Index()
  @Column({ type: 'varchar', length: 300, default: '' })
  folder: string;

  @Column({ type: 'boolean', default: false })
  active: boolean;

  /** The schedule JSON (libs/engine/src/schedule), null = on demand. */
  @Column({ type: 'simple-json', nullable: true })
  schedule: Record<string, unknown> | null;

  /** The current blueprint (a copy of the latest version). */
  @Column({ type: 'simple-json' })
  blueprint: Record<string, unknown>;

  @Column({ type: 'integer', default: 1 })
  version: number;

  /** Validation found problems: the scenario cannot be activated. */
  @Column({ type: 'boolean', default: false })
  invalid: boolean;

  /** JSON Schema for API-run input (app connectors). */
  @Column({ type: 'simple-json', nullable: true })
  inputSchema: Record<string, unknown> | null;

  @Column({ type: 'integer', nullable: true })
  ownerId: number | null;

  @Column({ type: 'integer', default: 0 })
  consecutiveErrors: number;

  @Column(nullableTimestampColumn)
  deactivatedAt: number | null;

  @Column({ type: 'text', nullable: true })
  deactivationReason: string | null;

  /** Last schedule slot claimed (the scheduler never runs a slot twice). */
  @Column(nullableTimestampColumn)
  lastSlot: number | null;

  @Column(nullableTimestampColumn)
  activatedAt: number | null;

  /** The latest execution, kept here so the scenario list needs no extra query. */
  @Column({ type: 'varchar', length: 36, nullable: true })
  lastExecutionId: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  lastStatus: string | null;

  @Column(nullableTimestampColumn)
  lastRunAt: number | null;

  @Column(timestampColumn)
  createdAt: number;

  @Column(timestampColumn)
  updatedAt: number;
}

@Entity('scenario_versions')
@Index(['scenarioId', 'version'], { unique: true })
export class ScenarioVersionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  scenarioId: number;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'simple-json' })
  blueprint: Record<string, unknown>;

  @Column({ type: 'integer', nullable: true })
  createdBy: number | null;

  @Column(timestampColumn)
  createdAt: number;
}
