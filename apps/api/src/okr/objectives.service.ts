import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, type DataSource } from 'typeorm';
import { parseDate } from '@integrator/apps/okr';
import { CheckInEntity, KeyResultEntity, ObjectiveEntity, UserEntity } from '@integrator/persistence';
import { isTeamAdmin, type AuthUser } from '../auth/current-user';
import { CLOCK, type ServerClock } from '../common/clock';
import { FieldsException, type FieldError } from '../common/errors.filter';
import type { CreateObjectiveDto, UpdateObjectiveDto } from './okr.dto';
import { objectiveView, type ObjectiveView } from './okr-views';

/** Objectives: a name, an owner and a period; everyone reads them, their owner or a super user changes them. */
@Injectable()
export class ObjectivesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
  ) {}

  private get repo() {
    return this.db.getRepository(ObjectiveEntity);
  }

  async list(teamId: number): Promise<ObjectiveView[]> {
    const rows = await this.repo.find({ where: { teamId }, order: { id: 'ASC' } });
    const keyResults = await this.db
      .getRepository(KeyResultEntity)
      .find({ where: { teamId }, order: { id: 'ASC' } });
    return rows.map((o) =>
      objectiveView(
        o,
        keyResults.filter((k) => k.objectiveId === o.id),
      ),
    );
  }

  async get(id: number): Promise<ObjectiveView> {
    const row = await this.find(id);
    return objectiveView(
      row,
      await this.db.getRepository(KeyResultEntity).find({ where: { objectiveId: id }, order: { id: 'ASC' } }),
    );
  }

  async create(dto: CreateObjectiveDto, user: AuthUser, teamId: number): Promise<ObjectiveView> {
    const ownerId = dto.ownerId ?? user.id;
    await this.check({ ownerId, periodStart: dto.periodStart, periodEnd: dto.periodEnd });
    const now = this.clock.now();
    const row = await this.repo.save(
      this.repo.create({
        name: dto.name,
        description: dto.description ?? '',
        ownerId,
        teamId,
        periodStart: dto.periodStart,
        periodEnd: dto.periodEnd,
        createdAt: now,
        updatedAt: now,
      }),
    );
    return objectiveView(row, []);
  }

  async update(id: number, dto: UpdateObjectiveDto, user: AuthUser): Promise<ObjectiveView> {
    const row = await this.owned(id, user);
    const next = { ...row, ...definedOf(dto) };
    await this.check(next);
    await this.repo.save({ ...next, updatedAt: this.clock.now() });
    return this.get(id);
  }

  /** Deletes the objective with its key results and their check-ins. */
  async remove(id: number, user: AuthUser): Promise<void> {
    await this.owned(id, user);
    await this.db.transaction(async (tx) => {
      const krs = await tx
        .getRepository(KeyResultEntity)
        .find({ where: { objectiveId: id }, select: { id: true } });
      if (krs.length) {
        await tx.getRepository(CheckInEntity).delete({ keyResultId: In(krs.map((k) => k.id)) });
        await tx.getRepository(KeyResultEntity).delete({ objectiveId: id });
      }
      await tx.getRepository(ObjectiveEntity).delete({ id });
    });
  }

  async find(id: number): Promise<ObjectiveEntity> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new NotFoundException(`objective ${id} not found`);
    return row;
  }

  private async owned(id: number, user: AuthUser): Promise<ObjectiveEntity> {
    const row = await this.find(id);
    if (!isTeamAdmin(user) && row.ownerId !== user.id)
      throw new ForbiddenException('only the owner of the objective or a super user may change it');
    return row;
  }

  private async check(v: { ownerId: number; periodStart: string; periodEnd: string }): Promise<void> {
    const issues: FieldError[] = [];
    const start = parseDate(v.periodStart);
    const end = parseDate(v.periodEnd);
    if (start === null) issues.push({ path: 'periodStart', message: 'must be a date YYYY-MM-DD' });
    if (end === null) issues.push({ path: 'periodEnd', message: 'must be a date YYYY-MM-DD' });
    if (start !== null && end !== null && end < start)
      issues.push({ path: 'periodEnd', message: 'must not be before periodStart' });
    if (!(await userExists(this.db, v.ownerId)))
      issues.push({ path: 'ownerId', message: `user ${v.ownerId} does not exist` });
    if (issues.length) throw new FieldsException(issues);
  }
}

export async function userExists(db: DataSource, id: number): Promise<boolean> {
  return db.getRepository(UserEntity).existsBy({ id });
}

/** The fields a body sets (undefined = keep the stored value); null only where it clears a field, else a 400. */
export function definedOf<T extends object>(dto: T, nullable: readonly string[] = []): Partial<T> {
  const entries = Object.entries(dto).filter(([, v]) => v !== undefined);
  const wrong = entries
    .filter(([k, v]) => v === null && !nullable.includes(k))
    .map(([path]) => ({ path, message: 'must not be null' }));
  if (wrong.length) throw new FieldsException(wrong);
  return Object.fromEntries(entries) as Partial<T>;
}
