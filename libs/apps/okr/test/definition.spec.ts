import { checkKeyResult, frequencyIssues, localDate } from '../src';

const PERIOD = { periodStart: '2026-01-01', periodEnd: '2026-03-31' };

const pathsOf = (input: Parameters<typeof checkKeyResult>[0]) =>
  checkKeyResult(input).issues.map((i) => i.path);

describe('checking a key result', () => {
  test('an Increase KPI with a start and a higher target; the frequency defaults to Fridays', () => {
    const { result, issues } = checkKeyResult({
      type: 'increase',
      startValue: 10,
      targetValue: 20,
      ...PERIOD,
    });
    expect(issues).toEqual([]);
    expect(result).toMatchObject({
      type: 'increase',
      controlType: null,
      progressMethod: null,
      checkInFrequency: { type: 'weekly', weekday: 5 },
    });
    expect(result?.definition).toEqual({ type: 'increase', startValue: 10, targetValue: 20 });
  });

  test('Increase and Decrease need a target on the right side of the start', () => {
    expect(checkKeyResult({ type: 'increase', startValue: 10, targetValue: 10, ...PERIOD }).issues).toEqual([
      { path: 'targetValue', message: 'must differ from startValue (progress is measured between them)' },
    ]);
    expect(pathsOf({ type: 'increase', startValue: 10, targetValue: 5, ...PERIOD })).toEqual(['targetValue']);
    expect(pathsOf({ type: 'decrease', startValue: 10, targetValue: 15, ...PERIOD })).toEqual([
      'targetValue',
    ]);
    expect(pathsOf({ type: 'decrease', ...PERIOD })).toEqual(['startValue', 'targetValue']);
    expect(
      pathsOf({ type: 'increase', startValue: 1, targetValue: 2, controlType: 'atMost', ...PERIOD }),
    ).toEqual(['controlType']);
  });

  test('a Control "in between" needs both limits, lower not above upper', () => {
    const issues = checkKeyResult({
      type: 'control',
      controlType: 'between',
      progressMethod: 'distance',
      lowerLimit: 5,
      ...PERIOD,
    }).issues;
    expect(issues).toEqual([{ path: 'upperLimit', message: 'is required for an in-between Control KPI' }]);
    expect(
      pathsOf({ type: 'control', controlType: 'between', lowerLimit: 9, upperLimit: 5, ...PERIOD }),
    ).toEqual(['upperLimit']);
    expect(
      pathsOf({
        type: 'control',
        controlType: 'between',
        lowerLimit: 5,
        upperLimit: 9,
        targetValue: 7,
        ...PERIOD,
      }),
    ).toEqual(['targetValue']);
    const ok = checkKeyResult({
      type: 'control',
      controlType: 'between',
      lowerLimit: 5,
      upperLimit: 9,
      ...PERIOD,
    });
    expect(ok.result).toMatchObject({
      progressMethod: 'successRate',
      lowerLimit: 5,
      upperLimit: 9,
      targetValue: null,
    });
  });

  test('at least / at most need a target; ratio methods need it above 0', () => {
    expect(pathsOf({ type: 'control', controlType: 'atLeast', ...PERIOD })).toEqual(['targetValue']);
    expect(
      pathsOf({ type: 'control', controlType: 'atMost', targetValue: 1, upperLimit: 3, ...PERIOD }),
    ).toEqual(['upperLimit']);
    expect(
      checkKeyResult({
        type: 'control',
        controlType: 'atMost',
        progressMethod: 'average',
        targetValue: 0,
        ...PERIOD,
      }).issues,
    ).toEqual([
      {
        path: 'targetValue',
        message: 'must be greater than 0 for the average progress method (progress is a ratio to it)',
      },
    ]);
    expect(
      pathsOf({
        type: 'control',
        controlType: 'atMost',
        progressMethod: 'successRate',
        targetValue: 0,
        ...PERIOD,
      }),
    ).toEqual([]);
    expect(
      pathsOf({
        type: 'control',
        controlType: 'atMost',
        progressMethod: 'median',
        targetValue: 1,
        ...PERIOD,
      }),
    ).toEqual(['progressMethod']);
  });

  test('the period and the frequency', () => {
    expect(
      pathsOf({
        type: 'increase',
        startValue: 0,
        targetValue: 1,
        periodStart: '2026-02-30',
        periodEnd: '2026-03-01',
      }),
    ).toEqual(['periodStart']);
    expect(
      pathsOf({
        type: 'increase',
        startValue: 0,
        targetValue: 1,
        periodStart: '2026-03-01',
        periodEnd: '2026-02-01',
      }),
    ).toEqual(['periodEnd']);
    expect(
      pathsOf({
        type: 'increase',
        startValue: 0,
        targetValue: 1,
        checkInFrequency: { type: 'weekly', weekday: 7 },
        ...PERIOD,
      }),
    ).toEqual(['checkInFrequency.weekday']);
    const short = {
      type: 'control',
      controlType: 'atLeast',
      targetValue: 1,
      checkInFrequency: { type: 'weekly', weekday: 5 },
    };
    expect(checkKeyResult({ ...short, periodStart: '2026-01-03', periodEnd: '2026-01-08' }).issues).toEqual([
      { path: 'checkInFrequency', message: 'plans no check-in between 2026-01-03 and 2026-01-08' },
    ]);
    expect(
      pathsOf({ ...short, progressMethod: 'distance', periodStart: '2026-01-03', periodEnd: '2026-01-08' }),
    ).toEqual([]);
    expect(frequencyIssues({ type: 'monthly', day: 0 })).toEqual([
      { path: 'day', message: 'must be a whole number from 1 to 31' },
    ]);
    expect(frequencyIssues({ type: 'daily', weekday: 1 })).toEqual([
      { path: 'weekday', message: 'is not allowed for a daily frequency' },
    ]);
    expect(frequencyIssues({ type: 'hourly' })).toEqual([
      { path: 'type', message: 'must be one of daily, weekly, biweekly, monthly' },
    ]);
  });

  test('a type is required', () => {
    expect(checkKeyResult({ ...PERIOD }).issues).toEqual([
      { path: 'type', message: 'is required (one of increase, decrease, control)' },
    ]);
  });
});

test('local dates follow the time zone', () => {
  const instant = Date.UTC(2026, 2, 2, 23, 30);
  expect(localDate(instant, 'UTC')).toBe('2026-03-02');
  expect(localDate(instant, 'Europe/Amsterdam')).toBe('2026-03-03');
  expect(localDate(instant, 'America/New_York')).toBe('2026-03-02');
});
