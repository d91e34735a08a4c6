import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { In, type DataSource } from 'typeorm';
import {
  AppConnectorEntity,
  AppOtpEntity,
  AppTokenEntity,
  DataStoreEntity,
  ScenarioEntity,
  UserEntity,
  UserGroupEntity,
} from '@integrator/persistence';
import { CLOCK, type ServerClock } from '../common/clock';
import { FieldsException, type FieldError } from '../common/errors.filter';
import type { CreateAppConnectorDto, UpdateAppConnectorDto } from './app-connectors.dto';
import { ipRulesView, readIpRules, type IpPolicy } from './ip-rules';

/** What a super user manages: app connectors and the tokens issued for them. */
@Injectable()
export class AppConnectorsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
  ) {}

  private get connectors() {
    return this.db.getRepository(AppConnectorEntity);
  }

  async list(teamId: number) {
    const rows = await this.connectors.find({ where: { teamId }, order: { id: 'ASC' } });
    return rows.map(connectorView);
  }

  async get(id: number) {
    return connectorView(await this.find(id));
  }

  async create(dto: CreateAppConnectorDto, teamId: number) {
    const policy = await this.checked(dto, teamId);
    const now = this.clock.now();
    const row = this.connectors.create({
      // 192 random bits: callers name the connector by it, nobody can guess one.
      key: `ac_${randomBytes(24).toString('base64url')}`,
      description: dto.description,
      teamId,
      groupId: dto.groupId,
      blocked: dto.blocked ?? true,
      scenarioIds: unique(dto.scenarioIds ?? []),
      dataStoreIds: unique(dto.dataStoreIds ?? []),
      ipMode: policy?.mode ?? 'off',
      ipRules: policy?.rules ?? [],
      createdAt: now,
      updatedAt: now,
    });
    return connectorView(await this.connectors.save(row));
  }

  /** Partial update; `blocked: false` unblocks. */
  async update(id: number, dto: UpdateAppConnectorDto) {
    const row = await this.find(id);
    const policy = await this.checked(dto, row.teamId);
    if (dto.description !== undefined) row.description = dto.description;
    if (dto.groupId !== undefined) row.groupId = dto.groupId;
    if (dto.blocked !== undefined) row.blocked = dto.blocked;
    if (dto.scenarioIds) row.scenarioIds = unique(dto.scenarioIds);
    if (dto.dataStoreIds) row.dataStoreIds = unique(dto.dataStoreIds);
    if (policy) Object.assign(row, { ipMode: policy.mode, ipRules: policy.rules });
    row.updatedAt = this.clock.now();
    return connectorView(await this.connectors.save(row));
  }

  async remove(id: number) {
    await this.find(id);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(AppTokenEntity).delete({ connectorId: id });
      await tx.getRepository(AppOtpEntity).delete({ connectorId: id });
      await tx.getRepository(AppConnectorEntity).delete({ id });
    });
  }

  async tokens(id: number) {
    await this.find(id);
    const rows = await this.db
      .getRepository(AppTokenEntity)
      .find({ where: { connectorId: id }, order: { id: 'ASC' } });
    const users = rows.length
      ? await this.db
          .getRepository(UserEntity)
          .find({ where: { id: In(unique(rows.map((r) => r.userId))) }, select: { id: true, email: true } })
      : [];
    const email = new Map(users.map((u) => [u.id, u.email]));
    return rows.map((t) => ({
      id: t.id,
      connectorId: t.connectorId,
      userId: t.userId,
      userEmail: email.get(t.userId) ?? null,
      createdAt: t.createdAt,
      lastUsedAt: t.lastUsedAt,
      revokedAt: t.revokedAt,
      active: t.revokedAt === null,
    }));
  }

  /** Revoking keeps the row (the list shows when), and is idempotent. */
  async revokeToken(id: number) {
    const token = await this.db.getRepository(AppTokenEntity).findOneBy({ id });
    if (!token) throw new NotFoundException(`app token ${id} not found`);
    if (token.revokedAt === null)
      await this.db.getRepository(AppTokenEntity).update(id, { revokedAt: this.clock.now() });
  }

  private async find(id: number): Promise<AppConnectorEntity> {
    const row = await this.connectors.findOneBy({ id });
    if (!row) throw new NotFoundException(`app connector ${id} not found`);
    return row;
  }

  /** Every reference must exist; IP rules are parsed. Returns the new IP policy when one was sent. */
  private async checked(dto: UpdateAppConnectorDto, teamId: number): Promise<IpPolicy | undefined> {
    const problems: FieldError[] = [];
    if (
      dto.groupId !== undefined &&
      !(await this.db.getRepository(UserGroupEntity).existsBy({ id: dto.groupId }))
    ) {
      problems.push({ path: 'groupId', message: `user group ${dto.groupId} does not exist` });
    }
    problems.push(
      ...(await this.missing(ScenarioEntity, dto.scenarioIds, 'scenarioIds', 'scenario', teamId)),
    );
    problems.push(
      ...(await this.missing(DataStoreEntity, dto.dataStoreIds, 'dataStoreIds', 'data store', teamId)),
    );
    const ip = dto.ipRules === undefined ? undefined : readIpRules(dto.ipRules);
    if (ip) problems.push(...ip.problems);
    if (problems.length) throw new FieldsException(problems);
    return ip?.policy;
  }

  private async missing(
    entity: typeof ScenarioEntity | typeof DataStoreEntity,
    ids: number[] | undefined,
    path: string,
    noun: string,
    teamId: number,
  ): Promise<FieldError[]> {
    if (!ids?.length) return [];
    // An app connector reaches only its own team's records; another team's do not exist for it.
    const found = await this.db
      .getRepository<{ id: number; teamId: number }>(entity)
      .find({ where: { id: In(unique(ids)), teamId }, select: { id: true } });
    const known = new Set(found.map((r) => r.id));
    return ids.flatMap((id, i) =>
      known.has(id) ? [] : [{ path: `${path}[${i}]`, message: `${noun} ${id} does not exist` }],
    );
  }
}

export function connectorView(c: AppConnectorEntity) {
  return {
    id: c.id,
    key: c.key,
    description: c.description,
    groupId: c.groupId,
    blocked: c.blocked,
    scenarioIds: c.scenarioIds,
    dataStoreIds: c.dataStoreIds,
    ipRules: ipRulesView({ mode: c.ipMode, rules: c.ipRules }),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}
