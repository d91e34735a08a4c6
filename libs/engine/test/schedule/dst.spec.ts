import { nextRuns } from '../../src/schedule';
import { AMS, local, locals, MINUTE, NYC, utc } from './time-helpers';

// Europe/Amsterdam 2026: 29 March 02:00 CET → 03:00 CEST; 25 October 03:00 CEST → 02:00 CET.
// America/New_York 2026: 8 March 02:00 EST → 03:00 EDT; 1 November 02:00 EDT → 01:00 EST.

describe('daily across daylight-saving changes', () => {
  it('runs a missing local time at the end of the gap (Amsterdam spring forward)', () => {
    const runs = nextRuns({ type: 'daily', time: '02:30' }, utc('2026-03-27T12:00'), 3, AMS);
    expect(locals(runs, AMS)).toEqual([
      '2026-03-28 02:30 +01:00',
      '2026-03-29 03:00 +02:00',
      '2026-03-30 02:30 +02:00',
    ]);
  });

  it('runs a repeated local time once, at its first occurrence (Amsterdam fall back)', () => {
    const runs = nextRuns({ type: 'daily', time: '02:30' }, utc('2026-10-24T12:00'), 2, AMS);
    expect(locals(runs, AMS)).toEqual(['2026-10-25 02:30 +02:00', '2026-10-26 02:30 +01:00']);
    expect(runs[0]).toBe(utc('2026-10-25T00:30'));
  });

  it('does not run the repeated time again when asked from inside the second pass', () => {
    const runs = nextRuns({ type: 'daily', time: '02:30' }, utc('2026-10-25T01:10'), 1, AMS);
    expect(local(runs[0], AMS)).toBe('2026-10-26 02:30 +01:00');
  });

  it('keeps 09:00 local on both sides of a change', () => {
    const runs = nextRuns({ type: 'daily', time: '09:00' }, utc('2026-03-28T00:00'), 2, AMS);
    expect(runs).toEqual([utc('2026-03-28T08:00'), utc('2026-03-29T07:00')]);
  });

  it('handles New York spring forward and fall back', () => {
    const spring = nextRuns({ type: 'daily', time: '02:15' }, utc('2026-03-07T12:00'), 3, NYC);
    expect(locals(spring, NYC)).toEqual([
      '2026-03-08 03:00 -04:00',
      '2026-03-09 02:15 -04:00',
      '2026-03-10 02:15 -04:00',
    ]);
    const fall = nextRuns({ type: 'daily', time: '01:30' }, utc('2026-10-31T12:00'), 2, NYC);
    expect(locals(fall, NYC)).toEqual(['2026-11-01 01:30 -04:00', '2026-11-02 01:30 -05:00']);
  });
});

describe('weekly across daylight-saving changes', () => {
  it('moves a Sunday 02:30 run to 03:00 on the spring-forward Sunday and runs it once on the fall-back one', () => {
    const spring = nextRuns({ type: 'weekly', days: [0], time: '02:30' }, utc('2026-03-20T00:00'), 2, AMS);
    expect(locals(spring, AMS)).toEqual(['2026-03-22 02:30 +01:00', '2026-03-29 03:00 +02:00']);
    const fall = nextRuns({ type: 'weekly', days: [0], time: '02:30' }, utc('2026-10-20T00:00'), 2, AMS);
    expect(locals(fall, AMS)).toEqual(['2026-10-25 02:30 +02:00', '2026-11-01 02:30 +01:00']);
  });

  it('does the same in New York', () => {
    const spring = nextRuns({ type: 'weekly', days: [0, 6], time: '02:00' }, utc('2026-03-07T00:00'), 2, NYC);
    expect(locals(spring, NYC)).toEqual(['2026-03-07 02:00 -05:00', '2026-03-08 03:00 -04:00']);
    const fall = nextRuns({ type: 'weekly', days: [0], time: '01:00' }, utc('2026-10-30T00:00'), 2, NYC);
    expect(locals(fall, NYC)).toEqual(['2026-11-01 01:00 -04:00', '2026-11-08 01:00 -05:00']);
  });
});

describe('cron across daylight-saving changes', () => {
  it('treats a fixed hour like a daily time (Amsterdam)', () => {
    const spring = nextRuns({ type: 'cron', expression: '30 2 * * *' }, utc('2026-03-28T12:00'), 2, AMS);
    expect(locals(spring, AMS)).toEqual(['2026-03-29 03:00 +02:00', '2026-03-30 02:30 +02:00']);
    const fall = nextRuns({ type: 'cron', expression: '30 2 * * *' }, utc('2026-10-24T12:00'), 2, AMS);
    expect(locals(fall, AMS)).toEqual(['2026-10-25 02:30 +02:00', '2026-10-26 02:30 +01:00']);
  });

  it('collapses several gap times into one run at the end of the gap', () => {
    const runs = nextRuns({ type: 'cron', expression: '0,20,40 2 * * 0' }, utc('2026-03-28T12:00'), 2, AMS);
    expect(locals(runs, AMS)).toEqual(['2026-03-29 03:00 +02:00', '2026-04-05 02:00 +02:00']);
  });

  it('keeps every-30-minutes cron evenly spaced in real time through both changes (Amsterdam)', () => {
    const spring = nextRuns({ type: 'cron', expression: '*/30 * * * *' }, utc('2026-03-29T00:10'), 4, AMS);
    expect(locals(spring, AMS)).toEqual([
      '2026-03-29 01:30 +01:00',
      '2026-03-29 03:00 +02:00',
      '2026-03-29 03:30 +02:00',
      '2026-03-29 04:00 +02:00',
    ]);
    const fall = nextRuns({ type: 'cron', expression: '*/30 * * * *' }, utc('2026-10-24T23:50'), 6, AMS);
    expect(fall).toEqual([0, 1, 2, 3, 4, 5].map((i) => utc('2026-10-25T00:00') + i * 30 * MINUTE));
    expect(locals(fall, AMS).slice(0, 4)).toEqual([
      '2026-10-25 02:00 +02:00',
      '2026-10-25 02:30 +02:00',
      '2026-10-25 02:00 +01:00',
      '2026-10-25 02:30 +01:00',
    ]);
  });

  it('finds the second pass of a repeated hour when asked from inside the first', () => {
    const runs = nextRuns({ type: 'cron', expression: '*/30 * * * *' }, utc('2026-10-25T00:40'), 2, AMS);
    expect(locals(runs, AMS)).toEqual(['2026-10-25 02:00 +01:00', '2026-10-25 02:30 +01:00']);
  });

  it('handles New York: fixed hour in the gap, and hourly cron through the repeated hour', () => {
    const spring = nextRuns({ type: 'cron', expression: '0 2 * * 0' }, utc('2026-03-01T12:00'), 2, NYC);
    expect(locals(spring, NYC)).toEqual(['2026-03-08 03:00 -04:00', '2026-03-15 02:00 -04:00']);
    const fall = nextRuns({ type: 'cron', expression: '15 * * * *' }, utc('2026-11-01T04:30'), 4, NYC);
    expect(locals(fall, NYC)).toEqual([
      '2026-11-01 01:15 -04:00',
      '2026-11-01 01:15 -05:00',
      '2026-11-01 02:15 -05:00',
      '2026-11-01 03:15 -05:00',
    ]);
  });
});
