import type { Branch, ModuleNode } from '../src';
import { compile, hook } from './helpers';

// If-else and Merge are validated like routers: every problem is named with its path.

const messages = (flow: ModuleNode[]) => compile(flow).issues.map((i) => `${i.path}: ${i.message}`);
const echo = (id: number, mapper: Record<string, unknown> = {}): ModuleNode => ({
  id,
  module: 'test:Echo',
  mapper,
});
const ifElse = (id: number, branches: Branch[]): ModuleNode => ({
  id,
  module: 'builtin:BasicIfElse',
  version: 1,
  branches,
});
const merge = (id: number, outputs: unknown[] = []): ModuleNode =>
  ({ id, module: 'builtin:BasicMerge', version: 1, outputs }) as ModuleNode;
const when = (a: string): Branch['conditions'] => [[{ a, o: 'text:equal', b: 'x' }]];

describe('If-else and Merge validation', () => {
  test('a valid if-else with a merge has no issues', () => {
    expect(
      messages([
        hook(),
        ifElse(2, [
          { type: 'condition', conditions: when('{{1.a}}'), merge: true, flow: [echo(3)] },
          { type: 'else', merge: true, flow: [echo(4)] },
        ]),
        merge(5, [{ name: 'v', mappings: ['{{3.x}}', '{{4.x}}'] }]),
        echo(6, { v: '{{5.v}}' }),
      ]),
    ).toEqual([]);
  });

  test('branch shape: type, the else branch last, conditions reading only earlier modules', () => {
    expect(
      messages([
        hook(),
        ifElse(2, [
          { type: 'else', flow: [] },
          { type: 'maybe' as 'condition', conditions: when('{{3.a}}'), flow: [echo(3)] },
          { type: 'condition', conditions: [[{ a: '{{1.a}}', o: 'text:like', b: 1 }]], flow: {} as [] },
        ]),
      ]),
    ).toEqual([
      'flow[1].branches[0].type: the else branch must be the last branch',
      'flow[1].branches[1].type: must be "condition" or "else" (got "maybe")',
      'flow[1].branches[1].conditions[0][0].a: module 3 does not run before this module on its path in {{3.a}}',
      'flow[1].branches[2].flow: must be a list of modules',
    ]);
    expect(messages([hook(), { id: 2, module: 'builtin:BasicIfElse' }])).toEqual([
      'flow[1].branches: an If-else needs a list of branches',
    ]);
  });

  test('a Merge must directly follow an If-else with a merging branch', () => {
    expect(messages([hook(), echo(2), merge(3)])).toEqual([
      'flow[2].module: a Merge must directly follow an If-else (builtin:BasicIfElse) in the same flow',
    ]);
    expect(
      messages([hook(), ifElse(2, [{ type: 'condition', conditions: when('{{1.a}}'), flow: [] }]), merge(3)]),
    ).toEqual([
      'flow[2].module: a Merge joins the merging branches of the If-else before it, and no branch of module 2 merges (set merge: true on a branch)',
    ]);
  });

  test('a merging branch needs the Merge; nothing else may follow the If-else', () => {
    expect(messages([hook(), ifElse(2, [{ type: 'else', merge: true, flow: [echo(3)] }]), echo(4)])).toEqual([
      'flow[2]: only a Merge can follow an If-else in the same flow; put this module on a branch or after a Merge',
      'flow[1].branches[0].merge: the branch merges, but no Merge module (builtin:BasicMerge) follows the If-else',
    ]);
    expect(messages([hook(), ifElse(2, [{ type: 'else', merge: true, flow: [echo(3)] }])])).toEqual([
      'flow[1].branches[0].merge: the branch merges, but no Merge module (builtin:BasicMerge) follows the If-else',
    ]);
  });

  test('after the Merge only its outputs are readable; mappings read what ran on a merging branch', () => {
    expect(
      messages([
        hook(),
        ifElse(2, [
          { type: 'condition', conditions: when('{{1.a}}'), merge: true, flow: [echo(3)] },
          { type: 'else', merge: false, flow: [echo(4)] },
        ]),
        merge(5, [
          { name: 'v', mappings: ['{{3.x}}', '{{4.x}}', '{{9.x}}'] },
          { name: '', mappings: [] },
        ]),
        echo(6, { v: '{{3.x}}' }),
      ]),
    ).toEqual([
      'flow[2].outputs[0].mappings[1]: module 4 does not run on any merging branch before this Merge in {{4.x}}',
      'flow[2].outputs[0].mappings[2]: unknown module id 9 in {{9.x}}',
      'flow[2].outputs[1].name: is required (the name later modules map)',
      'flow[3].mapper.v: module 3 does not run before this module on its path in {{3.x}}',
    ]);
  });

  test('branches and outputs belong to If-else and Merge only; an If-else has no error handler', () => {
    expect(
      messages([
        hook(),
        { ...echo(2), branches: [] },
        { ...echo(3), outputs: [] } as ModuleNode,
        {
          ...ifElse(4, [{ type: 'else', flow: [echo(5)] }]),
          onerror: [{ id: 6, module: 'builtin:Ignore' }],
        },
      ]),
    ).toEqual([
      'flow[1].branches: only an If-else has branches (test:Echo is not an If-else)',
      'flow[2].outputs: only a Merge has outputs (test:Echo is not a Merge)',
      'flow[3].onerror: error handlers cannot be attached to an If-else',
    ]);
  });

  test('a merging branch cannot end with a router (its bundles would never reach the Merge)', () => {
    expect(
      messages([
        hook(),
        ifElse(2, [
          {
            type: 'else',
            merge: true,
            flow: [{ id: 3, module: 'builtin:BasicRouter', routes: [{ flow: [echo(4)] }] }],
          },
        ]),
        merge(5),
      ]),
    ).toEqual([
      'flow[1].branches[0].flow[0].module: a merging branch cannot end with a router: its bundles would never reach the Merge',
    ]);
  });
});
