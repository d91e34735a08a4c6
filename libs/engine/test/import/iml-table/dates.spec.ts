import { evaluateIml } from './table';

// help.make.com "Date and time functions": each documented example. Make works in the
// organisation's time zone when none is given; the zone of each row says which one that was
// in Make's example (its formatDate, setMonth and setDay examples were made in Europe/Prague).
type DateRow = [iml: string, zone: string | undefined, expected: string];

describe('IML date functions evaluate as Make documents', () => {
  test.each<DateRow>([
    ['formatDate(1.dateCreated; MM/DD/YYYY)', 'Europe/Prague', '10/01/2018'],
    ['formatDate(1.dateCreated; YYYY-MM-DD hh:mm A)', 'Europe/Prague', '2018-10-01 09:32 AM'],
    ['formatDate(1.dateCreated; DD.MM.YYYY HH:mm; UTC)', 'Europe/Prague', '01.10.2018 07:32'],
    ['formatDate(1.dateCreated; DD.MM.YYYY HH:mm)', undefined, '01.10.2018 07:32'],
    ['formatDate(1.dateCreated; """YYYY""")', undefined, '"2018"'],
    ['parseDate("2016-12-28"; YYYY-MM-DD)', undefined, '2016-12-28T00:00:00.000Z'],
    ['parseDate(2016-12-28 16:03; YYYY-MM-DD HH:mm)', undefined, '2016-12-28T16:03:00.000Z'],
    ['parseDate(2016-12-28 04:03 PM; YYYY-MM-DD hh:mm A)', undefined, '2016-12-28T16:03:00.000Z'],
    ['parseDate(1482940986; X)', undefined, '2016-12-28T16:03:06.000Z'],
    // text without an offset is local time in the zone, never the machine's (Europe/Amsterdam here)
    ['parseDate("2016-12-28 16:03")', undefined, '2016-12-28T16:03:00.000Z'],
    ['parseDate("2016-12-28T16:03")', 'Europe/Prague', '2016-12-28T15:03:00.000Z'],
    ['formatDate("2016-12-28 16:03"; HH:mm)', undefined, '16:03'],
    ['formatDate("2016-12-28T16:03:00+05:00"; HH:mm)', undefined, '11:03'],
    ['addHours("2016-12-28"; 1)', undefined, '2016-12-28T01:00:00.000Z'],
    ['formatDate(1482940986000; YYYY-MM-DD)', undefined, '2016-12-28'],
    ['parseDate(2016-12-28 16:03; YYYY-MM-DD HH:mm)', 'Europe/Prague', '2016-12-28T15:03:00.000Z'],
    ['addDays(2016-12-08T15:55:57.536Z; 2)', undefined, '2016-12-10T15:55:57.536Z'],
    ['addDays(2016-12-08T15:55:57.536Z; -2)', undefined, '2016-12-06T15:55:57.536Z'],
    ['addHours(2016-12-08T15:55:57.536Z; 2)', undefined, '2016-12-08T17:55:57.536Z'],
    ['addHours(2016-12-08T15:55:57.536Z; -2)', undefined, '2016-12-08T13:55:57.536Z'],
    ['addMinutes(2016-12-08T15:55:57.536Z; 2)', undefined, '2016-12-08T15:57:57.536Z'],
    ['addMinutes(2016-12-08T15:55:57.536Z; -2)', undefined, '2016-12-08T15:53:57.536Z'],
    ['addSeconds(2016-12-08T15:55:57.536Z; 2)', undefined, '2016-12-08T15:55:59.536Z'],
    ['addSeconds(2016-12-08T15:55:57.536Z; -2)', undefined, '2016-12-08T15:55:55.536Z'],
    ['addMonths(2016-12-08T15:55:57.536Z; 2)', undefined, '2017-02-08T15:55:57.536Z'],
    ['addMonths(2016-12-08T15:55:57.536Z; -2)', undefined, '2016-10-08T15:55:57.536Z'],
    ['addYears(2016-12-08T15:55:57.536Z; 2)', undefined, '2018-12-08T15:55:57.536Z'],
    ['addYears(2016-12-08T15:55:57.536Z; -2)', undefined, '2014-12-08T15:55:57.536Z'],
    // A day later in Prague is the same local time across the change to summer time.
    ['addDays(2024-03-30T12:00:00.000Z; 1)', 'Europe/Prague', '2024-03-31T11:00:00.000Z'],
    ['setSecond(2015-10-07T11:36:39.138Z; 10)', undefined, '2015-10-07T11:36:10.138Z'],
    ['setSecond(2015-10-07T11:36:39.138Z; 61)', undefined, '2015-10-07T11:37:01.138Z'],
    ['setMinute(2015-10-07T11:36:39.138Z; 10)', undefined, '2015-10-07T11:10:39.138Z'],
    ['setMinute(2015-10-07T11:36:39.138Z; 61)', undefined, '2015-10-07T12:01:39.138Z'],
    ['setHour(2015-08-07T11:36:39.138Z; 6)', undefined, '2015-08-07T06:36:39.138Z'],
    ['setHour(2015-08-07T11:36:39.138Z; -6)', undefined, '2015-08-06T18:36:39.138Z'],
    ['setDay(2018-06-27T11:36:39.138Z; Monday)', 'Europe/Prague', '2018-06-25T11:36:39.138Z'],
    ['setDay(2018-06-27T11:36:39.138Z; 1)', 'Europe/Prague', '2018-06-24T11:36:39.138Z'],
    ['setDay(2018-06-27T11:36:39.138Z; 7)', 'Europe/Prague', '2018-06-30T11:36:39.138Z'],
    ['setDate(2015-08-07T11:36:39.138Z; 5)', 'Europe/Prague', '2015-08-05T11:36:39.138Z'],
    ['setDate(2015-08-07T11:36:39.138Z; 32)', 'Europe/Prague', '2015-09-01T11:36:39.138Z'],
    ['setMonth(2015-08-07T11:36:39.138Z; 5)', 'Europe/Prague', '2015-05-07T11:36:39.138Z'],
    ['setMonth(2015-08-07T11:36:39.138Z; 17)', 'Europe/Prague', '2016-05-07T11:36:39.138Z'],
    ['setMonth(2015-08-07T11:36:39.138Z; January)', 'Europe/Prague', '2015-01-07T12:36:39.138Z'],
    ['setYear(2015-08-07T11:36:39.138Z; 2017)', undefined, '2017-08-07T11:36:39.138Z'],
  ])('%s in %s = %s', async (iml, timezone, expected) => {
    expect(await evaluateIml(iml, { timezone })).toBe(expected);
  });

  test("now and timestamp are the run's clock", async () => {
    const now = () => Date.parse('2030-06-01T12:00:00.500Z');
    expect(await evaluateIml('now', { now })).toBe('2030-06-01T12:00:00.500Z');
    expect(await evaluateIml('timestamp', { now })).toBe(1906545600);
    expect(
      await evaluateIml('formatDate(addDays(now; 1); "YYYY-MM-DD HH:mm"; "Europe/Amsterdam")', { now }),
    ).toBe('2030-06-02 14:00');
  });

  test("without a run's clock, now is the machine's time", async () => {
    const before = Date.now();
    const now = Date.parse((await evaluateIml('now')) as string);
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
