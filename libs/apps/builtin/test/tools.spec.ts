import { errorOf, harness, hook, outputsOf } from './harness';

const h = harness();

describe('util:SetVariables and util:GetVariables', () => {
  it('sets several variables in one operation and later modules read them', async () => {
    const result = await h.run(
      [
        hook(),
        {
          id: 2,
          module: 'util:SetVariables',
          mapper: {
            variables: [
              { name: 'customer', value: '{{1.name}}' },
              { name: 'total', value: '{{1.total}}' },
            ],
            scope: 'roundtrip',
          },
        },
        { id: 3, module: 'util:GetVariables', mapper: { variables: ['total', 'customer', 'unset'] } },
        { id: 4, module: 'util:GetVariable2', mapper: { name: 'customer' } },
      ],
      { input: { name: 'Ada', total: 42 } },
    );
    expect(result.status).toBe('success');
    expect(result.modules.find((m) => m.id === 2)?.operations).toBe(1);
    expect(outputsOf(result, 2)).toEqual([{ customer: 'Ada', total: 42 }]);
    expect(outputsOf(result, 3)).toEqual([{ total: 42, customer: 'Ada', unset: null }]);
    expect(outputsOf(result, 4)).toEqual([{ customer: 'Ada' }]);
  });

  it('keeps execution variables across cycles and forgets one-cycle ones', async () => {
    const flow = [
      { id: 1, module: 'util:ComposeTransformer', mapper: { value: '{{$execution.cycle}}' } },
      { id: 2, module: 'util:GetVariables', mapper: { variables: ['kept', 'short'] } },
      {
        id: 3,
        module: 'util:SetVariables',
        mapper: { variables: [{ name: 'kept', value: '{{1.value}}' }], scope: 'execution' },
      },
      { id: 4, module: 'util:SetVariables', mapper: { variables: [{ name: 'short', value: 'x' }] } },
    ];
    const result = await h.run(flow, { settings: { roundtrips: 2 } });
    expect(outputsOf(result, 2)).toEqual([
      { kept: null, short: null },
      { kept: '1', short: null },
    ]);
  });

  it('rejects a scope outside its options, naming the path and the allowed values', () => {
    expect(
      h.issues([{ id: 1, module: 'util:SetVariables', mapper: { variables: [], scope: 'forever' } }]),
    ).toEqual(['flow[0].mapper.scope: must be one of roundtrip, execution (got "forever")']);
  });
});

describe('util:Switcher', () => {
  const switcher = (mapper: Record<string, unknown>) => [
    hook(),
    { id: 2, module: 'util:Switcher', mapper: { input: '{{1.status}}', ...mapper } },
  ];
  const cases = [
    { pattern: 'new', output: 'Fresh' },
    { pattern: 'paid', output: 'Done' },
    { pattern: 'paid', output: 'never reached' },
  ];

  it('gives the output of the first case equal to the input', async () => {
    const result = await h.run(switcher({ casesTable: cases, elseOutput: 'Other' }), {
      input: [{ status: 'paid' }, { status: 'PAID' }, { status: 'new' }],
    });
    expect(outputsOf(result, 2)).toEqual([{ value: 'Done' }, { value: 'Other' }, { value: 'Fresh' }]);
  });

  it('matches regular expressions when asked, and is empty without an else output', async () => {
    const regexCases = [
      { pattern: '^pa', output: 'starts with pa' },
      { pattern: '/^NEW$/i', output: 'new, any case' },
    ];
    const result = await h.run(switcher({ casesTable: regexCases, useRegExpMatch: true }), {
      input: [{ status: 'paid' }, { status: 'New' }, { status: 'open' }],
    });
    expect(outputsOf(result, 2)).toEqual([
      { value: 'starts with pa' },
      { value: 'new, any case' },
      { value: null },
    ]);
  });

  it('fails on a pattern that is not a regular expression, naming the case', async () => {
    const result = await h.run(
      switcher({ casesTable: [{ pattern: '(', output: 'x' }], useRegExpMatch: true }),
      { input: { status: 'a' } },
    );
    expect(result.status).toBe('error');
    expect(errorOf(result, 2)?.message).toMatch(
      /^casesTable\[0\]\.pattern: is not a valid regular expression/,
    );
  });
});

describe('util:ComposeTransformer', () => {
  it('outputs the composed text as value', async () => {
    const result = await h.run(
      [
        hook(),
        { id: 2, module: 'util:ComposeTransformer', mapper: { value: 'Dear {{1.name}},\n{{1.n}} items' } },
      ],
      { input: { name: 'Ada', n: 3 } },
    );
    expect(outputsOf(result, 2)).toEqual([{ value: 'Dear Ada,\n3 items' }]);
  });
});

describe('util:FunctionIncrement', () => {
  // Two cycles of two bundles each: the counter shows when it resets.
  const flow = (reset: string) => [
    { id: 1, module: 'util:ComposeTransformer', mapper: { value: 'tick' } },
    { id: 2, module: 'builtin:BasicRepeater', mapper: { repeats: 2 } },
    { id: 3, module: 'util:FunctionIncrement', parameters: { reset } },
  ];
  const counts = async (reset: string, services = {}) =>
    outputsOf(await h.run(flow(reset), { settings: { roundtrips: 2 }, services }), 3).map((b) => b.i);

  it('resets after one cycle ("run")', async () => {
    expect(await counts('run')).toEqual([1, 2, 1, 2]);
  });

  it('resets after one scenario run ("execution")', async () => {
    expect(await counts('execution')).toEqual([1, 2, 3, 4]);
  });

  it('never resets ("scenario"): the counter store keeps it between runs', async () => {
    const kept = new Map<string, number>();
    const counters = {
      increment: async (scenarioId: unknown, moduleId: number) => {
        const key = `${String(scenarioId)}/${moduleId}`;
        kept.set(key, (kept.get(key) ?? 0) + 1);
        return kept.get(key)!;
      },
    };
    expect(await counts('scenario', { counters })).toEqual([1, 2, 3, 4]);
    expect(await counts('scenario', { counters })).toEqual([5, 6, 7, 8]);
  });

  it('says so when a never-reset counter has no store to live in', async () => {
    const result = await h.run(flow('scenario'));
    expect(result.status).toBe('error');
    expect(errorOf(result, 3)?.message).toMatch(/^parameters\.reset: a counter that never resets/);
  });

  it('rejects a reset value outside its options', () => {
    expect(h.issues([{ id: 1, module: 'util:FunctionIncrement', parameters: { reset: 'daily' } }])).toEqual([
      'flow[0].parameters.reset: must be one of run, execution, scenario (got "daily")',
    ]);
  });
});
