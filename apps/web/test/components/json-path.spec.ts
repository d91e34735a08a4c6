import { childPath, visibleRows } from '../../src/components/json-path';
import { niceMax, shortNumber, ticks } from '../../src/components/chart-scale';

// Paths in the custom connector's field-directory syntax, and the rows of the response tree.

describe('field directory paths', () => {
  it('writes keys with dots, list items with [n], and quotes keys that need it', () => {
    expect(childPath('', 'data')).toBe('data');
    expect(childPath('data', 'metrics')).toBe('data.metrics');
    expect(childPath('data.metrics', 0)).toBe('data.metrics[0]');
    expect(childPath('data', 'a.b')).toBe('data["a.b"]');
    expect(childPath('data', 'x[1]')).toBe('data["x[1]"]');
    expect(childPath('', ' padded ')).toBe('[" padded "]');
    expect(childPath('', 'say "hi"')).toBe('say "hi"');
    expect(childPath('', 'a."q"')).toBe('["a.\\"q\\""]');
  });

  it('lists the root and opened containers only, with sizes and kinds', () => {
    const body = { data: { metrics: [{ value: 12 }, { value: 13 }] }, ok: true };
    const closed = visibleRows(body, new Set());
    expect(closed.map((r) => [r.path, r.kind, r.size])).toEqual([
      ['', 'object', 2],
      ['data', 'object', 1],
      ['ok', 'boolean', undefined],
    ]);
    const opened = visibleRows(body, new Set(['data', 'data.metrics', 'data.metrics[1]']));
    expect(opened.map((r) => r.path)).toEqual([
      '',
      'data',
      'data.metrics',
      'data.metrics[0]',
      'data.metrics[1]',
      'data.metrics[1].value',
      'ok',
    ]);
  });
});

describe('chart scale', () => {
  it('rounds the top of the axis up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 11, 24, 230, 4100].map(niceMax)).toEqual([1, 1, 5, 10, 20, 25, 250, 5000]);
    expect(ticks(20)).toEqual([0, 5, 10, 15, 20]);
    expect([1, 2, 5, 10, 25].map((top) => ticks(top, true).length - 1)).toEqual([1, 2, 5, 5, 5]);
    expect(ticks(5, true)).toEqual([0, 1, 2, 3, 4, 5]);
    expect([3, 2500, 1_250_000, 0.5].map(shortNumber)).toEqual(['3', '2.5k', '1.3M', '0.5']);
  });
});
