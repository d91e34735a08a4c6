import { compileSchedule, dueSlot, dueSlotOf, type Schedule } from '../../src/schedule';
import { AMS, local, MINUTE, utc } from './time-helpers';

const LONG_AGO = utc('2020-01-01T00:00');

describe('dueSlot', () => {
  const every15: Schedule = { type: 'interval', minutes: 15 };

  it('returns the slot that is due now, once', () => {
    const now = utc('2026-01-01T10:15');
    const slot = dueSlot(every15, utc('2026-01-01T10:00'), now, AMS, LONG_AGO);
    expect(slot).toBe(now);
    expect(dueSlot(every15, slot, now + 5_000, AMS, LONG_AGO)).toBeNull();
    expect(dueSlot(every15, slot, now + 15 * MINUTE, AMS, LONG_AGO)).toBe(now + 15 * MINUTE);
  });

  it('after a downtime of many slots fires only the latest missed one', () => {
    const lastSlot = utc('2026-01-01T10:00');
    const now = utc('2026-01-04T07:52');
    expect(dueSlot(every15, lastSlot, now, AMS, LONG_AGO)).toBe(utc('2026-01-04T07:45'));
    const daily: Schedule = { type: 'daily', time: '09:00' };
    const slot = dueSlot(daily, utc('2025-06-01T07:00'), utc('2026-01-04T07:52'), AMS, LONG_AGO);
    expect(local(slot!, AMS)).toBe('2026-01-03 09:00 +01:00');
    const cron: Schedule = { type: 'cron', expression: '*/5 * * * * *' };
    expect(dueSlot(cron, utc('2025-01-01T00:00'), utc('2026-01-04T07:52') + 7_000, AMS, LONG_AGO)).toBe(
      utc('2026-01-04T07:52') + 5_000,
    );
  });

  it('does not fire a slot from before activation for a never-run scenario', () => {
    const daily: Schedule = { type: 'daily', time: '09:00' };
    const activated = utc('2026-01-10T12:00');
    expect(dueSlot(daily, null, utc('2026-01-10T12:01'), AMS, activated)).toBeNull();
    expect(dueSlot(daily, null, utc('2026-01-11T08:00'), AMS, activated)).toBe(utc('2026-01-11T08:00'));
  });

  it('counts a slot at the very instant of activation', () => {
    const at = utc('2026-01-11T08:00');
    expect(dueSlot({ type: 'daily', time: '09:00' }, null, at, AMS, at)).toBe(at);
  });

  it('does not fire slots missed while the scenario was switched off', () => {
    const daily: Schedule = { type: 'daily', time: '09:00' };
    const reactivated = utc('2026-03-01T12:00');
    expect(dueSlot(daily, utc('2026-01-05T08:00'), utc('2026-03-01T12:05'), AMS, reactivated)).toBeNull();
    expect(dueSlot(daily, utc('2026-01-05T08:00'), utc('2026-03-02T08:30'), AMS, reactivated)).toBe(
      utc('2026-03-02T08:00'),
    );
  });

  it('fires a once-schedule once', () => {
    const once: Schedule = { type: 'once', at: '2026-05-01T10:00' };
    expect(dueSlot(once, null, utc('2026-05-01T07:59'), AMS, LONG_AGO)).toBeNull();
    const slot = dueSlot(once, null, utc('2026-05-01T09:00'), AMS, LONG_AGO);
    expect(slot).toBe(utc('2026-05-01T08:00'));
    expect(dueSlot(once, slot, utc('2026-06-01T00:00'), AMS, LONG_AGO)).toBeNull();
  });

  it('finds sparse slots far back and respects the window end', () => {
    const leapDay: Schedule = { type: 'cron', expression: '0 12 29 2 *', timezone: 'UTC' };
    expect(dueSlot(leapDay, null, utc('2027-06-01T00:00'), AMS, LONG_AGO)).toBe(utc('2024-02-29T12:00'));
    const ended: Schedule = { type: 'daily', time: '09:00', end: '2026-02-01T00:00' };
    expect(dueSlot(ended, null, utc('2026-05-01T00:00'), AMS, LONG_AGO)).toBe(utc('2026-01-31T08:00'));
    expect(dueSlot(ended, utc('2026-01-31T08:00'), utc('2026-05-01T00:00'), AMS, LONG_AGO)).toBeNull();
  });

  it('is never due for on-demand or instant schedules', () => {
    expect(dueSlot({ type: 'onDemand' }, null, utc('2026-05-01T00:00'), AMS, LONG_AGO)).toBeNull();
    expect(dueSlot({ type: 'immediately' }, null, utc('2026-05-01T00:00'), AMS, LONG_AGO)).toBeNull();
  });

  it('claims a moved spring-forward slot once, at 03:00', () => {
    const compiled = compileSchedule({ type: 'daily', time: '02:30' }, AMS);
    const last = utc('2026-03-28T01:30');
    expect(dueSlotOf(compiled, last, utc('2026-03-29T00:59'), LONG_AGO)).toBeNull();
    const slot = dueSlotOf(compiled, last, utc('2026-03-29T01:00'), LONG_AGO);
    expect(local(slot!, AMS)).toBe('2026-03-29 03:00 +02:00');
    expect(dueSlotOf(compiled, slot, utc('2026-03-29T02:00'), LONG_AGO)).toBeNull();
  });
});
