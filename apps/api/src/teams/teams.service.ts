import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  ConnectionEntity,
  ConnectionShareEntity,
  DEFAULT_TEAM_ID,
  TeamEntity,
  TeamMemberEntity,
  UserEntity,
  type TeamRoleName,
} from '@integrator/persistence';
import type { AuthUser } from '../auth/current-user';
import { CLOCK, type ServerClock } from '../common/clock';
import { AuditLog } from './audit.service';
import { OWNED_TABLES } from './owned-tables';

/** Teams, their members and roles, and which connections are shared with which team. */
@Injectable()
export class TeamsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly audit: AuditLog,
  ) {}

  private get teams() {
    return this.db.getRepository(TeamEntity);
  }

  private get members() {
    return this.db.getRepository(TeamMemberEntity);
  }

  async create(name: string, actor: AuthUser) {
    if (await this.teams.existsBy({ name }))
      throw new ConflictException(`a team named "${name}" already exists`);
    const team = await this.teams.save(this.teams.create({ name, createdAt: this.clock.now() }));
    await this.audit.record({
      action: 'team.created',
      actor,
      teamId: team.id,
      targetType: 'team',
      targetId: team.id,
      details: { name },
    });
    return team;
  }

  async rename(id: number, name: string, actor: AuthUser) {
    const team = await this.teams.findOneByOrFail({ id });
    if (name !== team.name && (await this.teams.existsBy({ name })))
      throw new ConflictException(`a team named "${name}" already exists`);
    await this.audit.record({
      action: 'team.renamed',
      actor,
      teamId: id,
      targetType: 'team',
      targetId: id,
      details: { from: team.name, to: name },
    });
    team.name = name;
    return this.teams.save(team);
  }

  /** Only an empty team goes: its records would otherwise belong to nobody. */
  async remove(id: number, actor: AuthUser) {
    const team = await this.teams.findOneBy({ id });
    if (!team) throw new NotFoundException(`team ${id} not found`);
    // Rows written without a team (the column default) land in the default team: it stays.
    if (id === DEFAULT_TEAM_ID) throw new ConflictException('the default team cannot be deleted');
    for (const [table, noun] of OWNED_TABLES) {
      const rows: Array<{ n: number | string }> = await this.db.query(
        `SELECT COUNT(*) AS n FROM ${table} WHERE "teamId" = ${Number(id)}`,
      );
      if (Number(rows[0].n) > 0)
        throw new ConflictException(`the team still has ${noun}; move or delete them first`);
    }
    await this.db.transaction(async (tx) => {
      await tx.getRepository(TeamMemberEntity).delete({ teamId: id });
      await tx.getRepository(ConnectionShareEntity).delete({ teamId: id });
      await tx.getRepository(TeamEntity).delete({ id });
    });
    await this.audit.record({
      action: 'team.removed',
      actor,
      teamId: id,
      targetType: 'team',
      targetId: id,
      details: { name: team.name },
    });
  }

  async listMembers(teamId: number) {
    const rows: Array<{
      userId: number;
      email: string;
      name: string;
      role: TeamRoleName;
      createdAt: number;
    }> = await this.db
      .getRepository(TeamMemberEntity)
      .createQueryBuilder('m')
      .innerJoin(UserEntity, 'u', 'u.id = m.userId')
      .select([
        'm.userId AS "userId"',
        'u.email AS "email"',
        'u.name AS "name"',
        'm.role AS "role"',
        'm.createdAt AS "createdAt"',
      ])
      .where('m.teamId = :teamId', { teamId })
      .orderBy('u.email', 'ASC')
      .getRawMany();
    return rows.map((r) => ({ ...r, userId: Number(r.userId), createdAt: Number(r.createdAt) }));
  }

  /** Adds a user to the team or changes their role there. */
  async setMember(teamId: number, userId: number, role: TeamRoleName, actor: AuthUser) {
    if (!(await this.db.getRepository(UserEntity).existsBy({ id: userId })))
      throw new NotFoundException(`user ${userId} not found`);
    const existing = await this.members.findOneBy({ teamId, userId });
    await this.members.save({ teamId, userId, role, createdAt: existing?.createdAt ?? this.clock.now() });
    await this.audit.record({
      action: 'team.member_set',
      actor,
      teamId,
      targetType: 'user',
      targetId: userId,
      details: { role, previous: existing?.role ?? null },
    });
    return { teamId, userId, role };
  }

  async removeMember(teamId: number, userId: number, actor: AuthUser) {
    const existing = await this.members.findOneBy({ teamId, userId });
    if (!existing) throw new NotFoundException(`user ${userId} is not a member of team ${teamId}`);
    if (existing.role === 'admin' && (await this.members.countBy({ teamId, role: 'admin' })) <= 1)
      throw new ConflictException('the last team admin cannot leave; make someone else admin first');
    await this.members.delete({ teamId, userId });
    await this.audit.record({
      action: 'team.member_removed',
      actor,
      teamId,
      targetType: 'user',
      targetId: userId,
      details: { role: existing.role },
    });
  }

  async shares(connectionId: number) {
    const rows = await this.db
      .getRepository(ConnectionShareEntity)
      .createQueryBuilder('s')
      .innerJoin(TeamEntity, 't', 't.id = s.teamId')
      .select(['s.teamId AS "teamId"', 't.name AS "teamName"', 's.createdAt AS "createdAt"'])
      .where('s.connectionId = :connectionId', { connectionId })
      .orderBy('s.teamId', 'ASC')
      .getRawMany<{ teamId: number; teamName: string; createdAt: number }>();
    return rows.map((r) => ({ ...r, teamId: Number(r.teamId), createdAt: Number(r.createdAt) }));
  }

  /** Lets another team select the connection in its scenarios (it can never read or edit it). */
  async share(connectionId: number, teamId: number, actor: AuthUser) {
    const connection = await this.db.getRepository(ConnectionEntity).findOneByOrFail({ id: connectionId });
    if (!(await this.teams.existsBy({ id: teamId }))) throw new NotFoundException(`team ${teamId} not found`);
    if (teamId === connection.teamId)
      throw new ConflictException('the connection already belongs to this team');
    await this.db
      .getRepository(ConnectionShareEntity)
      .save({ connectionId, teamId, createdBy: actor.id, createdAt: this.clock.now() });
    await this.audit.record({
      action: 'connection.shared',
      actor,
      teamId: connection.teamId,
      targetType: 'connection',
      targetId: connectionId,
      details: { withTeam: teamId },
    });
    return this.shares(connectionId);
  }

  /** Withdrawn at once: the other team's runs re-check before using it and fail from now on. */
  async unshare(connectionId: number, teamId: number, actor: AuthUser) {
    const connection = await this.db.getRepository(ConnectionEntity).findOneByOrFail({ id: connectionId });
    const { affected } = await this.db.getRepository(ConnectionShareEntity).delete({ connectionId, teamId });
    if (!affected)
      throw new NotFoundException(`connection ${connectionId} is not shared with team ${teamId}`);
    await this.audit.record({
      action: 'connection.unshared',
      actor,
      teamId: connection.teamId,
      targetType: 'connection',
      targetId: connectionId,
      details: { withTeam: teamId },
    });
  }

  async moveConnection(connectionId: number, teamId: number, actor: AuthUser) {
    const connection = await this.db.getRepository(ConnectionEntity).findOneByOrFail({ id: connectionId });
    const from = connection.teamId;
    await this.db.transaction(async (tx) => {
      await tx.getRepository(ConnectionEntity).update(connectionId, { teamId });
      // A share with its new own team means nothing any more.
      await tx.getRepository(ConnectionShareEntity).delete({ connectionId, teamId });
    });
    for (const team of [from, teamId])
      await this.audit.record({
        action: 'connection.moved',
        actor,
        teamId: team,
        targetType: 'connection',
        targetId: connectionId,
        details: { from, to: teamId },
      });
    return { id: connectionId, teamId };
  }
}
