import { describeSchedule, formatScheduleIssues, parseSchedule, validateSchedule } from '../../src/schedule';

function messages(input: unknown): string[] {
  return validateSchedule(input).issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('validateSchedule', () => {
  it('accepts each type and returns a normalised copy', () => {
    const valid: unknown[] = [
      { type: 'onDemand' },
      { type: 'immediately' },
      { type: 'interval', minutes: 15, anchor: '2026-01-01T00:00' },
      { type: 'once', at: '2026-03-29T02:30' },
      { type: 'once', at: '2026-03-29T02:30:00+02:00' },
      { type: 'daily', time: '09:00', timezone: 'Asia/Tokyo', start: '2026-01-01', end: '2026-12-31T23:59' },
      { type: 'weekly', days: [1, 3, 5], time: '18:00' },
      { type: 'monthly', days: [1, 31], time: '00:00' },
      { type: 'dates', dates: ['2026-04-01'], time: '07:30' },
      { type: 'cron', expression: '0 9 * * 1-5' },
      { type: 'cron', expression: '*/10 * * * * *' },
    ];
    for (const input of valid) expect(validateSchedule(input)).toEqual({ schedule: input, issues: [] });
    expect(
      validateSchedule({ type: 'weekly', days: [5, 1, 5], time: '18:00', timezone: 'europe/amsterdam' })
        .schedule,
    ).toEqual({
      type: 'weekly',
      days: [1, 5],
      time: '18:00',
      timezone: 'Europe/Amsterdam',
    });
    expect(parseSchedule({ type: 'cron', expression: ' 0  9 * * * ' })).toEqual({
      type: 'cron',
      expression: '0 9 * * *',
    });
  });

  it('names the field in every message', () => {
    expect(messages({ type: 'interval', minutes: 0 })).toEqual(['minutes: must be at least 1']);
    expect(messages({ type: 'interval', minutes: 1.5 })).toEqual(['minutes: must be a whole number']);
    expect(messages({ type: 'interval' })).toEqual(['minutes: is required']);
    expect(messages({ type: 'daily', time: '09:00', timezone: 'Mars/Base' })).toEqual([
      'timezone: unknown time zone "Mars/Base"',
    ]);
    expect(messages({ type: 'daily', time: '9:00' })).toEqual(['time: must be HH:MM (00:00 to 23:59)']);
    expect(messages({ type: 'daily', time: '24:00' })).toEqual(['time: must be HH:MM (00:00 to 23:59)']);
    expect(messages({ type: 'weekly', days: [1, 3, 7], time: '09:00' })).toEqual([
      'days[2]: must be 0-6 (0 = Sunday)',
    ]);
    expect(messages({ type: 'weekly', days: [], time: '09:00' })).toEqual([
      'days: must be a non-empty list of days 0-6',
    ]);
    expect(messages({ type: 'monthly', days: [0, 32], time: '09:00' })).toEqual([
      'days[0]: must be 1-31',
      'days[1]: must be 1-31',
    ]);
    expect(messages({ type: 'dates', dates: ['2026-02-30', '2026-3-1'], time: '09:00' })).toEqual([
      'dates[0]: must be a date YYYY-MM-DD',
      'dates[1]: must be a date YYYY-MM-DD',
    ]);
    expect(messages({ type: 'once' })).toEqual(['at: is required']);
    expect(messages({ type: 'once', at: 'tomorrow' })[0]).toMatch(
      /^at: must be a date-time like "2026-03-29T02:30"/,
    );
  });

  it('checks cron expressions', () => {
    expect(messages({ type: 'cron', expression: '0 9 * *' })).toEqual([
      'expression: must have 5 or 6 fields, got 4',
    ]);
    expect(messages({ type: 'cron', expression: '61 9 * * *' })[0]).toMatch(
      /^expression: invalid cron expression: .*61/,
    );
    expect(messages({ type: 'cron', expression: '0 0 31 2 *' })[0]).toMatch(
      /^expression: invalid cron expression/,
    );
    expect(messages({ type: 'cron', expression: 'H 9 * * *' })).toEqual([
      'expression: hashed values (H) are not supported',
    ]);
    expect(messages({ type: 'cron', expression: '0 9 * * thu' })).toEqual([]);
    expect(messages({ type: 'cron' })).toEqual([
      'expression: is required: a cron expression of 5 or 6 fields',
    ]);
  });

  it('reports unknown fields, bad types and windows', () => {
    expect(messages({ type: 'daily', time: '09:00', colour: 'red', minutes: 5 })).toEqual([
      'colour: unknown field for a daily schedule',
      'minutes: unknown field for a daily schedule',
    ]);
    expect(messages({ type: 'hourly' })).toEqual([
      'type: must be one of onDemand, immediately, interval, once, daily, weekly, monthly, dates, cron',
    ]);
    expect(messages('daily')).toEqual([': must be an object']);
    expect(messages({ type: 'daily', time: '09:00', start: '2026-05-01', end: '2026-04-01' })).toEqual([
      'end: must be after start',
    ]);
    expect(messages({ type: 'daily', time: '09:00', end: 'soon' })[0]).toMatch(/^end: must be a date-time/);
  });

  it('parseSchedule throws one error listing every issue', () => {
    expect(() => parseSchedule({ type: 'weekly', days: [9], time: 'noon' })).toThrow(
      'Invalid schedule: time: must be HH:MM (00:00 to 23:59); days[0]: must be 0-6 (0 = Sunday)',
    );
    expect(formatScheduleIssues([{ path: '', message: 'must be an object' }])).toBe(
      'schedule: must be an object',
    );
  });
});

describe('describeSchedule', () => {
  it('gives short human texts', () => {
    const zone = 'Europe/Amsterdam';
    expect(describeSchedule({ type: 'daily', time: '09:00' }, zone)).toBe(
      'Every day at 09:00 (Europe/Amsterdam)',
    );
    expect(describeSchedule({ type: 'daily', time: '09:00', timezone: 'Asia/Tokyo' }, zone)).toBe(
      'Every day at 09:00 (Asia/Tokyo)',
    );
    expect(describeSchedule({ type: 'onDemand' })).toBe('On demand');
    expect(describeSchedule({ type: 'immediately' })).toBe('Immediately as data arrives');
    expect(describeSchedule({ type: 'interval', minutes: 15 })).toBe('Every 15 minutes');
    expect(describeSchedule({ type: 'interval', minutes: 1 })).toBe('Every minute');
    expect(describeSchedule({ type: 'interval', minutes: 120 })).toBe('Every 2 hours');
    expect(describeSchedule({ type: 'weekly', days: [5, 1, 3], time: '18:00' }, zone)).toBe(
      'Every Monday, Wednesday and Friday at 18:00 (Europe/Amsterdam)',
    );
    expect(describeSchedule({ type: 'monthly', days: [1, 22, 31], time: '08:00' }, zone)).toBe(
      'Every month on the 1st, 22nd and 31st at 08:00 (Europe/Amsterdam)',
    );
    expect(
      describeSchedule({ type: 'dates', dates: ['2026-04-01', '2026-01-02'], time: '07:30' }, zone),
    ).toBe('On 2026-01-02 and 2026-04-01 at 07:30 (Europe/Amsterdam)');
    expect(describeSchedule({ type: 'once', at: '2026-03-29T02:30' }, zone)).toBe(
      'Once at 2026-03-29 02:30 (Europe/Amsterdam)',
    );
    expect(
      describeSchedule(
        { type: 'cron', expression: '0 9 * * 1-5', start: '2026-01-01', end: '2026-06-30T18:00' },
        zone,
      ),
    ).toBe('Cron "0 9 * * 1-5" (Europe/Amsterdam), from 2026-01-01 until 2026-06-30 18:00');
    expect(describeSchedule({ type: 'daily', time: '09:00' })).toBe(
      "Every day at 09:00 (organisation's time zone)",
    );
  });
});
