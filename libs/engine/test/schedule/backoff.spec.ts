import {
  backoffDelayMinutes,
  BREAK_DEFAULT_INTERVAL_MINUTES,
  breakRetryDelayMinutes,
  MAX_BACKOFF_ATTEMPTS,
} from '../../src/schedule';

const attempts = Array.from({ length: MAX_BACKOFF_ATTEMPTS }, (_, i) => i + 1);

describe('backoffDelayMinutes', () => {
  it('follows the table with incomplete executions enabled', () => {
    expect(attempts.map((a) => backoffDelayMinutes(a, true))).toEqual([1, 10, 10, 30, 30, 30, 180, 180]);
  });

  it('adds up to the documented retry times from the original run (+1m … +7h51)', () => {
    let total = 0;
    const offsets = attempts.map((a) => (total += backoffDelayMinutes(a, true)!));
    expect(offsets).toEqual([1, 11, 21, 51, 81, 111, 291, 471]);
  });

  it('follows the table with incomplete executions disabled', () => {
    expect(attempts.map((a) => backoffDelayMinutes(a, false))).toEqual([1, 2, 5, 10, 60, 180, 720, 1440]);
  });

  it('gives null after the 8th attempt and rejects nonsense attempts', () => {
    expect(backoffDelayMinutes(9, true)).toBeNull();
    expect(backoffDelayMinutes(9, false)).toBeNull();
    expect(() => backoffDelayMinutes(0, true)).toThrow('attempt: must be a whole number of at least 1');
    expect(() => backoffDelayMinutes(1.5, true)).toThrow('attempt:');
  });
});

describe('breakRetryDelayMinutes', () => {
  it('defaults to 15 minutes and reads blueprint text', () => {
    expect(breakRetryDelayMinutes()).toBe(BREAK_DEFAULT_INTERVAL_MINUTES);
    expect(breakRetryDelayMinutes('')).toBe(15);
    expect(breakRetryDelayMinutes('5')).toBe(5);
    expect(breakRetryDelayMinutes(30)).toBe(30);
  });

  it('holds the interval to 1 … 44,640 minutes', () => {
    expect(breakRetryDelayMinutes(0)).toBe(1);
    expect(breakRetryDelayMinutes(100_000)).toBe(44_640);
    expect(() => breakRetryDelayMinutes('soon')).toThrow('interval: must be a number of minutes, got "soon"');
  });
});
