import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import {
  DEFAULT_TEAM_ID,
  SessionEntity,
  TeamEntity,
  TeamMemberEntity,
  UserEntity,
  UserGroupEntity,
} from '@integrator/persistence';
import type { AuthUser } from '../auth/current-user';
import { AuditLog } from '../teams/audit.service';
import { CLOCK, type ServerClock } from '../common/clock';
import { FieldsException } from '../common/errors.filter';
import { hashPassword } from '../auth/passwords';
import { toAuthUser } from '../auth/auth.service';
import type { CreateUserDto, GroupDto, UpdateGroupDto, UpdateUserDto } from './users.dto';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly audit: AuditLog,
  ) {}

  private get users() {
    return this.db.getRepository(UserEntity);
  }

  private get groups() {
    return this.db.getRepository(UserGroupEntity);
  }

  async list() {
    const users = await this.users.find({ relations: { groups: true }, order: { id: 'ASC' } });
    return users.map((u) => ({
      ...toAuthUser(u),
      disabled: u.disabled,
      createdAt: u.createdAt,
      lastLoginAt: u.lastLoginAt,
    }));
  }

  async create(dto: CreateUserDto, actor: AuthUser) {
    const email = dto.email.toLowerCase();
    if (await this.users.existsBy({ email }))
      throw new ConflictException(`a user with e-mail ${email} already exists`);
    const teamId = dto.teamId ?? DEFAULT_TEAM_ID;
    if (!(await this.db.getRepository(TeamEntity).existsBy({ id: teamId })))
      throw new FieldsException([{ path: 'teamId', message: `team ${teamId} does not exist` }]);
    const user = await this.users.save(
      this.users.create({
        email,
        name: dto.name,
        role: dto.role,
        timezone: dto.timezone ?? null,
        passwordHash: await hashPassword(dto.password),
        createdAt: this.clock.now(),
      }),
    );
    const role = dto.teamRole ?? 'member';
    await this.db
      .getRepository(TeamMemberEntity)
      .insert({ teamId, userId: user.id, role, createdAt: this.clock.now() });
    await this.audit.record({
      action: 'user.created',
      actor,
      teamId,
      targetType: 'user',
      targetId: user.id,
      details: { email, role: user.role, teamRole: role },
    });
    return toAuthUser({ ...user, groups: [] });
  }

  async update(id: number, dto: UpdateUserDto, actor: AuthUser) {
    const user = await this.users.findOne({ where: { id }, relations: { groups: true } });
    if (!user) throw new NotFoundException(`user ${id} not found`);
    if (
      dto.role !== undefined &&
      dto.role !== 'superuser' &&
      user.role === 'superuser' &&
      (await this.users.countBy({ role: 'superuser', disabled: false })) <= 1
    ) {
      throw new ConflictException('the last super user cannot lose the role');
    }
    Object.assign(user, {
      name: dto.name ?? user.name,
      role: dto.role ?? user.role,
      // Left out keeps the zone; null clears it (the organisation's zone applies).
      timezone: dto.timezone === undefined ? user.timezone : dto.timezone,
      disabled: dto.disabled ?? user.disabled,
    });
    if (dto.password) user.passwordHash = await hashPassword(dto.password);
    const previousRole = (await this.users.findOneByOrFail({ id })).role;
    await this.users.save(user);
    if (previousRole !== user.role)
      await this.audit.record({
        action: 'user.role_changed',
        actor,
        targetType: 'user',
        targetId: id,
        details: { from: previousRole, to: user.role },
      });
    if (dto.password || dto.disabled) await this.db.getRepository(SessionEntity).delete({ userId: id });
    return toAuthUser(user);
  }

  async remove(id: number, actor: AuthUser) {
    const currentUserId = actor.id;
    if (id === currentUserId) throw new ConflictException('you cannot delete yourself');
    const user = await this.users.findOneBy({ id });
    if (!user) throw new NotFoundException(`user ${id} not found`);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(SessionEntity).delete({ userId: id });
      await tx.getRepository(TeamMemberEntity).delete({ userId: id });
      await tx.getRepository(UserEntity).remove(user);
    });
    await this.audit.record({
      action: 'user.removed',
      actor,
      targetType: 'user',
      targetId: id,
      details: { email: user.email },
    });
  }

  async roleOf(id: number) {
    return (await this.users.findOneBy({ id }))?.role;
  }

  async listGroups() {
    const groups = await this.groups.find({ relations: { users: true }, order: { id: 'ASC' } });
    return groups.map(groupView);
  }

  async createGroup(dto: GroupDto) {
    const group = this.groups.create({
      name: dto.name,
      description: dto.description ?? '',
      createdAt: this.clock.now(),
      users: await this.members(dto.userIds ?? []),
    });
    return groupView(await this.groups.save(group));
  }

  async updateGroup(id: number, dto: UpdateGroupDto) {
    const group = await this.groups.findOne({ where: { id }, relations: { users: true } });
    if (!group) throw new NotFoundException(`group ${id} not found`);
    if (dto.name !== undefined) group.name = dto.name;
    if (dto.description !== undefined) group.description = dto.description;
    if (dto.userIds) group.users = await this.members(dto.userIds);
    return groupView(await this.groups.save(group));
  }

  async removeGroup(id: number) {
    const group = await this.groups.findOneBy({ id });
    if (!group) throw new NotFoundException(`group ${id} not found`);
    await this.groups.remove(group);
  }

  private async members(ids: number[]): Promise<UserEntity[]> {
    const users = ids.length ? await this.users.findBy({ id: In(ids) }) : [];
    const missing = ids.filter((id) => !users.some((u) => u.id === id));
    if (missing.length)
      throw new FieldsException(
        missing.map((id) => ({ path: 'userIds', message: `user ${id} does not exist` })),
      );
    return users;
  }
}

function groupView(g: UserGroupEntity) {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    userIds: (g.users ?? []).map((u) => u.id),
    createdAt: g.createdAt,
  };
}
