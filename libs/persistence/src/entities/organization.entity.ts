import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampColumn } from '../columns';

/** The single row of organisation-wide settings (id 1). */
@Entity('organization_settings')
export class OrganizationEntity {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 200, default: 'My organisation' })
  name: string;

  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  /** Integrations a super user enabled, e.g. { customConnector: true }. */
  @Column({ type: 'simple-json' })
  integrations: Record<string, boolean>;

  /** Refuse loopback/private addresses in outgoing calls (the hosted profile turns it on). */
  @Column({ type: 'boolean', default: false })
  privateNetworkGuard: boolean;

  @Column({ type: 'integer', default: 30 })
  executionRetentionDays: number;

  /** Runs kept per scenario, the newest (0 = no limit by count). */
  @Column({ type: 'integer', default: 10_000 })
  executionRetentionCount: number;

  /** Bytes of stored history kept in all, the newest runs first (0 = no limit by size). */
  @Column({
    type: 'bigint',
    default: 1_073_741_824,
    transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) },
  })
  executionRetentionBytes: number;

  @Column(timestampColumn)
  updatedAt: number;
}
