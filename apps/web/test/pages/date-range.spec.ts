import { dateRange } from '../../src/pages/executions/date-range';

// The history's From/To days become the API's instants at the user's local midnights; "to" is
// exclusive on the API, so it is the midnight after the chosen day. jest.config.js runs every
// test in Europe/Amsterdam.

describe('dateRange', () => {
  it('runs in the zone jest.config.js sets', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('Europe/Amsterdam');
  });

  it('turns local days into instants, "to" running to the end of its day', () => {
    expect(dateRange('2026-11-20', '2026-11-23')).toEqual({
      from: '2026-11-19T23:00:00.000Z',
      to: '2026-11-23T23:00:00.000Z',
    });
  });

  it('follows the clock change: the day summer time ends is 25 hours long', () => {
    expect(dateRange('2026-10-25', '2026-10-25')).toEqual({
      from: '2026-10-24T22:00:00.000Z',
      to: '2026-10-25T23:00:00.000Z',
    });
  });

  it('leaves out an empty or malformed day', () => {
    expect(dateRange('', '')).toEqual({ from: undefined, to: undefined });
    expect(dateRange('23-11-2026', '2026-11-31x')).toEqual({ from: undefined, to: undefined });
  });
});
