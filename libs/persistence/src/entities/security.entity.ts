import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../columns';

/**
 * A known value encrypted with the current encryption key: a server started with another key
 * cannot open it and refuses to start, instead of failing every connection later. One row.
 */
@Entity('key_checks')
export class KeyCheckEntity {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'text' })
  cipher: string;

  @Column(timestampColumn)
  updatedAt: number;
}

/** A failed login, by account (`scope` 'account') and by client address ('address'), shared by every process. */
@Entity('login_failures')
@Index(['scope', 'subject', 'at'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 16 })
  scope: string;

  @Column({ type: 'varchar', length: 320 })
  subject: string;

  @Index()
  @Column(timestampColumn)
  at: number;
}

/**
 * A webhook request's Idempotency-Key and the acknowledgement it got: a repeat within the
 * hook's window gets the same answer instead of a second execution.
 */
@Entity('webhook_idempotency')
export class WebhookIdempotencyEntity {
  @PrimaryColumn({ type: 'integer' })
  webhookId: number;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  /** What the first request became (set in the same transaction that stored it). */
  @Column({ type: 'varchar', length: 36, nullable: true })
  executionId: string | null;

  @Column({ type: 'integer', nullable: true })
  requestId: number | null;

  /** The acknowledgement { status, headers, body }, once it was sent. */
  @Column({ type: 'simple-json', nullable: true })
  response: { status: number; headers: Record<string, string>; body: unknown } | null;

  @Column(timestampColumn)
  createdAt: number;

  @Index()
  @Column(timestampColumn)
  expiresAt: number;
}
