import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditEventEntity, changes } from '@integrator/persistence';
import type { AuthUser } from '../auth/current-user';
import { CLOCK, type ServerClock } from '../common/clock';

/** The actions the audit log records (what the page filters on). */
export type AuditAction =
  | 'login'
  | 'login.failed'
  | 'user.created'
  | 'user.role_changed'
  | 'user.removed'
  | 'team.created'
  | 'team.renamed'
  | 'team.removed'
  | 'team.member_set'
  | 'team.member_removed'
  | 'connection.created'
  | 'connection.changed'
  | 'connection.removed'
  | 'connection.shared'
  | 'connection.unshared'
  | 'connection.moved'
  | 'connection.used'
  | 'scenario.saved'
  | 'scenario.activated'
  | 'scenario.deactivated'
  | 'incomplete.edited'
  | 'key.rotated'
  | 'app_token.created'
  | 'app_token.revoked';

export interface AuditEntry {
  action: AuditAction;
  actor?: Pick<AuthUser, 'id' | 'email'> | null;
  /** When there is no signed-in actor (a failed login): the e-mail that was tried. */
  actorEmail?: string;
  teamId?: number | null;
  targetType?: string;
  targetId?: string | number | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

export interface AuditQuery {
  teamId?: number;
  action?: string;
  actorId?: number;
  from?: number;
  to?: number;
  page: number;
  pageSize: number;
}

/** Who did what, when. Writing never fails the action it records: a failure is logged instead. */
@Injectable()
export class AuditLog {
  private readonly log = new Logger('Audit');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
  ) {}

  async record(entry: AuditEntry): Promise<void> {
    try {
      await this.db.getRepository(AuditEventEntity).insert(
        changes<AuditEventEntity>({
          at: this.clock.now(),
          actorId: entry.actor?.id ?? null,
          actorEmail: (entry.actor?.email ?? entry.actorEmail ?? '').slice(0, 320),
          action: entry.action,
          teamId: entry.teamId ?? null,
          targetType: entry.targetType ?? '',
          targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
          details: entry.details ?? {},
          ip: entry.ip ?? null,
        }),
      );
    } catch (err) {
      this.log.error(`could not record ${entry.action}: ${(err as Error).message}`);
    }
  }

  /** Newest first. `teamIds` limits a team admin to their teams (undefined: everything). */
  async list(q: AuditQuery, teamIds?: number[]) {
    const qb = this.db.getRepository(AuditEventEntity).createQueryBuilder('a');
    if (teamIds) qb.andWhere(teamIds.length ? 'a.teamId IN (:...teamIds)' : '1 = 0', { teamIds });
    if (q.teamId !== undefined) qb.andWhere('a.teamId = :teamId', { teamId: q.teamId });
    if (q.action) qb.andWhere('a.action = :action', { action: q.action });
    if (q.actorId !== undefined) qb.andWhere('a.actorId = :actorId', { actorId: q.actorId });
    if (q.from !== undefined) qb.andWhere('a.at >= :from', { from: q.from });
    if (q.to !== undefined) qb.andWhere('a.at < :to', { to: q.to });
    const [items, total] = await qb
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return { items, total, page: q.page, pageSize: q.pageSize };
  }
}
