import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn } from '../columns';
import { teamIdColumn } from './team.entity';

export type ConnectionStatus = 'unverified' | 'ok' | 'failed' | 'reauthorize';

/** Credentials of a connection type; secret fields only ever as AES-256-GCM ciphertext. */
@Entity('connections')
export class ConnectionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The owning team. */
  @Index()
  @Column(teamIdColumn)
  teamId: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Index()
  @Column({ type: 'varchar', length: 100 })
  type: string;

  @Column({ type: 'integer', nullable: true })
  ownerId: number | null;

  /** Non-secret field values (base URL, user name…). */
  @Column({ type: 'simple-json' })
  values: Record<string, unknown>;

  /** Encrypted JSON of the secret fields: "v1:<key id>:<iv>:<tag>:<ciphertext>" (base64). */
  @Column({ type: 'text' })
  secrets: string;

  @Column({ type: 'varchar', length: 16, default: 'unverified' })
  status: ConnectionStatus;

  @Column({ type: 'text', default: '' })
  statusMessage: string;

  /** When the credentials last worked (a verification or a run that used them). */
  @Column(nullableTimestampColumn)
  verifiedAt: number | null;

  /** OAuth2 access-token expiry. */
  @Column(nullableTimestampColumn)
  expiresAt: number | null;

  @Column(timestampColumn)
  createdAt: number;

  @Column(timestampColumn)
  updatedAt: number;
}
