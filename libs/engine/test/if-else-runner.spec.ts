import { compileBlueprint, resumeIncomplete, type ModuleNode, type RunEvent } from '../src';
import { hook, journal, outputsOf, registry, reset, run } from './helpers';

// Incomplete executions and run events around an If-else: a retry inside a branch continues
// at the Merge, a retry of the Merge itself takes the values of the branch that ran.

const ifElse = (merge: ModuleNode['outputs']): ModuleNode[] => [
  hook(),
  {
    id: 2,
    module: 'builtin:BasicIfElse',
    branches: [
      {
        type: 'condition',
        label: 'A',
        conditions: [[{ a: '{{1.n}}', o: 'number:greater', b: 1 }]],
        merge: true,
        flow: [
          {
            id: 3,
            module: 'test:Fail',
            mapper: { when: '{{1.n = 3}}', kind: 'transient', v: 'a{{1.n}}' },
            onerror: [{ id: 4, module: 'builtin:Break', mapper: {} }],
          },
        ],
      },
      { type: 'else', merge: true, flow: [{ id: 5, module: 'test:Echo', mapper: { v: 'b{{1.n}}' } }] },
    ],
  },
  { id: 6, module: 'builtin:BasicMerge', outputs: merge },
  { id: 7, module: 'test:Echo', mapper: { got: '{{6.v}}' } },
];

beforeEach(reset);

test('Break in a branch: the retry resumes at the failed module and goes on through the Merge', async () => {
  const flow = ifElse([{ name: 'v', mappings: ['{{3.v}}', '{{5.v}}'] }]);
  const first = await run(flow, { input: [{ n: 2 }, { n: 3 }, { n: 1 }], scenario: { dlq: true } });
  expect(first.status).toBe('warning');
  expect(outputsOf(first, 7)).toEqual([{ got: 'a2' }, { got: 'b1' }]);
  const record = first.incomplete[0];
  expect(record).toMatchObject({
    moduleId: 3,
    path: 'flow[1].branches[0].flow[0]',
    outputs: { 1: { n: 3 } },
  });

  journal.length = 0;
  const fixed = compileBlueprint(
    {
      flow: flow.map((m) =>
        m.id === 2
          ? {
              ...m,
              branches: m.branches!.map((b, i) =>
                i === 0 ? { ...b, flow: [{ ...b.flow[0], mapper: { when: false, v: 'a{{1.n}}' } }] } : b,
              ),
            }
          : m,
      ),
    },
    registry,
  );
  const retry = await resumeIncomplete(fixed, JSON.parse(JSON.stringify(record)));
  expect(retry.status).toBe('success');
  expect(journal).toEqual(['fail? 3 false', 'echo 7 {"got":"a3"}']);
  expect(retry.operations).toBe(3); // module 3, the Merge, module 7
});

test('a failing Merge is stored with the outputs of the branch that ran, and its retry takes that branch', async () => {
  // The mapping fails for the else branch of n = 0 only.
  const bad = '{{1.n = 0 ? $error("no value") : 5.v}}';
  const flow = ifElse([{ name: 'v', mappings: ['{{3.v}}', bad] }]);
  const first = await run(flow, { input: [{ n: 2 }, { n: 0 }], scenario: { dlq: true } });
  expect(first.status).toBe('warning');
  const record = first.incomplete[0];
  // Module 3 ran for the first bundle, but it is not on the branch that reached the Merge.
  expect(record).toMatchObject({ moduleId: 6, outputs: { 1: { n: 0 }, 5: { v: 'b0' } } });
  expect(Object.keys(record.outputs).sort()).toEqual(['1', '5']);

  journal.length = 0;
  const fixed = compileBlueprint(
    {
      flow: flow.map((m) =>
        m.id === 6 ? { ...m, outputs: [{ name: 'v', mappings: ['{{3.v}}', '{{5.v}}!'] }] } : m,
      ),
    },
    registry,
  );
  const retry = await resumeIncomplete(fixed, JSON.parse(JSON.stringify(record)));
  expect(retry.status).toBe('success');
  expect(journal).toEqual(['echo 7 {"got":"b0!"}']);
});

test('the If-else reports its operation and the branch it chose in the run events', async () => {
  const events: RunEvent[] = [];
  const flow = ifElse([{ name: 'v', mappings: ['{{3.v}}', '{{5.v}}'] }]);
  const result = await run(flow, { input: [{ n: 1 }], onEvent: (e) => events.push(e) });
  expect(result.status).toBe('success');
  const mine = events.filter((e) => 'moduleId' in e && e.moduleId === 2).map((e) => e.type);
  expect(mine).toEqual(['module.started', 'bundle.out', 'module.finished']);
  expect(events.find((e) => e.type === 'bundle.out' && e.moduleId === 2)).toMatchObject({
    bundle: { branch: 2, label: 'Else' },
  });
});
