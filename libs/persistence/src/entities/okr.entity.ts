import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn } from '../columns';
import { teamIdColumn } from './team.entity';

// Objectives, their key results and the check-ins that move them (reference/okr-semantics.md).
// Numbers are double precision in both databases; dates of a period are local "YYYY-MM-DD".

const nullableNumber = { type: 'double precision', nullable: true } as const;

@Entity('objectives')
export class ObjectiveEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The owning team. */
  @Index()
  @Column(teamIdColumn)
  teamId: number;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'text', default: '' })
  description: string;

  @Index()
  @Column({ type: 'integer' })
  ownerId: number;

  @Column({ type: 'varchar', length: 10 })
  periodStart: string;

  @Column({ type: 'varchar', length: 10 })
  periodEnd: string;

  @Column(timestampColumn)
  createdAt: number;

  @Column(timestampColumn)
  updatedAt: number;
}

@Entity('key_results')
export class KeyResultEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The owning team. */
  @Index()
  @Column(teamIdColumn)
  teamId: number;

  @Index()
  @Column({ type: 'integer' })
  objectiveId: number;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  /** Reviews check-ins; the automated check-in runs at 09:00 in this user's time zone. */
  @Index()
  @Column({ type: 'integer' })
  ownerId: number;

  @Column({ type: 'varchar', length: 10 })
  periodStart: string;

  @Column({ type: 'varchar', length: 10 })
  periodEnd: string;

  /** increase, decrease or control. */
  @Column({ type: 'varchar', length: 20 })
  type: string;

  /** Control KPI only: atLeast, atMost or between. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  controlType: string | null;

  /** Control KPI only: successRate, distance, average or sum. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  progressMethod: string | null;

  /** How often a check-in is planned, e.g. { type: 'weekly', weekday: 5 }. */
  @Column({ type: 'simple-json' })
  checkInFrequency: Record<string, unknown>;

  @Column(nullableNumber)
  startValue: number | null;

  /** Increase/Decrease target, or the limit of an at-least/at-most Control KPI. */
  @Column(nullableNumber)
  targetValue: number | null;

  @Column(nullableNumber)
  lowerLimit: number | null;

  @Column(nullableNumber)
  upperLimit: number | null;

  @Column({ type: 'varchar', length: 40, default: '' })
  unit: string;

  /** The value of the latest confirmed check-in (the start value before any). */
  @Column(nullableNumber)
  currentValue: number | null;

  /** Percent, unclamped; null while it cannot be computed yet. */
  @Column(nullableNumber)
  progress: number | null;

  /** The custom connector feeding automated check-ins; null = manual only. */
  @Index()
  @Column({ type: 'integer', nullable: true })
  connectorId: number | null;

  /** Automated check-ins are confirmed directly instead of waiting for review. */
  @Column({ type: 'boolean', default: false })
  autoConfirm: boolean;

  /** When the connector was linked: no daily slot before it fires. */
  @Column(nullableTimestampColumn)
  automatedSince: number | null;

  /** The last daily 09:00 slot claimed (each slot runs once, even with several API processes). */
  @Column(nullableTimestampColumn)
  lastCheckInSlot: number | null;

  @Column(timestampColumn)
  createdAt: number;

  @Column(timestampColumn)
  updatedAt: number;
}

@Entity('check_ins')
@Index(['keyResultId', 'takenAt'])
export class CheckInEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  keyResultId: number;

  /** Null only for a failed automated check-in that produced no number. */
  @Column(nullableNumber)
  value: number | null;

  @Column(timestampColumn)
  takenAt: number;

  /** manual, automated or scenario. */
  @Column({ type: 'varchar', length: 20 })
  source: string;

  /** pending, confirmed, discarded or failed. */
  @Column({ type: 'varchar', length: 20 })
  status: string;

  /** Percent the check-in produced (confirmed) or would produce (pending). */
  @Column(nullableNumber)
  progress: number | null;

  @Column({ type: 'integer', nullable: true })
  createdBy: number | null;

  @Column({ type: 'integer', nullable: true })
  confirmedBy: number | null;

  @Column(nullableTimestampColumn)
  confirmedAt: number | null;

  /** Who discarded it, and when. */
  @Column({ type: 'integer', nullable: true })
  discardedBy: number | null;

  @Column(nullableTimestampColumn)
  discardedAt: number | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'text', nullable: true })
  failureReason: string | null;

  /** The scenario that fed it (source scenario). */
  @Column({ type: 'integer', nullable: true })
  scenarioId: number | null;

  /** The daily slot of an automated check-in. */
  @Column(nullableTimestampColumn)
  slot: number | null;

  @Column(timestampColumn)
  createdAt: number;
}
