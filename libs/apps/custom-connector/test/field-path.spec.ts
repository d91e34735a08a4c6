import { ModuleError } from '@integrator/sdk';
import { formatPath, parsePath, previewPath, readPath } from '../src';

const body = {
  data: {
    metrics: [{ value: 42, 'unit.name': 'EUR' }, { value: '1,234.5' }],
    'total revenue': 9000,
    empty: [],
    nothing: null,
  },
  items: [[1, 2], [3]],
};

describe('parsePath', () => {
  it('reads dots, 0-based indices and quoted keys', () => {
    expect(parsePath('data.metrics[0].value')).toEqual([
      { kind: 'key', key: 'data' },
      { kind: 'key', key: 'metrics' },
      { kind: 'index', index: 0 },
      { kind: 'key', key: 'value' },
    ]);
    expect(parsePath(`a["b.c"]['d]e'][12]`)).toEqual([
      { kind: 'key', key: 'a' },
      { kind: 'key', key: 'b.c' },
      { kind: 'key', key: 'd]e' },
      { kind: 'index', index: 12 },
    ]);
    expect(parsePath('["say \\"hi\\""]')).toEqual([{ kind: 'key', key: 'say "hi"' }]);
    expect(parsePath('[1][0]')).toEqual([
      { kind: 'index', index: 1 },
      { kind: 'index', index: 0 },
    ]);
  });

  it('treats an empty path as the whole body', () => {
    expect(parsePath('')).toEqual([]);
    expect(parsePath('   ')).toEqual([]);
  });

  it.each([
    ['.data', 'expected a field name at character 1'],
    ['data..value', 'expected a field name at character 5'],
    ['data.', 'expected a field name at character 5'],
    ['data[0', 'missing "]"'],
    ['data[-1]', '"[-1]" is not an item number'],
    ['data[x]', '"[x]" is not an item number'],
    ['data["x]', 'missing closing "'],
    ['data["x"y]', 'expected "]" after the quoted name'],
    ['data]', 'unexpected "]"'],
    ['data[0]value', 'unexpected "v"'],
  ])('refuses %s', (path, message) => {
    expect(() => parsePath(path)).toThrow(message);
  });

  it('formats segments back as the user writes them', () => {
    expect(formatPath(parsePath('data.metrics[0]["unit.name"]'))).toBe('data.metrics[0]["unit.name"]');
  });
});

describe('readPath', () => {
  it('returns the value at the path', () => {
    expect(readPath(body, 'data.metrics[0].value')).toBe(42);
    expect(readPath(body, 'data.metrics[1].value')).toBe('1,234.5');
    expect(readPath(body, 'data.metrics[0]["unit.name"]')).toBe('EUR');
    expect(readPath(body, "data['total revenue']")).toBe(9000);
    expect(readPath(body, 'data.total revenue')).toBe(9000);
    expect(readPath(body, 'items[0][1]')).toBe(2);
    expect(readPath(body, 'data.nothing')).toBeNull();
    expect(readPath(body, '')).toBe(body);
    expect(readPath([7, 8], '[1]')).toBe(8);
  });

  it('reads a numeric dot segment on a list as an item number', () => {
    expect(readPath(body, 'data.metrics.1.value')).toBe('1,234.5');
  });

  it('names what is missing', () => {
    expect(() => readPath({ data: { metrics: [] } }, 'data.metrics[0].value')).toThrow(
      'data.metrics[0]: no item 0 (data.metrics has 0 items)',
    );
    expect(() => readPath(body, 'data.metrics[2]')).toThrow(
      'data.metrics[2]: no item 2 (data.metrics has 2 items)',
    );
    expect(() => readPath(body, 'data.total')).toThrow(
      'data.total: no field "total"; it has metrics, total revenue, empty, nothing',
    );
    expect(() => readPath(body, 'data.nothing.value')).toThrow(
      'data.nothing.value: no field "value" (data.nothing is null, not an object)',
    );
    expect(() => readPath(body, 'data[0]')).toThrow('data[0]: no item 0 (data is an object, not a list)');
    expect(() => readPath(body, 'data.metrics[0].value.x')).toThrow(
      'data.metrics[0].value.x: no field "x" (data.metrics[0].value is a number 42, not an object)',
    );
    expect(() => readPath('hello', 'a')).toThrow(
      'a: no field "a" (the response is text "hello", not an object)',
    );
  });

  it('throws user errors about the field directory', () => {
    try {
      readPath(body, 'data.missing');
      throw new Error('expected an error');
    } catch (err) {
      expect(err).toBeInstanceOf(ModuleError);
      expect((err as ModuleError).kind).toBe('user');
      expect((err as ModuleError).field).toBe('fieldPath');
    }
  });

  it('does not read inherited properties', () => {
    expect(() => readPath({}, 'constructor')).toThrow('constructor: no field "constructor"; it is empty');
    expect(() => readPath({ a: 1 }, '__proto__')).toThrow('no field "__proto__"');
  });
});

describe('previewPath', () => {
  it('gives the value or the reason, without throwing', () => {
    expect(previewPath(body, 'data.metrics[0].value')).toEqual({ ok: true, value: 42 });
    expect(previewPath(body, 'data.empty[0]')).toEqual({
      ok: false,
      error: 'data.empty[0]: no item 0 (data.empty has 0 items)',
    });
    expect(previewPath(body, 'data[')).toEqual({ ok: false, error: expect.stringContaining('missing "]"') });
  });
});
