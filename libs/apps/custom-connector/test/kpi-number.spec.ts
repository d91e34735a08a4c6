import { parseNumericText, toKpiNumber } from '../src';

describe('parseNumericText', () => {
  it.each([
    ['42', 42],
    [' -3.5 ', -3.5],
    ['+7', 7],
    ['.5', 0.5],
    ['1e3', 1000],
    ['1,234.5', 1234.5],
    ['12,345,678', 12345678],
  ])('reads %j as %d', (text, n) => {
    expect(parseNumericText(text)).toBe(n);
  });

  it.each(['', 'abc', '1.234,5', '1,23', '12%', '$5', '0x10', '1,2345', 'Infinity', 'NaN', '1 000'])(
    'refuses %j',
    (text) => {
      expect(parseNumericText(text)).toBeUndefined();
    },
  );
});

describe('toKpiNumber', () => {
  it('keeps numbers and converts numeric text', () => {
    expect(toKpiNumber(12.5, 'a')).toBe(12.5);
    expect(toKpiNumber('1,234.5', 'a')).toBe(1234.5);
  });

  it('explains why a value is not a number, naming the field directory', () => {
    expect(() => toKpiNumber('n/a', 'data.value')).toThrow(
      'the value at data.value is the text "n/a", not a number',
    );
    expect(() => toKpiNumber(null, 'data.value')).toThrow('the value at data.value is empty, not a number');
    expect(() => toKpiNumber(true, 'data.ok')).toThrow('the value at data.ok is boolean true, not a number');
    expect(() => toKpiNumber([1], 'data.list')).toThrow('the value at data.list is a list, not a number');
    expect(() => toKpiNumber({ a: 1 }, '')).toThrow(
      'the response is an object, not a number (choose a field directory)',
    );
    expect(() => toKpiNumber(Number.NaN, 'x')).toThrow('the value at x is NaN, not a finite number');
  });
});
