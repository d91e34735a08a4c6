import { DateTime } from 'luxon';
import { In, type DataSource } from 'typeorm';
import { nextRuns } from '@integrator/engine';
import { localDate } from '@integrator/apps/okr';
import { UserEntity, type KeyResultEntity } from '@integrator/persistence';
import type { OrganizationService } from '../organization/organization.service';

/** The automated check-in runs every day at 09:00 in the owner's time zone (okr-semantics.md). */
export const DAILY_CHECK_IN_TIME = '09:00';

type Automated = Pick<
  KeyResultEntity,
  'connectorId' | 'periodStart' | 'periodEnd' | 'lastCheckInSlot' | 'automatedSince' | 'createdAt'
>;

/**
 * When the next automated check-in will run (epoch ms): the first 09:00 in the owner's zone
 * that is not yet taken, not before the connector was linked, and inside the key result's
 * period. Null without a connector, once the period is over, or in an unknown time zone.
 */
export function nextAutomatedCheckIn(kr: Automated, zone: string, now: number): number | null {
  if (kr.connectorId === null) return null;
  const periodStart = DateTime.fromISO(kr.periodStart, { zone }).startOf('day');
  if (!periodStart.isValid) return null;
  // A slot due now but not yet claimed by the scheduler's tick is still the next one.
  const after = Math.max(
    now - 24 * 3600_000,
    kr.lastCheckInSlot ?? -Infinity,
    kr.automatedSince ?? kr.createdAt,
    periodStart.toMillis() - 1,
  );
  try {
    const [slot] = nextRuns({ type: 'daily', time: DAILY_CHECK_IN_TIME, timezone: zone }, after, 1, zone);
    if (slot === undefined || localDate(slot, zone) > kr.periodEnd) return null;
    return slot;
  } catch {
    return null;
  }
}

/** Each owner's time zone, falling back to the organisation's. */
export async function ownerZones(
  db: DataSource,
  organization: OrganizationService,
  ownerIds: number[],
): Promise<Map<number, string>> {
  const fallback = (await organization.get()).timezone;
  const users = await db
    .getRepository(UserEntity)
    .find({ where: { id: In([...new Set(ownerIds)]) }, select: { id: true, timezone: true } });
  const zones = new Map(ownerIds.map((id) => [id, fallback]));
  for (const u of users) if (u.timezone) zones.set(u.id, u.timezone);
  return zones;
}
