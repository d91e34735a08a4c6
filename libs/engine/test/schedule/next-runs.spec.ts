import { compileSchedule, nextRuns, type Schedule } from '../../src/schedule';
import { AMS, isoList, local, locals, MINUTE, NYC, TOKYO, utc } from './time-helpers';

describe('nextRuns for each schedule type', () => {
  it('gives nothing for on-demand and instant schedules', () => {
    expect(nextRuns({ type: 'onDemand' }, utc('2026-01-01T00:00'), 5, AMS)).toEqual([]);
    expect(nextRuns({ type: 'immediately' }, utc('2026-01-01T00:00'), 5, AMS)).toEqual([]);
  });

  it('reads the same "daily 09:00" in each schedule\'s own zone', () => {
    const after = utc('2026-01-10T00:00');
    expect(nextRuns({ type: 'daily', time: '09:00', timezone: AMS }, after, 1, NYC)).toEqual([
      utc('2026-01-10T08:00'),
    ]);
    expect(nextRuns({ type: 'daily', time: '09:00', timezone: TOKYO }, after, 2, NYC)).toEqual([
      utc('2026-01-11T00:00'),
      utc('2026-01-12T00:00'),
    ]);
  });

  it("falls back to the caller's default zone", () => {
    expect(nextRuns({ type: 'daily', time: '09:00' }, utc('2026-07-01T00:00'), 1, NYC)).toEqual([
      utc('2026-07-01T13:00'),
    ]);
  });

  it('returns runs strictly after the given instant', () => {
    const runs = nextRuns({ type: 'daily', time: '09:00' }, utc('2026-01-10T08:00'), 1, AMS);
    expect(runs).toEqual([utc('2026-01-11T08:00')]);
    expect(nextRuns({ type: 'daily', time: '09:00' }, utc('2026-01-10T08:00'), 0, AMS)).toEqual([]);
  });

  it('runs weekly on several days, Sunday = 0', () => {
    // 2026-01-05 is a Monday.
    const runs = nextRuns(
      { type: 'weekly', days: [1, 3, 5], time: '18:45' },
      utc('2026-01-05T00:00'),
      4,
      AMS,
    );
    expect(locals(runs, AMS)).toEqual([
      '2026-01-05 18:45 +01:00',
      '2026-01-07 18:45 +01:00',
      '2026-01-09 18:45 +01:00',
      '2026-01-12 18:45 +01:00',
    ]);
  });

  it('skips months that lack day 31', () => {
    const runs = nextRuns({ type: 'monthly', days: [31], time: '09:00' }, utc('2026-01-01T00:00'), 4, AMS);
    expect(locals(runs, AMS)).toEqual([
      '2026-01-31 09:00 +01:00',
      '2026-03-31 09:00 +02:00',
      '2026-05-31 09:00 +02:00',
      '2026-07-31 09:00 +02:00',
    ]);
  });

  it('runs monthly on several days, including 29 only in a leap February', () => {
    const runs = nextRuns(
      { type: 'monthly', days: [29, 1], time: '00:00', timezone: 'UTC' },
      utc('2028-01-15T00:00'),
      4,
      AMS,
    );
    expect(isoList(runs)).toEqual([
      '2028-01-29T00:00:00.000Z',
      '2028-02-01T00:00:00.000Z',
      '2028-02-29T00:00:00.000Z',
      '2028-03-01T00:00:00.000Z',
    ]);
  });

  it('runs on a list of dates, in order, and stops after the last', () => {
    const schedule: Schedule = {
      type: 'dates',
      dates: ['2026-12-24', '2026-04-01', '2025-01-01'],
      time: '07:30',
    };
    const runs = nextRuns(schedule, utc('2026-01-01T00:00'), 5, AMS);
    expect(locals(runs, AMS)).toEqual(['2026-04-01 07:30 +02:00', '2026-12-24 07:30 +01:00']);
  });

  it('runs once at a local date-time or an absolute one', () => {
    const localOnce = nextRuns({ type: 'once', at: '2026-06-01T12:00' }, utc('2026-01-01T00:00'), 3, TOKYO);
    expect(localOnce).toEqual([utc('2026-06-01T03:00')]);
    const absolute = nextRuns(
      { type: 'once', at: '2026-06-01T12:00:00-04:00' },
      utc('2026-01-01T00:00'),
      3,
      TOKYO,
    );
    expect(absolute).toEqual([utc('2026-06-01T16:00')]);
    expect(nextRuns({ type: 'once', at: '2026-06-01T12:00' }, utc('2026-06-01T03:00'), 1, TOKYO)).toEqual([]);
  });

  it('runs a once-time that falls in a gap at the end of the gap', () => {
    const runs = nextRuns({ type: 'once', at: '2026-03-29T02:30' }, utc('2026-01-01T00:00'), 1, AMS);
    expect(local(runs[0], AMS)).toBe('2026-03-29 03:00 +02:00');
  });

  it('supports 5-field cron with day-of-week and 6-field cron with seconds', () => {
    // 2026-01-09 is a Friday.
    const weekdays = nextRuns({ type: 'cron', expression: '0 9 * * 1-5' }, utc('2026-01-09T09:00'), 2, AMS);
    expect(locals(weekdays, AMS)).toEqual(['2026-01-12 09:00 +01:00', '2026-01-13 09:00 +01:00']);
    const seconds = nextRuns(
      { type: 'cron', expression: '*/20 * * * * *', timezone: 'UTC' },
      utc('2026-01-01T00:00'),
      3,
      AMS,
    );
    expect(seconds).toEqual([20_000, 40_000, 60_000].map((ms) => utc('2026-01-01T00:00') + ms));
  });
});

describe('intervals', () => {
  it('are elapsed time: every 90 minutes stays 90 minutes apart through both changes', () => {
    for (const after of [utc('2026-03-28T22:00'), utc('2026-10-24T22:00')]) {
      const runs = nextRuns({ type: 'interval', minutes: 90 }, after, 6, AMS);
      const gaps = runs.slice(1).map((run, i) => run - runs[i]);
      expect(gaps).toEqual(Array(5).fill(90 * MINUTE));
    }
  });

  it('align to the epoch without an anchor, so 15 minutes means :00, :15, :30, :45', () => {
    const runs = nextRuns({ type: 'interval', minutes: 15 }, utc('2026-01-01T10:07'), 3, AMS);
    expect(runs).toEqual([utc('2026-01-01T10:15'), utc('2026-01-01T10:30'), utc('2026-01-01T10:45')]);
  });

  it('anchor at the window start, or at an explicit anchor', () => {
    const fromStart = nextRuns(
      { type: 'interval', minutes: 60, start: '2026-01-01T10:07' },
      utc('2026-01-01T00:00'),
      2,
      AMS,
    );
    expect(locals(fromStart, AMS)).toEqual(['2026-01-01 10:07 +01:00', '2026-01-01 11:07 +01:00']);
    const anchored = nextRuns(
      { type: 'interval', minutes: 60, anchor: '2026-01-01T00:20:00Z' },
      utc('2026-05-05T05:30'),
      2,
      AMS,
    );
    expect(anchored).toEqual([utc('2026-05-05T06:20'), utc('2026-05-05T07:20')]);
  });
});

describe('start/end window', () => {
  const schedule: Schedule = {
    type: 'daily',
    time: '09:00',
    start: '2026-02-02T09:00',
    end: '2026-02-04T09:00',
  };

  it('runs only inside the window, both ends included', () => {
    const runs = nextRuns(schedule, utc('2026-01-01T00:00'), 10, AMS);
    expect(locals(runs, AMS)).toEqual([
      '2026-02-02 09:00 +01:00',
      '2026-02-03 09:00 +01:00',
      '2026-02-04 09:00 +01:00',
    ]);
  });

  it("reads the window in the schedule's zone, or as absolute instants when they carry an offset", () => {
    const tokyo = nextRuns({ ...schedule, timezone: TOKYO }, utc('2026-01-01T00:00'), 10, AMS);
    expect(locals(tokyo, TOKYO)).toEqual([
      '2026-02-02 09:00 +09:00',
      '2026-02-03 09:00 +09:00',
      '2026-02-04 09:00 +09:00',
    ]);
    const absolute = nextRuns(
      { type: 'daily', time: '09:00', end: '2026-02-03T08:00:00Z' },
      utc('2026-02-01T12:00'),
      10,
      AMS,
    );
    expect(locals(absolute, AMS)).toEqual(['2026-02-02 09:00 +01:00', '2026-02-03 09:00 +01:00']);
  });

  it('ends intervals and cron at the window end too', () => {
    const window = { start: '2026-03-01T00:00', end: '2026-03-01T01:00', timezone: 'UTC' };
    expect(nextRuns({ type: 'interval', minutes: 20, ...window }, 0, 10, AMS)).toHaveLength(4);
    expect(nextRuns({ type: 'cron', expression: '*/30 * * * *', ...window }, 0, 10, AMS)).toHaveLength(3);
  });
});

describe('compileSchedule', () => {
  it('names the field of a bad zone', () => {
    expect(() => compileSchedule({ type: 'daily', time: '09:00', timezone: 'Mars/Base' }, AMS)).toThrow(
      'timezone: unknown time zone "Mars/Base"',
    );
    expect(() => compileSchedule({ type: 'daily', time: '09:00' }, 'Nowhere/City')).toThrow(
      'defaultZone: unknown time zone',
    );
  });

  it('rejects a stored schedule that no longer validates, naming the field', () => {
    const stale: Schedule = { type: 'weekly', days: [7], time: '09:00' };
    expect(() => nextRuns(stale, 0, 1, AMS)).toThrow('Invalid schedule: days[0]: must be 0-6 (0 = Sunday)');
  });

  it('can be reused for many look-ups', () => {
    const compiled = compileSchedule({ type: 'daily', time: '06:00' }, TOKYO);
    const first = [...take(compiled.runsAfter(utc('2026-01-01T00:00')), 2)];
    const again = [...take(compiled.runsAfter(utc('2026-01-01T00:00')), 2)];
    expect(again).toEqual(first);
    expect(compiled.zone).toBe(TOKYO);
  });
});

function* take(runs: Iterable<number>, count: number): Generator<number> {
  let n = 0;
  for (const run of runs) {
    if (n++ >= count) return;
    yield run;
  }
}
