import { compileFilter, OPERATORS, OPERATOR_TOKENS } from '../src';

const op = (token: string) => {
  const f = OPERATORS.get(token);
  if (!f) throw new Error(`no operator ${token}`);
  return f;
};

describe('filter operators (make-semantics §4)', () => {
  test('every documented token exists', () => {
    const documented = [
      'exist',
      'notexist',
      ...[
        'equal',
        'notequal',
        'contain',
        'notcontain',
        'startwith',
        'notstartwith',
        'endwith',
        'notendwith',
        'pattern',
        'notpattern',
      ].flatMap((n) => [`text:${n}`, `text:${n}:ci`]),
      ...['number', 'date', 'time'].flatMap((g) =>
        ['equal', 'notequal', 'less', 'greater', 'lessorequal', 'greaterorequal'].map((n) => `${g}:${n}`),
      ),
      'array:contain',
      'array:notcontain',
      'array:contain:ci',
      'array:notcontain:ci',
      ...['equal', 'notequal', 'less', 'greater', 'lessorequal', 'greaterorequal'].map((n) => `array:${n}`),
      'boolean:equal',
      'boolean:notequal',
    ];
    for (const token of documented) expect(OPERATOR_TOKENS).toContain(token);
  });

  test.each([
    ['exist', 'x', undefined, true],
    ['exist', '', undefined, false],
    ['exist', 0, undefined, true],
    ['notexist', null, undefined, true],
    ['text:equal', 'Ada', 'Ada', true],
    ['text:equal', 'Ada', 'ada', false],
    ['text:equal:ci', 'Ada', 'ada', true],
    ['text:notequal', 'a', 'b', true],
    ['text:contain', 'hello world', 'lo w', true],
    ['text:contain:ci', 'HELLO', 'ell', true],
    ['text:notcontain', 'abc', 'x', true],
    ['text:startwith', 'invoice-1', 'invoice', true],
    ['text:notstartwith:ci', 'Invoice', 'inv', false],
    ['text:endwith', 'a.pdf', '.pdf', true],
    ['text:notendwith', 'a.pdf', '.doc', true],
    ['text:startswith', 'abc', 'ab', true],
    ['text:pattern', 'order 123', '^order \\d+$', true],
    ['text:pattern', 'ORDER 1', '/^order/i', true],
    ['text:pattern:ci', 'ORDER 1', '^order', true],
    ['text:notpattern', 'abc', '\\d', true],
    ['text:equal', 42, '42', true],
    ['number:equal', '42', 42, true],
    ['number:greater', 10, '9', true],
    ['number:less', 'abc', 5, false],
    ['number:notequal', 'abc', 5, true],
    ['number:lessorequal', 5, 5, true],
    ['number:greaterorequal', 4, 5, false],
    ['date:less', '2026-01-01', '2026-02-01T00:00:00Z', true],
    ['date:greater', Date.UTC(2026, 5, 1), '2026-01-01', true],
    ['date:equal', '2026-01-01T00:00:00Z', Date.UTC(2026, 0, 1), true],
    ['date:lessorequal', 'not a date', '2026-01-01', false],
    ['time:less', '08:30', '09:00', true],
    ['time:greaterorequal', '2026-01-01T10:00:00Z', '09:59:59', true],
    ['time:equal', '9:00', '09:00:00', true],
    ['array:contain', ['a', 'b'], 'b', true],
    ['array:contain', ['A'], 'a', false],
    ['array:contain:ci', ['A'], 'a', true],
    ['array:notcontain', [1, 2], 3, true],
    ['array:contain', [1, 2], '2', true],
    ['array:equal', [1, 2], 2, true],
    ['array:greater', [1, 2, 3], '2', true],
    ['array:less', [], 1, true],
    ['array:lessorequal', undefined, 0, true],
    ['array:notequal', [1], 1, false],
    ['array:greaterorequal', 'x', 1, true],
    ['boolean:equal', 'true', true, true],
    ['boolean:equal', 'false', false, true],
    ['boolean:equal', 0, true, true],
    ['boolean:notequal', '', true, true],
  ])('%s(%j, %j) = %s', (token, a, b, expected) => {
    expect(op(token as string)(a, b)).toBe(expected);
  });
});

describe('compiled filters', () => {
  const outputs = (bundle: unknown) => ({ outputs: [undefined, bundle] });

  test('conditions are OR of AND groups over mapped operands', () => {
    const problems: { path: string; message: string }[] = [];
    const f = compileFilter(
      {
        name: 'hot or vip',
        conditions: [
          [
            { a: '{{1.score}}', o: 'number:greater', b: '50' },
            { a: '{{1.email}}', o: 'exist' },
          ],
          [{ a: '{{1.tier}}', o: 'text:equal:ci', b: 'VIP' }],
        ],
      },
      'flow[1].filter',
      problems,
    );
    expect(problems).toEqual([]);
    expect(f.test(outputs({ score: 60, email: 'x@y' }))).toBe(true);
    expect(f.test(outputs({ score: 60 }))).toBe(false);
    expect(f.test(outputs({ score: 1, tier: 'vip' }))).toBe(true);
    expect(f.test(outputs({ score: 1, tier: 'basic' }))).toBe(false);
  });

  test('operands that need JSONata are awaited', async () => {
    const f = compileFilter(
      { conditions: [[{ a: '{{$count(1.items)}}', o: 'number:equal', b: '2' }]] },
      'f',
      [],
    );
    await expect(Promise.resolve(f.test(outputs({ items: [1, 2] })))).resolves.toBe(true);
  });

  test('unknown operators and bad patterns are reported with their path', () => {
    const problems: { path: string; message: string }[] = [];
    compileFilter(
      {
        conditions: [
          [
            { a: 'x', o: 'text:similar', b: 'y' },
            { a: 'x', o: 'text:pattern', b: '(' },
          ],
        ],
      },
      'flow[2].filter',
      problems,
    );
    expect(problems.map((p) => p.path)).toEqual([
      'flow[2].filter.conditions[0][0].o',
      'flow[2].filter.conditions[0][1].b',
    ]);
    expect(problems[0].message).toBe('unknown filter operator "text:similar"');
    expect(problems[1].message).toMatch(/invalid pattern/);
  });

  test('an empty filter lets everything through', () => {
    expect(compileFilter({ conditions: [] }, 'f', []).test(outputs({}))).toBe(true);
  });
});
