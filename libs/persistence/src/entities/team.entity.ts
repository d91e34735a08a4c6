import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { timestampColumn } from '../columns';

/** Roles inside one team, as Make's: admin > member > operator > monitoring. */
export type TeamRoleName = 'admin' | 'member' | 'operator' | 'monitoring';
export const TEAM_ROLES: readonly TeamRoleName[] = ['monitoring', 'operator', 'member', 'admin'];

/** The team that existing data moved into when teams arrived (migration 1795450000000). */
export const DEFAULT_TEAM_ID = 1;

/**
 * The owning team of a scenario, connection, webhook, data store… Rows written before teams
 * existed belong to the default team; services always set it explicitly.
 */
export const teamIdColumn = { type: 'integer', default: DEFAULT_TEAM_ID } as const;

@Entity('teams')
export class TeamEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column(timestampColumn)
  createdAt: number;
}

@Entity('team_members')
export class TeamMemberEntity {
  @PrimaryColumn({ type: 'integer' })
  teamId: number;

  @Index()
  @PrimaryColumn({ type: 'integer' })
  userId: number;

  @Column({ type: 'varchar', length: 20 })
  role: TeamRoleName;

  @Column(timestampColumn)
  createdAt: number;
}

/** A connection another team may select in its scenarios (never read or edit). */
@Entity('connection_shares')
export class ConnectionShareEntity {
  @PrimaryColumn({ type: 'integer' })
  connectionId: number;

  @Index()
  @PrimaryColumn({ type: 'integer' })
  teamId: number;

  @Column({ type: 'integer', nullable: true })
  createdBy: number | null;

  @Column(timestampColumn)
  createdAt: number;
}

/** Who did what, when: logins, role and membership changes, connection use, scenario saves… */
@Entity('audit_log')
export class AuditEventEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column(timestampColumn)
  at: number;

  @Column({ type: 'integer', nullable: true })
  actorId: number | null;

  @Column({ type: 'varchar', length: 320, default: '' })
  actorEmail: string;

  @Index()
  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Index()
  @Column({ type: 'integer', nullable: true })
  teamId: number | null;

  @Column({ type: 'varchar', length: 40, default: '' })
  targetType: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  targetId: string | null;

  @Column({ type: 'simple-json' })
  details: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;
}
