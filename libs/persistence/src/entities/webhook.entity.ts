import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { nullableTimestampColumn, timestampColumn } from '../columns';
import { teamIdColumn } from './team.entity';

/** A webhook: its URL token is stored hashed (lookup) and encrypted (to show the URL again). */
@Entity('webhooks')
export class WebhookEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The owning team. */
  @Index()
  @Column(teamIdColumn)
  teamId: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** "web": an HTTP address (/hooks/<token>); "mail": an email address <token>@<inbound domain>. */
  @Column({ type: 'varchar', length: 8, default: 'web' })
  kind: WebhookKind;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'text' })
  tokenEncrypted: string;

  @Index()
  @Column({ type: 'integer', nullable: true })
  scenarioId: number | null;

  /** Fields a request must carry (basic validation). */
  @Column({ type: 'simple-json' })
  requiredFields: string[];

  @Column({ type: 'integer', default: 10000 })
  maxQueue: number;

  @Column({ type: 'integer', default: 1048576 })
  maxBodyBytes: number;

  /** Seconds a caller waits for a webhook response before getting 202. */
  @Column({ type: 'integer', default: 30 })
  responseTimeoutSeconds: number;

  /** A body field whose value deduplicates requests like an Idempotency-Key header (dots reach into objects). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  idempotencyField: string | null;

  /** How long a key answers repeats with the first acknowledgement. */
  @Column({ type: 'integer', default: 24 })
  idempotencyWindowHours: number;

  /**
   * A random secret of the hook, encrypted: an instant trigger gives it to the service when the
   * scenario is switched on (Telegram's secret_token) and checks it on every request.
   */
  @Column({ type: 'text', nullable: true })
  secretEncrypted: string | null;

  /**
   * Set by "Redetermine data structure": the next request is not run but becomes the sample.
   * In the row (not in memory) so whichever process receives that request sees it.
   */
  @Column(nullableTimestampColumn)
  listeningSince: number | null;

  /** The last determined data structure: a request's bundle as the trigger outputs it. */
  @Column({ type: 'simple-json', nullable: true })
  sample: Record<string, unknown> | null;

  @Column(nullableTimestampColumn)
  sampleAt: number | null;

  @Column(timestampColumn)
  createdAt: number;
}

export type WebhookKind = 'web' | 'mail';

export type WebhookRequestStatus = 'queued' | 'processing' | 'done';

/** The hook's queue: every request is stored here before it is answered. */
@Entity('webhook_requests')
@Index(['webhookId', 'status', 'id'])
export class WebhookRequestEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'integer' })
  webhookId: number;

  @Column({ type: 'simple-json' })
  payload: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  status: WebhookRequestStatus;

  @Column({ type: 'varchar', length: 36, nullable: true })
  executionId: string | null;

  @Column(timestampColumn)
  receivedAt: number;

  @Column(nullableTimestampColumn)
  claimedAt: number | null;
}
