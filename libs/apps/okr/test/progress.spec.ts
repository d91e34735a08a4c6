import {
  controlProgress,
  countedCheckIns,
  decreaseProgress,
  distanceProgress,
  increaseProgress,
  keyResultProgress,
  meetsTarget,
  plannedCheckIns,
  successRateProgress,
  type CheckInPoint,
  type ControlLimits,
  type KeyResultDefinition,
  type ProgressMethod,
} from '../src';

// The worked examples of reference/okr-semantics.md, then every Control type × method.

const Q1 = { periodStart: '2026-01-01', periodEnd: '2026-03-31' };
const FRIDAYS = { type: 'weekly', weekday: 5 } as const;

/** One check-in on each of the first n Fridays of Q1 2026, with the given values. */
function fridays(values: number[]): CheckInPoint[] {
  const dates = plannedCheckIns(FRIDAYS, Q1.periodStart, Q1.periodEnd);
  return values.map((value, i) => ({ value, date: dates[i], takenAt: Date.parse(`${dates[i]}T09:00:00Z`) }));
}

function control(
  limits: ControlLimits,
  method: ProgressMethod,
): Extract<KeyResultDefinition, { type: 'control' }> {
  return { type: 'control', limits, method, frequency: FRIDAYS, ...Q1 };
}

describe('Increase and Decrease KPI', () => {
  test('Increase: (c − s) / (t − s), unclamped', () => {
    expect(increaseProgress(100, 200, 150)).toBe(50);
    expect(increaseProgress(100, 200, 200)).toBe(100);
    expect(increaseProgress(100, 200, 250)).toBe(150);
    expect(increaseProgress(100, 200, 50)).toBe(-50);
    expect(increaseProgress(0, 3, 2)).toBe(66.67);
  });

  test('Decrease: (s − c) / (s − t), unclamped', () => {
    expect(decreaseProgress(50, 10, 30)).toBe(50);
    expect(decreaseProgress(50, 10, 10)).toBe(100);
    expect(decreaseProgress(50, 10, 0)).toBe(125);
    expect(decreaseProgress(50, 10, 60)).toBe(-25);
  });

  test('a target equal to the start has no progress', () => {
    expect(() => increaseProgress(5, 5, 6)).toThrow('targetValue: must differ from startValue');
  });

  test('before any check-in the start value counts (0%); afterwards the latest check-in', () => {
    const def = { type: 'increase', startValue: 1000, targetValue: 2000 } as const;
    expect(keyResultProgress(def, [])).toBe(0);
    const checkIns = [
      { value: 1800, date: '2026-01-09', takenAt: 2 },
      { value: 1250, date: '2026-01-02', takenAt: 1 },
    ];
    expect(keyResultProgress(def, checkIns)).toBe(80);
    expect(
      keyResultProgress({ type: 'decrease', startValue: 40, targetValue: 20 }, [
        { value: 35, date: '2026-01-02', takenAt: 1 },
      ]),
    ).toBe(25);
  });
});

describe('planned check-ins', () => {
  test('every Friday in a quarter = 13', () => {
    const dates = plannedCheckIns(FRIDAYS, '2026-01-01', '2026-03-31');
    expect(dates).toHaveLength(13);
    expect(dates[0]).toBe('2026-01-02');
    expect(dates.at(-1)).toBe('2026-03-27');
  });

  test('daily, biweekly and monthly (short months plan their last day)', () => {
    expect(plannedCheckIns({ type: 'daily' }, '2026-01-01', '2026-03-31')).toHaveLength(90);
    expect(plannedCheckIns({ type: 'biweekly', weekday: 1 }, '2026-01-01', '2026-03-31')).toEqual([
      '2026-01-05',
      '2026-01-19',
      '2026-02-02',
      '2026-02-16',
      '2026-03-02',
      '2026-03-16',
      '2026-03-30',
    ]);
    expect(plannedCheckIns({ type: 'monthly', day: 31 }, '2026-01-01', '2026-04-30')).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
    expect(plannedCheckIns({ type: 'monthly', day: 15 }, '2025-12-20', '2026-02-10')).toEqual(['2026-01-15']);
    expect(plannedCheckIns({ type: 'weekly', weekday: 5 }, '2026-01-03', '2026-01-08')).toEqual([]);
  });
});

describe('Control KPI', () => {
  test('meets the target: at least c ≥ t, at most c ≤ t, in between l ≤ c ≤ u', () => {
    expect([9, 10, 11].map((c) => meetsTarget({ type: 'atLeast', target: 10 }, c))).toEqual([
      false,
      true,
      true,
    ]);
    expect([9, 10, 11].map((c) => meetsTarget({ type: 'atMost', target: 10 }, c))).toEqual([
      true,
      true,
      false,
    ]);
    expect([4, 5, 8, 10, 11].map((c) => meetsTarget({ type: 'between', lower: 5, upper: 10 }, c))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
  });

  test('successful check-ins / planned: 9 successful of 13 planned → 69%', () => {
    expect(successRateProgress(9, 13)).toBe(69.23);
    expect(Math.round(successRateProgress(9, 13))).toBe(69);
    const values = [12, 15, 10, 8, 11, 20, 10, 10, 3, 10, 10, 9, 4];
    expect(controlProgress(control({ type: 'atLeast', target: 10 }, 'successRate'), fridays(values))).toBe(
      69.23,
    );
  });

  test('distance from target, at most: the published table (t = 1)', () => {
    const atMost = { type: 'atMost', target: 1 } as const;
    expect([0.8, 1, 1.5, 1.75].map((c) => distanceProgress(atMost, c))).toEqual([120, 100, 50, 25]);
  });

  test('distance from target, at least: c / t; only the latest check-in counts', () => {
    const atLeast = { type: 'atLeast', target: 200 } as const;
    expect([100, 200, 300].map((c) => distanceProgress(atLeast, c))).toEqual([50, 100, 150]);
    expect(controlProgress(control(atLeast, 'distance'), fridays([400, 150]))).toBe(75);
  });

  test('a Control KPI has no progress before its first check-in', () => {
    for (const method of ['successRate', 'distance', 'average', 'sum'] as const) {
      expect(controlProgress(control({ type: 'atLeast', target: 10 }, method), [])).toBeNull();
    }
  });

  // Four check-ins on the first four Fridays; 13 planned in the quarter.
  const VALUES = [8, 12, 10, 14];
  const matrix: Array<[string, ControlLimits, Record<ProgressMethod, number>]> = [
    // at least 10: 3 of 4 meet it; latest 14 → 140%; average 11 → 110%; sum 44 of 130 → 33.85%.
    [
      'at least 10',
      { type: 'atLeast', target: 10 },
      { successRate: 23.08, distance: 140, average: 110, sum: 33.85 },
    ],
    // at most 10: 8 and 10 meet it; latest 14 → 2 − 1.4 = 60%; average 11 → 90%; sum 44/130 → 166.15%.
    [
      'at most 10',
      { type: 'atMost', target: 10 },
      { successRate: 15.38, distance: 60, average: 90, sum: 166.15 },
    ],
    // in between 9…13: 12 and 10 meet it; latest 14 is above → 2 − 14/13; average 11 inside → 100%;
    // sum 44 against 13 × 9 = 117 is below → 44/117.
    [
      'in between 9 and 13',
      { type: 'between', lower: 9, upper: 13 },
      { successRate: 15.38, distance: 92.31, average: 100, sum: 37.61 },
    ],
  ];
  test.each(matrix)('%s × the four methods', (_name, limits, expected) => {
    for (const method of ['successRate', 'distance', 'average', 'sum'] as const) {
      expect([method, controlProgress(control(limits, method), fridays(VALUES))]).toEqual([
        method,
        expected[method],
      ]);
    }
  });

  test('in between, distance below the lower limit uses c / l', () => {
    expect(distanceProgress({ type: 'between', lower: 8, upper: 12 }, 6)).toBe(75);
    expect(distanceProgress({ type: 'between', lower: 8, upper: 12 }, 12)).toBe(100);
  });

  test('one check-in per planned date counts: the latest of each; outside the period none', () => {
    const planned = plannedCheckIns(FRIDAYS, Q1.periodStart, Q1.periodEnd);
    const daily: CheckInPoint[] = [
      { value: 1, date: '2026-01-05', takenAt: 5 }, // belongs to Friday 9 January
      { value: 2, date: '2026-01-07', takenAt: 7 },
      { value: 3, date: '2026-01-09', takenAt: 9 }, // the latest for 9 January
      { value: 4, date: '2026-03-30', takenAt: 90 }, // after the last Friday: counts for 27 March
      { value: 5, date: '2026-04-01', takenAt: 91 }, // after the period
      { value: 6, date: '2025-12-31', takenAt: 0 }, // before it
    ];
    expect(countedCheckIns(planned, Q1.periodStart, Q1.periodEnd, daily)).toEqual([3, 4]);
    const atLeast = control({ type: 'atLeast', target: 3 }, 'successRate');
    expect(controlProgress(atLeast, daily)).toBe(15.38); // 2 of 13
  });
});
