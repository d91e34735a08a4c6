import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn } from '../columns';
import { teamIdColumn } from './team.entity';

export type IpMode = 'off' | 'allow' | 'deny';

/** Access for an outside application: which user group, scenarios, data stores and addresses. */
@Entity('app_connectors')
export class AppConnectorEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The owning team. */
  @Index()
  @Column(teamIdColumn)
  teamId: number;

  /** Public, random name callers use in the OTP routes (AFAS's "API key"). */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  description: string;

  @Column({ type: 'integer' })
  groupId: number;

  /** New connectors refuse everything until a super user unblocks them (as in AFAS). */
  @Column({ type: 'boolean', default: true })
  blocked: boolean;

  @Column({ type: 'simple-json' })
  scenarioIds: number[];

  @Column({ type: 'simple-json' })
  dataStoreIds: number[];

  /** Allow-list or deny-list, never both. */
  @Column({ type: 'varchar', length: 8, default: 'off' })
  ipMode: IpMode;

  /** IPv4/IPv6 addresses and CIDR ranges, as entered. */
  @Column({ type: 'simple-json' })
  ipRules: string[];

  @Column(timestampColumn)
  createdAt: number;

  @Column(timestampColumn)
  updatedAt: number;
}

/** A user's bearer token for one app connector; only its SHA-256 is stored. */
@Entity('app_tokens')
export class AppTokenEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ type: 'integer' })
  connectorId: number;

  @Index()
  @Column({ type: 'integer' })
  userId: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column(timestampColumn)
  createdAt: number;

  @Column(nullableTimestampColumn)
  lastUsedAt: number | null;

  @Column(nullableTimestampColumn)
  revokedAt: number | null;
}

/** A one-time code sent by e-mail; stored salted and hashed, one use, limited attempts. */
@Entity('app_otps')
@Index(['connectorId', 'userId', 'createdAt'])
export class AppOtpEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  connectorId: number;

  @Column({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 32 })
  salt: string;

  @Column({ type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column(timestampColumn)
  expiresAt: number;

  /** Set when the code was exchanged, used up its attempts, or was replaced by a newer one. */
  @Column(nullableTimestampColumn)
  consumedAt: number | null;

  @Column(timestampColumn)
  createdAt: number;
}

/** Mail the server would have sent when no SMTP server is configured (read by a super user). */
@Entity('outbox_mails')
export class OutboxMailEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 320 })
  to: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Index()
  @Column(timestampColumn)
  createdAt: number;
}
