import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../columns';
import { teamIdColumn } from './team.entity';

export interface DataStructureField {
  name: string;
  label?: string;
  type: 'text' | 'number' | 'boolean' | 'date' | 'array' | 'collection' | 'any';
  required?: boolean;
  default?: unknown;
}

@Entity('data_stores')
export class DataStoreEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The owning team. */
  @Index()
  @Column(teamIdColumn)
  teamId: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The data structure; empty means the store holds keys only (any JSON accepted). */
  @Column({ type: 'simple-json' })
  fields: DataStructureField[];

  /** Reject records with fields the structure does not declare. */
  @Column({ type: 'boolean', default: false })
  strict: boolean;

  @Column({ type: 'integer', default: 1048576 })
  maxSizeBytes: number;

  @Column(timestampColumn)
  createdAt: number;
}

@Entity('data_store_records')
export class DataStoreRecordEntity {
  @PrimaryColumn({ type: 'integer' })
  dataStoreId: number;

  @PrimaryColumn({ type: 'varchar', length: 300 })
  key: string;

  @Column({ type: 'simple-json' })
  data: Record<string, unknown>;

  @Column({ type: 'integer', default: 0 })
  size: number;

  @Column(timestampColumn)
  createdAt: number;

  @Column(timestampColumn)
  updatedAt: number;
}
