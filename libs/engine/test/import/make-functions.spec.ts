import { compileExpression, CUSTOM_FUNCTIONS } from '../../src';

// The Make-compatible helpers, called the way imported expressions call them: inside JSONata.

const data = {
  name: 'ada',
  items: [
    { sku: 'b', n: 2, tags: { kind: 'x' } },
    { sku: 'A', n: 10, tags: { kind: 'y' } },
    { sku: 'c', n: 1, tags: { kind: 'x' } },
  ],
  one: ['x'],
  nested: { a: { b: [{ c: 1 }, { c: 2 }] } },
  date: '2024-01-31T23:05:09.045Z',
};
const evaluate = async (source: string, outputs: Record<number, unknown> = { 1: data }) => {
  const arr: unknown[] = [];
  for (const [k, v] of Object.entries(outputs)) arr[Number(k)] = v;
  return compileExpression(source).evaluate({
    outputs: arr,
    execution: { id: 'e1', cycle: 1, startedAt: 0 },
  });
};

describe('Make-compatible helpers', () => {
  test('are registered next to the existing ones, which stay', () => {
    const names = CUSTOM_FUNCTIONS.map((f) => f.name);
    expect(names.slice(0, 5)).toEqual(['ifempty', 'addDays', 'addHours', 'addMinutes', 'parseNumber']);
    expect(names).toEqual(
      expect.arrayContaining(['mlength', 'mround', 'formatDate', 'parseDate', 'get', 'mmap']),
    );
    expect(new Set(names).size).toBe(names.length);
    for (const f of CUSTOM_FUNCTIONS) expect(f.description).not.toBe('');
  });

  test.each([
    ['$mlength(1.name)', 3],
    ['$mlength(1.items)', 3],
    ['$mlength(1.one)', 1],
    ['$mlength(1.missing)', 0],
    ['$mlength(12345)', 5],
    ['$mlength(1.nested)', 1],
    ['$mround(2.5)', 3],
    ['$mround(1.005, 2)', 1.01],
    ['$mround(-1.4)', -1],
    ['$mround("7.6")', 8],
    ['$trunc(-7.9)', -7],
    ['$mtrim("  a  b ")', 'a  b'],
    ['$mreplace("a-b-c", "-", "+")', 'a+b+c'],
    ['$mreplace("a1b22", "/\\\\d+/", "#")', 'a#b22'],
    ['$mreplace("a1b22", "/(\\\\d+)/g", "<$1>")', 'a<1>b<22>'],
    ['$mreplace("ABC", "/b/gi", "x")', 'AxC'],
    ['$msubstring("abcdef", 1, 3)', 'bc'],
    ['$msubstring("abcdef", 2)', 'cdef'],
    ['$indexOf("banana", "n")', 2],
    ['$indexOf("banana", "n", 3)', 4],
    ['$indexOf("banana", "z")', -1],
    ['$mcontains("banana", "nan")', true],
    ['$mcontains(["a", 1], "1")', true],
    ['$mcontains(["a"], "b")', false],
    ['$mcontains(1.missing, "b")', false],
    ['$capitalize("ada lovelace")', 'Ada lovelace'],
    ['$mjoin([1, "b", true], "/")', '1/b/true'],
    ['$mjoin("solo", ",")', 'solo'],
    ['$mmap(1.items, "sku")', ['b', 'A', 'c']],
    ['$mmap(1.items, "sku", "tags.kind", "x")', ['b', 'c']],
    ['$mmap(1.items, "n", "sku", ["A", "c"])', [10, 1]],
    ['$get(1.items, 2)', { sku: 'A', n: 10, tags: { kind: 'y' } }],
    ['$get(1.nested, "a.b.2.c")', 2],
    ['$get(1.nested, "a.b[1].c")', 1],
    ['$get(1.nested, "a.nothing.c")', undefined],
    ['$msort(1.items, "desc", "n").n', [10, 2, 1]],
    ['$msort($mmap(1.items, "sku"))', ['A', 'b', 'c']],
    ['$msort($mmap(1.items, "sku"), "asc ci")', ['A', 'b', 'c']],
    ['$msort(["b", "A", "c"], "desc ci")', ['c', 'b', 'A']],
    ['$mdistinct([1, 2, 1, "1"])', [1, 2, '1']],
    ['$mdistinct(1.items, "tags.kind").sku', ['b', 'A']],
    ['$mformatNumber(1234567.891, 2)', '1.234.567,89'],
    ['$mformatNumber(-1234.5, 1, ".", ",")', '-1,234.5'],
    ['$mformatNumber(999)', '999'],
  ])('%s = %j', async (source, expected) => {
    expect(await evaluate(source)).toEqual(expected);
  });

  test('bad arguments fail with the function named', async () => {
    await expect(evaluate('$mround("abc")')).rejects.toThrow(
      'cannot evaluate {{$mround("abc")}}: round: the argument "abc" is not a number',
    );
    await expect(evaluate('$msort([1], "up", "n")')).rejects.toThrow(
      /sort: the order must be asc, desc, asc ci or desc ci \(got "up"\)/,
    );
    await expect(evaluate('$mreplace("a", "/(/", "b")')).rejects.toThrow(/Invalid regular expression/);
  });
});

test("$now and $millis read the run's clock; a picture formats as JSONata does", async () => {
  const scope = { outputs: [], now: () => Date.parse('2030-06-01T12:00:00Z') };
  expect(await compileExpression('$now()').evaluate(scope)).toBe('2030-06-01T12:00:00.000Z');
  expect(await compileExpression('$millis()').evaluate(scope)).toBe(Date.parse('2030-06-01T12:00:00Z'));
  expect(await compileExpression("$now('[Y0001]-[M01]')").evaluate(scope)).toBe('2030-06');
});

describe('dates with moment-style tokens', () => {
  test.each([
    ['YYYY-MM-DD HH:mm:ss.SSS', '2024-01-31 23:05:09.045'],
    ['YY M D H m s', '24 1 31 23 5 9'],
    ['MMMM MMM Do dddd ddd dd d E', 'January Jan 31st Wednesday Wed We 3 3'],
    ['hh:mm A h a kk', '11:05 PM 11 pm 23'],
    ['DDDD DDD Q W', '031 31 1 5'],
    ['X x', '1706742309 1706742309045'],
    ['S SS Z ZZ', '0 04 +00:00 +0000'],
    ['[Today is] dddd', 'Today is Wednesday'],
  ])('formatDate(date; "%s")', async (format, expected) => {
    expect(await evaluate(`$formatDate(1.date, ${JSON.stringify(format)})`)).toBe(expected);
  });

  test.each([
    ['2024-01-01T00:00:00Z', 'Do', '1st'],
    ['2024-01-02T00:00:00Z', 'Do', '2nd'],
    ['2024-01-03T00:00:00Z', 'Do', '3rd'],
    ['2024-01-11T00:00:00Z', 'Do', '11th'],
    ['2024-01-12T00:00:00Z', 'Do', '12th'],
    ['2024-01-22T00:00:00Z', 'Do', '22nd'],
    ['2024-01-07T00:30:00Z', 'd kk', '0 24'],
  ])('formatDate(%s; %s) = %s', async (date, format, expected) => {
    expect(await evaluate(`$formatDate("${date}", "${format}")`)).toBe(expected);
  });

  test('time zones, epoch milliseconds and empty input', async () => {
    expect(await evaluate('$formatDate(1.date, "YYYY-MM-DD HH:mm Z", "America/New_York")')).toBe(
      '2024-01-31 18:05 -05:00',
    );
    expect(await evaluate('$formatDate(1.date, "YYYY-MM-DD", "Asia/Tokyo")')).toBe('2024-02-01');
    expect(await evaluate('$formatDate(0, "YYYY-MM-DD")')).toBe('1970-01-01');
    expect(await evaluate('$formatDate(1.missing, "YYYY")')).toBeUndefined();
  });

  test('parseDate reads the format, in a time zone or at an offset written in the text', async () => {
    expect(await evaluate('$parseDate("31/01/2024 23:05", "DD/MM/YYYY HH:mm")')).toBe(
      '2024-01-31T23:05:00.000Z',
    );
    expect(await evaluate('$parseDate("31/01/2024 23:05", "DD/MM/YYYY HH:mm", "Europe/Amsterdam")')).toBe(
      '2024-01-31T22:05:00.000Z',
    );
    expect(await evaluate('$parseDate("2024-07-01 10:00 +02:00", "YYYY-MM-DD HH:mm Z")')).toBe(
      '2024-07-01T08:00:00.000Z',
    );
    expect(await evaluate('$parseDate("March 5 2024", "MMMM D YYYY")')).toBe('2024-03-05T00:00:00.000Z');
    expect(await evaluate('$parseDate("1706742309", "X")')).toBe('2024-01-31T23:05:09.000Z');
    expect(await evaluate('$parseDate(1706742309045, "x")')).toBe('2024-01-31T23:05:09.045Z');
    expect(await evaluate('$parseDate("2024-01-31T10:00:00+01:00")')).toBe('2024-01-31T09:00:00.000Z');
  });

  test('bad dates, formats and zones fail clearly', async () => {
    await expect(evaluate('$parseDate("31-01-2024", "DD/MM/YYYY")')).rejects.toThrow(
      'parseDate: "31-01-2024" does not match the format "DD/MM/YYYY"',
    );
    await expect(evaluate('$parseDate("5th", "Do")')).rejects.toThrow(
      'parseDate: the token Do can only be used to format, not to parse',
    );
    await expect(evaluate('$parseDate("at 1706742309", "[at] X")')).rejects.toThrow(
      'parseDate: the token X can only be used to format, not to parse',
    );
    await expect(evaluate('$parseDate("soon", "X")')).rejects.toThrow('parseDate: "soon" is not a timestamp');
    await expect(evaluate('$formatDate("soon", "YYYY")')).rejects.toThrow(
      'formatDate: cannot read "soon" as a date',
    );
    await expect(evaluate('$formatDate(1.date, "YYYY", "Mars/Base")')).rejects.toThrow(
      'formatDate: unknown time zone "Mars/Base"',
    );
    await expect(evaluate('$parseDate("2024", "YYYY", "Mars/Base")')).rejects.toThrow(
      'parseDate: unknown time zone "Mars/Base"',
    );
  });

  test('adding seconds, months and years follows the calendar', async () => {
    expect(await evaluate('$addSeconds(1.date, 70)')).toBe('2024-01-31T23:06:19.045Z');
    expect(await evaluate('$addMonths(1.date, 1)')).toBe('2024-02-29T23:05:09.045Z');
    expect(await evaluate('$addMonths(1.date, -2)')).toBe('2023-11-30T23:05:09.045Z');
    expect(await evaluate('$addYears("2024-02-29T00:00:00Z", 1)')).toBe('2025-02-28T00:00:00.000Z');
    expect(await evaluate('$addYears(1.missing, 1)')).toBeUndefined();
    await expect(evaluate('$addMonths(1.date, "many")')).rejects.toThrow('addMonths: "many" is not a number');
  });
});
