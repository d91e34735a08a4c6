import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  checkKeyResult,
  keyResultProgress,
  type CheckedKeyResult,
  type KeyResultFields,
  type KeyResultView,
} from '@integrator/apps/okr';
import { CheckInEntity, KeyResultEntity, type ObjectiveEntity } from '@integrator/persistence';
import { toModuleError } from '@integrator/sdk';
import { isTeamAdmin, type AuthUser } from '../auth/current-user';
import { CLOCK, type ServerClock } from '../common/clock';
import { FieldsException } from '../common/errors.filter';
import { CheckInsService } from './check-ins.service';
import { definedOf, ObjectivesService, userExists } from './objectives.service';
import type { CreateKeyResultDto, UpdateKeyResultDto } from './okr.dto';
import { OkrConnectors } from './okr-connectors';
import { nextAutomatedCheckIn, ownerZones } from './next-check-in';
import { keyResultView } from './okr-views';
import { OrganizationService } from '../organization/organization.service';

const MEASURES = [
  'type',
  'controlType',
  'progressMethod',
  'checkInFrequency',
  'startValue',
  'targetValue',
  'lowerLimit',
  'upperLimit',
  'periodStart',
  'periodEnd',
] as const;
const CONTROL_ONLY = ['controlType', 'progressMethod', 'lowerLimit', 'upperLimit'] as const;
/** Fields an update may clear with null. */
const NULLABLE = [...CONTROL_ONLY, 'startValue', 'targetValue', 'connectorId'];

/** Key results: CRUD, with progress computed from the confirmed check-ins and returned with each. */
@Injectable()
export class KeyResultsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: ServerClock,
    private readonly objectives: ObjectivesService,
    private readonly checkIns: CheckInsService,
    private readonly connectors: OkrConnectors,
    private readonly organization: OrganizationService,
  ) {}

  private get repo() {
    return this.db.getRepository(KeyResultEntity);
  }

  async list(teamId: number, objectiveId?: number): Promise<KeyResultView[]> {
    const rows = await this.repo.find({
      where: objectiveId === undefined ? { teamId } : { objectiveId, teamId },
      order: { id: 'ASC' },
    });
    return this.views(rows);
  }

  async get(id: number): Promise<KeyResultView> {
    return (await this.views([await this.find(id)]))[0];
  }

  /** Views with the next automated check-in, in each owner's time zone. */
  private async views(rows: KeyResultEntity[]): Promise<KeyResultView[]> {
    const automated = rows.filter((r) => r.connectorId !== null);
    const zones = automated.length
      ? await ownerZones(
          this.db,
          this.organization,
          automated.map((r) => r.ownerId),
        )
      : new Map<number, string>();
    const now = this.clock.now();
    return rows.map((row) => ({
      ...keyResultView(row),
      nextAutomatedCheckIn: zones.has(row.ownerId)
        ? nextAutomatedCheckIn(row, zones.get(row.ownerId)!, now)
        : null,
    }));
  }

  async find(id: number): Promise<KeyResultEntity> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new NotFoundException(`key result ${id} not found`);
    return row;
  }

  async create(dto: CreateKeyResultDto, user: AuthUser, teamId: number): Promise<KeyResultView> {
    const objective = await this.objectives.find(dto.objectiveId).catch(() => null);
    // Another team's objective is as if it did not exist.
    if (!objective || objective.teamId !== teamId)
      throw new FieldsException([
        { path: 'objectiveId', message: `objective ${dto.objectiveId} does not exist` },
      ]);
    if (!isTeamAdmin(user) && objective.ownerId !== user.id) {
      throw new ForbiddenException(
        'only the owner of the objective or a super user may add key results to it',
      );
    }
    const ownerId = dto.ownerId ?? objective.ownerId;
    await this.checkOwner(ownerId);
    const connectorId = dto.connectorId ?? null;
    if (connectorId !== null) await this.connectors.assertUsable(connectorId, objective.teamId);
    const fields: KeyResultFields = {
      ...dto,
      periodStart: dto.periodStart ?? objective.periodStart,
      periodEnd: dto.periodEnd ?? objective.periodEnd,
    };
    if (dto.setStartFromConnector) fields.startValue = await this.connectorStart(connectorId);
    const checked = this.checked(fields);
    const now = this.clock.now();
    const row = this.repo.create({
      objectiveId: objective.id,
      teamId: objective.teamId,
      name: dto.name,
      ownerId,
      ...measures(checked),
      unit: dto.unit ?? '',
      currentValue: checked.startValue,
      progress: keyResultProgress(checked.definition, []),
      connectorId,
      autoConfirm: dto.autoConfirm ?? false,
      automatedSince: connectorId === null ? null : now,
      lastCheckInSlot: null,
      createdAt: now,
      updatedAt: now,
    });
    return keyResultView(await this.repo.save(row));
  }

  async update(id: number, dto: UpdateKeyResultDto, user: AuthUser): Promise<KeyResultView> {
    const row = await this.find(id);
    await this.assertEditor(row, user);
    const { setStartFromConnector, ...given } = definedOf(dto, NULLABLE);
    if (given.ownerId !== undefined) await this.checkOwner(given.ownerId);
    const connectorId = given.connectorId === undefined ? row.connectorId : given.connectorId;
    if (connectorId !== null && connectorId !== row.connectorId)
      await this.connectors.assertUsable(connectorId, row.teamId);
    const fields = carriedOver(row, given);
    if (setStartFromConnector) fields.startValue = await this.connectorStart(connectorId);
    const checked = this.checked(fields);
    const linked = connectorId !== null && connectorId !== row.connectorId;
    Object.assign(row, {
      name: given.name ?? row.name,
      ownerId: given.ownerId ?? row.ownerId,
      ...measures(checked),
      unit: given.unit ?? row.unit,
      connectorId,
      autoConfirm: given.autoConfirm ?? row.autoConfirm,
      // A newly linked connector starts with the next 09:00, not one already past today.
      automatedSince: connectorId === null ? null : linked ? this.clock.now() : row.automatedSince,
      updatedAt: this.clock.now(),
    });
    await this.db.transaction(async (tx) => {
      await tx.getRepository(KeyResultEntity).save(row);
      await this.checkIns.recompute(tx, row);
    });
    return this.get(id);
  }

  /** Deletes the key result and its check-ins. */
  async remove(id: number, user: AuthUser): Promise<void> {
    await this.assertEditor(await this.find(id), user);
    await this.db.transaction(async (tx) => {
      await tx.getRepository(CheckInEntity).delete({ keyResultId: id });
      await tx.getRepository(KeyResultEntity).delete({ id });
    });
  }

  /** Its owner, its objective's owner or a super user. */
  private async assertEditor(row: KeyResultEntity, user: AuthUser): Promise<void> {
    if (isTeamAdmin(user) || row.ownerId === user.id) return;
    const objective: ObjectiveEntity | null = await this.objectives.find(row.objectiveId).catch(() => null);
    if (objective?.ownerId !== user.id)
      throw new ForbiddenException(
        'only the owner of the key result or its objective, or a super user, may change it',
      );
  }

  private async checkOwner(ownerId: number): Promise<void> {
    if (!(await userExists(this.db, ownerId)))
      throw new FieldsException([{ path: 'ownerId', message: `user ${ownerId} does not exist` }]);
  }

  private checked(fields: KeyResultFields): CheckedKeyResult {
    const { result, issues } = checkKeyResult(fields);
    if (!result) throw new FieldsException(issues);
    return result;
  }

  /** "Set as start value": the connector's current value. */
  private async connectorStart(connectorId: number | null): Promise<number> {
    if (connectorId === null)
      throw new FieldsException([
        { path: 'setStartFromConnector', message: 'needs connectorId (the custom connector to read)' },
      ]);
    try {
      return (await this.connectors.currentValue(connectorId)).value;
    } catch (err) {
      throw new FieldsException([
        {
          path: 'setStartFromConnector',
          message: `could not read the connector's current value: ${toModuleError(err).message}`,
        },
      ]);
    }
  }
}

function measures(c: CheckedKeyResult) {
  const {
    type,
    controlType,
    progressMethod,
    checkInFrequency,
    startValue,
    targetValue,
    lowerLimit,
    upperLimit,
    periodStart,
    periodEnd,
  } = c;
  return {
    type,
    controlType,
    progressMethod,
    checkInFrequency: checkInFrequency as unknown as Record<string, unknown>,
    startValue,
    targetValue,
    lowerLimit,
    upperLimit,
    periodStart,
    periodEnd,
  };
}

/**
 * The stored measures with the body's changes. Stored values that no longer apply to a new type
 * (limits of a Control KPI that became an Increase KPI, say) are dropped unless the body sets them.
 */
function carriedOver(row: KeyResultEntity, given: Partial<UpdateKeyResultDto>): KeyResultFields {
  const stored: Record<string, unknown> = Object.fromEntries(MEASURES.map((k) => [k, row[k]]));
  const type = given.type ?? row.type;
  const controlType =
    given.controlType === undefined ? (type === 'control' ? row.controlType : null) : given.controlType;
  if (type !== 'control') for (const k of CONTROL_ONLY) stored[k] = null;
  if (type === 'control' && controlType !== row.controlType) {
    if (controlType === 'between') stored.targetValue = null;
    else Object.assign(stored, { lowerLimit: null, upperLimit: null });
  }
  const changed: Record<string, unknown> = Object.fromEntries(
    MEASURES.filter((k) => given[k] !== undefined).map((k) => [k, given[k]]),
  );
  return { ...stored, ...changed };
}
