import {
  BadRequestException,
  Injectable,
  Logger,
  NotFoundException,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, LessThan, Not, type DataSource } from 'typeorm';
import { compileSchedule, dueSlotOf, type CompiledSchedule } from '@integrator/engine';
import { localDate } from '@integrator/apps/okr';
import { KeyResultEntity } from '@integrator/persistence';
import { toModuleError } from '@integrator/sdk';
import type { AuthUser } from '../auth/current-user';
import { OrganizationService } from '../organization/organization.service';
import { SchedulerService } from '../scheduler/scheduler.service';
import { CheckInsService, type CheckInResult } from './check-ins.service';
import { OkrConnectors } from './okr-connectors';
import { DAILY_CHECK_IN_TIME, ownerZones } from './next-check-in';
import { assertOwner } from './okr-views';

/** Connector requests of one tick run this many at a time. */
const PARALLEL = 4;

/**
 * Automated check-ins: the key result's custom connector is read and its value recorded for
 * review (or confirmed directly when the key result says so); a failure is recorded with its
 * reason and leaves the key result alone. The scheduler's tick finds each key result's due
 * 09:00 slot and claims it with a conditional update, so a slot runs once even when several
 * API processes share the database.
 */
@Injectable()
export class AutomatedCheckInsService implements OnModuleInit {
  private readonly log = new Logger('OkrCheckIns');
  private readonly schedules = new Map<string, CompiledSchedule>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scheduler: SchedulerService,
    private readonly organization: OrganizationService,
    private readonly checkIns: CheckInsService,
    private readonly connectors: OkrConnectors,
  ) {}

  onModuleInit(): void {
    this.scheduler.addTask('okr-daily-check-in', (now) => this.runDue(now));
  }

  /** POST /api/key-results/:id/automated-check-in: the automated check-in, now. */
  async runNow(keyResultId: number, user: AuthUser): Promise<CheckInResult> {
    const kr = await this.db.getRepository(KeyResultEntity).findOneBy({ id: keyResultId });
    if (!kr) throw new NotFoundException(`key result ${keyResultId} not found`);
    assertOwner(user, kr.ownerId, 'run its automated check-in');
    if (kr.connectorId === null)
      throw new BadRequestException(
        `key result ${keyResultId} has no custom connector (set connectorId to automate its check-in)`,
      );
    return this.checkIn(kr.id, kr.connectorId, null);
  }

  /** The scheduler task: every key result whose 09:00 slot is due and still unclaimed checks in. */
  async runDue(now: number): Promise<number[]> {
    const rows = await this.db
      .getRepository(KeyResultEntity)
      .find({ where: { connectorId: Not(IsNull()) }, order: { id: 'ASC' } });
    if (rows.length === 0) return [];
    const zones = await ownerZones(
      this.db,
      this.organization,
      rows.map((r) => r.ownerId),
    );
    const due: Array<{ kr: KeyResultEntity; slot: number }> = [];
    for (const kr of rows) {
      const slot = this.dueSlot(kr, zones.get(kr.ownerId)!, now);
      if (slot !== null && (await this.claim(kr, slot))) due.push({ kr, slot });
    }
    const done: number[] = [];
    for (let i = 0; i < due.length; i += PARALLEL) {
      await Promise.all(
        due.slice(i, i + PARALLEL).map(async ({ kr, slot }) => {
          try {
            await this.checkIn(kr.id, kr.connectorId!, slot);
            done.push(kr.id);
          } catch (err) {
            this.log.error(`automated check-in of key result ${kr.id} failed: ${toModuleError(err).message}`);
          }
        }),
      );
    }
    return done.sort((a, b) => a - b);
  }

  /** The 09:00 slot to run now, if any, while the key result's period runs (outside it nothing is recorded). */
  private dueSlot(kr: KeyResultEntity, zone: string, now: number): number | null {
    try {
      const slot = dueSlotOf(this.daily(zone), kr.lastCheckInSlot, now, kr.automatedSince ?? kr.createdAt);
      if (slot === null) return null;
      const day = localDate(slot, zone);
      return day < kr.periodStart || day > kr.periodEnd ? null : slot;
    } catch (err) {
      this.log.warn(
        `key result ${kr.id}: no daily check-in in time zone ${JSON.stringify(zone)}: ${(err as Error).message}`,
      );
      return null;
    }
  }

  /** Reads the connector and records the value, or the failure with its reason. */
  private async checkIn(
    keyResultId: number,
    connectorId: number,
    slot: number | null,
  ): Promise<CheckInResult> {
    const kr = await this.db.getRepository(KeyResultEntity).findOneByOrFail({ id: keyResultId });
    try {
      const { value } = await this.connectors.currentValue(connectorId);
      return await this.checkIns.record(keyResultId, {
        source: 'automated',
        value,
        slot,
        confirm: kr.autoConfirm ? { by: null } : undefined,
      });
    } catch (err) {
      const reason = toModuleError(err).message;
      return this.checkIns.record(keyResultId, {
        source: 'automated',
        value: null,
        slot,
        failureReason: reason,
      });
    }
  }

  /** Moves lastCheckInSlot forward only if no other process did: true when this one won the slot. */
  private async claim(kr: KeyResultEntity, slot: number): Promise<boolean> {
    const result = await this.db.getRepository(KeyResultEntity).update(
      [
        { id: kr.id, connectorId: kr.connectorId!, lastCheckInSlot: IsNull() },
        { id: kr.id, connectorId: kr.connectorId!, lastCheckInSlot: LessThan(slot) },
      ],
      { lastCheckInSlot: slot },
    );
    return Boolean(result.affected);
  }

  private daily(zone: string): CompiledSchedule {
    let compiled = this.schedules.get(zone);
    if (!compiled) {
      compiled = compileSchedule({ type: 'daily', time: DAILY_CHECK_IN_TIME, timezone: zone }, zone);
      this.schedules.set(zone, compiled);
    }
    return compiled;
  }
}
