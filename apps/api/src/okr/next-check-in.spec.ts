import { DateTime } from 'luxon';
import { nextAutomatedCheckIn } from './next-check-in';

const zone = 'America/New_York';
const at = (iso: string) => DateTime.fromISO(iso, { zone }).toMillis();
const kr = {
  connectorId: 1,
  periodStart: '2026-03-01',
  periodEnd: '2026-03-31',
  lastCheckInSlot: null as number | null,
  automatedSince: null as number | null,
  createdAt: at('2026-02-20T12:00'),
};

describe('the next automated check-in', () => {
  test("is the next 09:00 in the owner's zone", () => {
    expect(nextAutomatedCheckIn(kr, zone, at('2026-03-10T10:00'))).toBe(at('2026-03-10T09:00'));
    expect(
      nextAutomatedCheckIn({ ...kr, lastCheckInSlot: at('2026-03-10T09:00') }, zone, at('2026-03-10T10:00')),
    ).toBe(at('2026-03-11T09:00'));
    const yesterday = { ...kr, lastCheckInSlot: at('2026-03-09T09:00') };
    expect(nextAutomatedCheckIn(yesterday, zone, at('2026-03-10T08:00'))).toBe(at('2026-03-10T09:00'));
  });

  test('follows summer time (09:00 local on both sides of the change)', () => {
    const last = at('2026-03-07T09:00');
    const next = nextAutomatedCheckIn(
      { ...kr, lastCheckInSlot: last, periodEnd: '2026-03-31' },
      zone,
      last + 1,
    );
    expect(next).toBe(at('2026-03-08T09:00'));
    expect(next! - last).toBe(23 * 3600_000);
  });

  test('waits for the period to start and stops after it ends', () => {
    expect(nextAutomatedCheckIn(kr, zone, at('2026-02-25T10:00'))).toBe(at('2026-03-01T09:00'));
    expect(
      nextAutomatedCheckIn({ ...kr, lastCheckInSlot: at('2026-03-31T09:00') }, zone, at('2026-03-31T10:00')),
    ).toBeNull();
  });

  test('starts after the connector was linked, and is null without one', () => {
    const linked = at('2026-03-10T12:00');
    expect(nextAutomatedCheckIn({ ...kr, automatedSince: linked }, zone, linked)).toBe(
      at('2026-03-11T09:00'),
    );
    expect(nextAutomatedCheckIn({ ...kr, connectorId: null }, zone, linked)).toBeNull();
  });
});
