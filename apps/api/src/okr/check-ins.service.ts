import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  keyResultProgress,
  localDate,
  type CheckInPoint,
  type CheckInSource,
  type CheckInView,
  type KeyResultView,
} from '@integrator/apps/okr';
import { changes, CheckInEntity, KeyResultEntity, UserEntity } from '@integrator/persistence';
import type { AuthUser } from '../auth/current-user';
import { CLOCK, type ServerClock } from '../common/clock';
import { FieldsException } from '../common/errors.filter';
import { OrganizationService } from '../organization/organization.service';
import type { CheckInDto } from './okr.dto';
import { assertOwner, checkInView, definitionOf, keyResultView } from './okr-views';

export interface NewCheckIn {
  source: CheckInSource;
  /** Null only with failureReason. */
  value: number | null;
  takenAt?: number;
  note?: string | null;
  createdBy?: number | null;
  scenarioId?: number | null;
  slot?: number | null;
  /** Recorded as failed, never changing the key result. */
  failureReason?: string;
  /** Confirmed directly (skipping review); confirmedBy is null for automated and scenario check-ins. */
  confirm?: { by: number | null };
}

export interface CheckInResult {
  checkIn: CheckInView;
  keyResult: KeyResultView;
}

/**
 * The check-in flow: a check-in is stored pending review with the progress it would produce;
 * the owner confirms or discards it; only confirmed check-ins change the key result. Each
 * change runs in a transaction holding the key result's row, so concurrent confirmations of
 * one key result compute progress one after the other.
 */
@Injectable()
export class CheckInsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly organization: OrganizationService,
  ) {}

  async history(keyResultId: number): Promise<CheckInView[]> {
    if (!(await this.db.getRepository(KeyResultEntity).existsBy({ id: keyResultId })))
      throw new NotFoundException(`key result ${keyResultId} not found`);
    const rows = await this.db
      .getRepository(CheckInEntity)
      .find({ where: { keyResultId }, order: { takenAt: 'DESC', id: 'DESC' } });
    return rows.map(checkInView);
  }

  async record(keyResultId: number, input: NewCheckIn): Promise<CheckInResult> {
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const kr = await this.locked(tx, keyResultId);
      const failed = input.failureReason !== undefined;
      const confirmed = !failed && input.confirm !== undefined;
      const row = tx.getRepository(CheckInEntity).create({
        keyResultId,
        value: input.value,
        takenAt: input.takenAt ?? now,
        source: input.source,
        status: failed ? 'failed' : confirmed ? 'confirmed' : 'pending',
        progress: null,
        createdBy: input.createdBy ?? null,
        confirmedBy: confirmed ? input.confirm!.by : null,
        confirmedAt: confirmed ? now : null,
        discardedBy: null,
        discardedAt: null,
        note: input.note ?? null,
        failureReason: input.failureReason ?? null,
        scenarioId: input.scenarioId ?? null,
        slot: input.slot ?? null,
        createdAt: now,
      });
      // The progress it would produce: the confirmed check-ins with this one added.
      if (!failed) row.progress = keyResultProgress(definitionOf(kr), await this.points(tx, kr, row));
      const saved = await tx.getRepository(CheckInEntity).save(row);
      if (confirmed) await this.apply(tx, kr);
      return { checkIn: checkInView(saved), keyResult: keyResultView(kr) };
    });
  }

  /** A manual check-in: pending review, or confirmed at once when its owner asks. */
  async manual(keyResultId: number, dto: CheckInDto, user: AuthUser): Promise<CheckInResult> {
    if (dto.takenAt !== undefined && dto.takenAt > this.clock.now())
      throw new FieldsException([{ path: 'takenAt', message: 'must not be in the future' }]);
    if (dto.confirm) {
      const kr = await this.db.getRepository(KeyResultEntity).findOneBy({ id: keyResultId });
      if (!kr) throw new NotFoundException(`key result ${keyResultId} not found`);
      assertOwner(user, kr.ownerId, 'confirm its check-ins');
    }
    return this.record(keyResultId, {
      source: 'manual',
      value: dto.value,
      takenAt: dto.takenAt,
      note: dto.note ?? null,
      createdBy: user.id,
      confirm: dto.confirm ? { by: user.id } : undefined,
    });
  }

  async confirm(id: number, user: AuthUser): Promise<CheckInResult> {
    return this.review(id, user, 'confirm', async (tx, row, kr) => {
      Object.assign(row, { status: 'confirmed', confirmedBy: user.id, confirmedAt: this.clock.now() });
      await tx
        .getRepository(CheckInEntity)
        .update(row.id, { status: row.status, confirmedBy: row.confirmedBy, confirmedAt: row.confirmedAt });
      await this.apply(tx, kr);
      // What it produced: the key result's progress once it counts.
      row.progress = kr.progress;
      await tx.getRepository(CheckInEntity).update(row.id, { progress: row.progress });
    });
  }

  async discard(id: number, user: AuthUser): Promise<CheckInResult> {
    return this.review(id, user, 'discard', async (tx, row) => {
      Object.assign(row, { status: 'discarded', discardedBy: user.id, discardedAt: this.clock.now() });
      await tx
        .getRepository(CheckInEntity)
        .update(row.id, { status: row.status, discardedBy: row.discardedBy, discardedAt: row.discardedAt });
    });
  }

  /** After the key result's definition changed: its value and progress from the confirmed check-ins. */
  async recompute(tx: EntityManager, kr: KeyResultEntity): Promise<void> {
    await this.apply(tx, kr);
  }

  /** The time zone of a user, falling back to the organisation's. */
  async zoneOf(userId: number, manager: EntityManager = this.db.manager): Promise<string> {
    const user = await manager
      .getRepository(UserEntity)
      .findOne({ where: { id: userId }, select: { id: true, timezone: true } });
    return user?.timezone || (await this.organization.get()).timezone;
  }

  private async review(
    id: number,
    user: AuthUser,
    action: 'confirm' | 'discard',
    change: (tx: EntityManager, row: CheckInEntity, kr: KeyResultEntity) => Promise<void>,
  ): Promise<CheckInResult> {
    return this.db.transaction(async (tx) => {
      const found = await tx.getRepository(CheckInEntity).findOneBy({ id });
      if (!found) throw new NotFoundException(`check-in ${id} not found`);
      const kr = await this.locked(tx, found.keyResultId);
      assertOwner(user, kr.ownerId, `${action} its check-ins`);
      // Read again under the key result's lock: a concurrent review may have won.
      const row = (await tx.getRepository(CheckInEntity).findOneBy({ id }))!;
      if (row.status !== 'pending')
        throw new ConflictException(
          `check-in ${id} is ${row.status}; only a pending check-in can be ${action === 'confirm' ? 'confirmed' : 'discarded'}`,
        );
      await change(tx, row, kr);
      return { checkIn: checkInView(row), keyResult: keyResultView(kr) };
    });
  }

  /** Sets the key result's current value (the latest confirmed check-in) and progress. */
  private async apply(tx: EntityManager, kr: KeyResultEntity): Promise<void> {
    const points = await this.points(tx, kr);
    const latest = points.reduce<CheckInPoint | undefined>(
      (a, p) => (!a || p.takenAt >= a.takenAt ? p : a),
      undefined,
    );
    kr.currentValue = latest?.value ?? kr.startValue;
    kr.progress = keyResultProgress(definitionOf(kr), points);
    kr.updatedAt = this.clock.now();
    await tx.getRepository(KeyResultEntity).update(
      kr.id,
      changes<KeyResultEntity>({
        currentValue: kr.currentValue,
        progress: kr.progress,
        updatedAt: kr.updatedAt,
      }),
    );
  }

  /** Confirmed check-ins (plus one not stored yet) with their local dates in the owner's zone. */
  private async points(
    tx: EntityManager,
    kr: KeyResultEntity,
    extra?: CheckInEntity,
  ): Promise<CheckInPoint[]> {
    const rows = await tx
      .getRepository(CheckInEntity)
      .find({ where: { keyResultId: kr.id, status: 'confirmed' }, order: { takenAt: 'ASC', id: 'ASC' } });
    const zone = await this.zoneOf(kr.ownerId, tx);
    return [...rows, ...(extra ? [extra] : [])]
      .filter((r): r is CheckInEntity & { value: number } => r.value !== null)
      .map((r) => ({ value: r.value, date: localDate(r.takenAt, zone), takenAt: r.takenAt }));
  }

  private async locked(tx: EntityManager, id: number): Promise<KeyResultEntity> {
    const query = tx.getRepository(KeyResultEntity).createQueryBuilder('k').where('k.id = :id', { id });
    if (this.db.options.type === 'postgres') query.setLock('pessimistic_write');
    const row = await query.getOne();
    if (!row) throw new NotFoundException(`key result ${id} not found`);
    return row;
  }
}
