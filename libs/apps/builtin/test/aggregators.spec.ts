import { harness, hook, outputsOf } from './harness';

const h = harness();
const items = { items: [{ n: 4 }, { n: 10 }, { n: 1 }] };
const iterate = { id: 2, module: 'builtin:BasicFeeder', mapper: { array: '{{1.items}}' } };

describe('util:FunctionAggregator2 as Make exports carry it', () => {
  const aggregate = async (fn: string) => {
    const result = await h.run(
      [
        hook(),
        iterate,
        {
          id: 3,
          module: 'util:FunctionAggregator2',
          parameters: { feeder: 2, fn },
          mapper: { value: '{{2.n}}' },
        },
      ],
      { input: items },
    );
    return outputsOf(result, 3);
  };

  it.each([
    ['sum', 15],
    ['avg', 5],
    ['count', 3],
    ['max', 10],
    ['min', 1],
    ['SUM', 15],
  ])('fn %s gives %d', async (fn, expected) => {
    expect(await aggregate(fn)).toEqual([{ result: expected }]);
  });

  it('rejects a function outside its options rather than picking one', () => {
    expect(
      h.issues([
        hook(),
        iterate,
        {
          id: 3,
          module: 'util:FunctionAggregator2',
          parameters: { feeder: 2, fn: 'total' },
          mapper: { value: 1 },
        },
      ]),
    ).toEqual(['flow[2].parameters.fn: must be one of sum, avg, count, max, min (got "total")']);
  });
});

it('rejects a mapped value in a select setting: settings are fixed before the run', () => {
  expect(
    h.issues([
      hook(),
      iterate,
      {
        id: 3,
        module: 'util:FunctionAggregator2',
        parameters: { feeder: 2, fn: '{{1.fn}}' },
        mapper: { value: 1 },
      },
    ]),
  ).toEqual([
    'flow[2].parameters.fn: must be one of sum, avg, count, max, min; a mapped value cannot be used in this setting',
  ]);
});

describe('util:TextAggregator separators', () => {
  const join = async (parameters: Record<string, unknown>) => {
    const result = await h.run(
      [
        hook(),
        iterate,
        {
          id: 3,
          module: 'util:TextAggregator',
          parameters: { feeder: 2, ...parameters },
          mapper: { value: 'n{{2.n}}' },
        },
      ],
      { input: items },
    );
    return outputsOf(result, 3)[0]?.text;
  };

  it('joins with "other": the otherRowSeparator text', async () => {
    expect(await join({ rowSeparator: 'other', otherRowSeparator: ', ' })).toBe('n4, n10, n1');
  });

  it('joins with a new line and a tab as Make stores them (the character itself)', async () => {
    expect(await join({ rowSeparator: '\n' })).toBe('n4\nn10\nn1');
    expect(await join({ rowSeparator: '\t' })).toBe('n4\tn10\tn1');
  });

  it('still reads the older name of the other separator', async () => {
    expect(await join({ rowSeparator: 'other', otherSeparator: ';' })).toBe('n4;n10;n1');
  });

  it('joins with nothing when no separator is set', async () => {
    expect(await join({})).toBe('n4n10n1');
  });
});
