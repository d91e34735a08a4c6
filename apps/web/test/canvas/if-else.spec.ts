import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';
import { compileBlueprint } from '@integrator/engine/compile/compile';
import { ModuleRegistry } from '@integrator/engine/registry';
import { flowControlApp } from '../../../../libs/apps/builtin/src/flow-control';
import { icons } from '../../../../libs/apps/builtin/src/icons';
import { appMetadata, defineApp, defineModule } from '@integrator/sdk';
import {
  addModule,
  blueprintToGraph,
  COLUMN_WIDTH,
  connectModules,
  copyModule,
  deleteModule,
  earlierModules,
  layoutPositions,
  mergeSources,
  pasteModule,
  removeBranch,
  setBranch,
  type Catalog,
} from '../../src/canvas';
import { mappingSources } from '../../src/forms/mapping-sources';
import { deepFreeze } from '../fixtures/blueprints';
import { catalog as baseCatalog } from '../fixtures/catalog';

// The If-else fans out into labelled branches, merging branches join at the Merge, and every
// edit leaves a blueprint the engine accepts.

const flowControl = appMetadata(flowControlApp);
// The real flow-control declaration first, so its If-else, Merge and icons are what we draw.
const catalog: Catalog = [flowControl, ...baseCatalog];
const registry = new ModuleRegistry([
  flowControlApp,
  defineApp({
    key: 'stand-ins',
    label: 'Stand-ins',
    modules: ['gateway:CustomWebHook', 'util:SetVariable2'].map((key) =>
      defineModule({ key, label: key, kind: 'action', extraMapperFields: true, run: () => ({}) }),
    ),
  }),
]);
const issues = (b: Blueprint) => compileBlueprint(b, registry).issues.map((i) => `${i.path}: ${i.message}`);

const set = (id: number, value: string, x = 0, y = 0): ModuleNode => ({
  id,
  module: 'util:SetVariable2',
  version: 1,
  mapper: { name: 'v', value },
  metadata: { designer: { x, y } },
});

function ifElseBlueprint(): Blueprint {
  return {
    name: 'Tickets',
    flow: [
      { id: 1, module: 'gateway:CustomWebHook', version: 1, parameters: {}, mapper: {} },
      {
        id: 2,
        module: 'builtin:BasicIfElse',
        version: 1,
        mapper: null,
        branches: [
          {
            type: 'condition',
            label: 'High',
            conditions: [[{ a: '{{1.priority}}', o: 'text:equal', b: 'high' }]],
            merge: true,
            flow: [set(3, '{{1.title}}'), set(7, '{{3.v}}')],
          },
          {
            type: 'condition',
            conditions: [[{ a: '{{1.spam}}', o: 'exist' }]],
            merge: false,
            flow: [set(4, 'spam')],
          },
          { type: 'else', merge: true, flow: [] },
        ],
      },
      {
        id: 5,
        module: 'builtin:BasicMerge',
        version: 1,
        mapper: null,
        outputs: [{ name: 'message', mappings: ['{{7.v}}', '{{1.title}}'] }],
      },
      set(6, '{{5.message}}'),
    ],
  };
}

describe('If-else and Merge on the canvas', () => {
  it('the sample is a valid blueprint for the engine', () => {
    expect(issues(ifElseBlueprint())).toEqual([]);
  });

  it('fans out one labelled link per branch, else last, and joins merging branches at the Merge', () => {
    const { nodes, edges } = blueprintToGraph(deepFreeze(ifElseBlueprint()), catalog);
    expect(nodes.map((n) => [n.id, n.type])).toEqual([
      ['1', 'module'],
      ['2', 'ifelse'],
      ['3', 'module'],
      ['7', 'module'],
      ['4', 'module'],
      ['add:2:b2', 'placeholder'],
      ['5', 'module'],
      ['6', 'module'],
    ]);
    expect(
      edges.map((e) => [
        e.id,
        e.source,
        e.target,
        e.data?.kind,
        e.data?.branchLabel,
        e.data?.filterConditions,
      ]),
    ).toEqual([
      ['e1-2', '1', '2', 'flow', undefined, 0],
      ['b2-0', '2', '3', 'branch', 'High', 1],
      ['e3-7', '3', '7', 'flow', undefined, 0],
      ['b2-1', '2', '4', 'branch', 'Condition 2', 1],
      ['b2-2', '2', 'add:2:b2', 'branch', 'Else', 0],
      ['m2-0', '7', '5', 'merge', 'High', 0],
      ['m2-2', 'add:2:b2', '5', 'merge', 'Else', 0],
      ['e5-6', '5', '6', 'flow', undefined, 0],
    ]);
    const data = (id: string) => nodes.find((n) => n.id === id)!.data as Record<string, unknown>;
    expect(data('2')).toMatchObject({
      kind: 'ifelse',
      branches: 3,
      canAppend: false,
      canHaveErrorHandler: false,
    });
    expect(data('5')).toMatchObject({ kind: 'merge', label: 'Merge' });
    expect(data('2').icon).toBe(icons.ifElse);
    expect(data('5').icon).toBe(icons.merge);
    expect(icons.ifElse).not.toBe(icons.merge);
    expect(data('1').icon).not.toBe(icons.ifElse);
    expect(data('6')).toMatchObject({ canAppend: true });
  });

  it('lays branches out on rows and puts the Merge one column after the longest branch', () => {
    const positions = layoutPositions(ifElseBlueprint());
    expect(positions.get('2')).toEqual({ x: COLUMN_WIDTH, y: 0 });
    expect(positions.get('3')).toEqual({ x: 2 * COLUMN_WIDTH, y: 0 });
    expect(positions.get('7')).toEqual({ x: 3 * COLUMN_WIDTH, y: 0 });
    expect(positions.get('4')?.x).toBe(2 * COLUMN_WIDTH);
    expect(positions.get('add:2:b2')?.x).toBe(2 * COLUMN_WIDTH);
    expect(new Set([0, positions.get('4')!.y, positions.get('add:2:b2')!.y]).size).toBe(3);
    expect(positions.get('5')).toEqual({ x: 4 * COLUMN_WIDTH, y: 0 });
    expect(positions.get('6')).toEqual({ x: 5 * COLUMN_WIDTH, y: 0 });
  });

  it('after the Merge only the Merge is mappable; its own mappings see the merging branches', () => {
    const b = ifElseBlueprint();
    expect(earlierModules(b, 6).map((m) => m.id)).toEqual([1, 5]);
    expect(earlierModules(b, 7).map((m) => m.id)).toEqual([1, 3]);
    expect(mergeSources(b, 5).map((m) => m.id)).toEqual([1, 3, 7]);
    // The picker offers the Merge's named outputs before any run.
    const merge = mappingSources(earlierModules(b, 6), catalog).find((s) => s.id === 5);
    expect(merge).toMatchObject({ origin: 'declared', fields: [{ path: 'message', label: 'message' }] });
  });

  it('adds an If-else from the catalog: a condition and an else branch, followers on the first', () => {
    const start: Blueprint = { flow: [ifElseBlueprint().flow[0], set(2, 'x', 180, 0)] };
    const { blueprint, id } = addModule(start, catalog, 'builtin:BasicIfElse', { type: 'after', id: 1 });
    const node = blueprint.flow[1];
    expect(id).toBe(3);
    expect(node.branches?.map((b) => [b.type, b.merge, b.flow.map((m) => m.id)])).toEqual([
      ['condition', false, [2]],
      ['else', false, []],
    ]);
    expect(issues(blueprint)).toEqual([]);

    // "+" on the If-else opens a new condition branch before the else branch.
    const more = addModule(blueprint, catalog, 'util:SetVariable2', { type: 'after', id: 3 }).blueprint;
    expect(more.flow[1].branches?.map((b) => [b.type, b.flow.map((m) => m.id)])).toEqual([
      ['condition', [2]],
      ['condition', [4]],
      ['else', []],
    ]);
    expect(more.flow).toHaveLength(2);
  });

  it('adds a Merge after a branch: that branch merges, the Merge follows the If-else', () => {
    let b = addModule({ flow: [ifElseBlueprint().flow[0]] }, catalog, 'builtin:BasicIfElse', {
      type: 'after',
      id: 1,
    }).blueprint;
    b = addModule(b, catalog, 'util:SetVariable2', { type: 'branch', ifElseId: 2, branch: 0 }).blueprint;
    const merged = addModule(b, catalog, 'builtin:BasicMerge', { type: 'after', id: 3 });
    expect(merged.id).toBe(4);
    expect(merged.blueprint.flow.map((n) => n.module)).toEqual([
      'gateway:CustomWebHook',
      'builtin:BasicIfElse',
      'builtin:BasicMerge',
    ]);
    expect(merged.blueprint.flow[1].branches?.map((x) => x.merge)).toEqual([true, false]);
    expect(issues(merged.blueprint)).toEqual([]);
    // The else branch joins the same Merge; no second Merge appears.
    const both = addModule(merged.blueprint, catalog, 'builtin:BasicMerge', {
      type: 'branch',
      ifElseId: 2,
      branch: 1,
    });
    expect(both.id).toBe(4);
    expect(both.blueprint.flow[1].branches?.map((x) => x.merge)).toEqual([true, true]);
    expect(() => addModule(b, catalog, 'builtin:BasicMerge', { type: 'after', id: 1 })).toThrow(
      /a Merge joins an If-else/,
    );
  });

  it('deleting keeps the blueprint valid', () => {
    // The If-else goes with its branches and its Merge; what followed reconnects.
    const withoutIfElse = deleteModule(ifElseBlueprint(), 2);
    expect(withoutIfElse.flow.map((n) => n.id)).toEqual([1, 6]);
    // A Merge with followers stays (they could not follow the If-else); without, it goes.
    expect(() => deleteModule(ifElseBlueprint(), 5)).toThrow(/modules after the Merge/);
    const noFollower = deleteModule(deleteModule(ifElseBlueprint(), 6), 5);
    expect(noFollower.flow.map((n) => n.id)).toEqual([1, 2]);
    expect(noFollower.flow[1].branches?.map((b) => b.merge)).toEqual([false, false, false]);
    expect(issues(noFollower)).toEqual([]);
    // The last module of a merging branch: the branch still merges from the one before it.
    const shorter = deleteModule(ifElseBlueprint(), 7);
    expect(
      issues({ ...shorter, flow: shorter.flow.map((n) => (n.id === 5 ? { ...n, outputs: [] } : n)) }),
    ).toEqual([]);
  });

  it('edits a branch: conditions through the filter shape, label, merge; removing the last merging branch drops a lone Merge', () => {
    const b = setBranch(ifElseBlueprint(), 2, 1, {
      label: 'Spam',
      filter: { conditions: [[{ a: '{{1.score}}', o: 'number:greater', b: 5 }]] },
    });
    expect(b.flow[1].branches?.[1]).toMatchObject({
      label: 'Spam',
      conditions: [[{ a: '{{1.score}}', o: 'number:greater', b: 5 }]],
    });
    expect(blueprintToGraph(b, catalog).edges.find((e) => e.id === 'b2-1')?.data?.branchLabel).toBe('Spam');
    const lone = deleteModule(ifElseBlueprint(), 6);
    const unmerged = setBranch(setBranch(lone, 2, 0, { merge: false }), 2, 2, { merge: false });
    expect(unmerged.flow.map((n) => n.id)).toEqual([1, 2]);
    expect(issues(unmerged)).toEqual([]);
    expect(() => removeBranch(removeBranch(ifElseBlueprint(), 2, 2), 2, 0)).toThrow(
      /modules follow the Merge/,
    );
  });

  it('a link from an If-else opens a new branch; a Merge cannot be moved by a link', () => {
    const b: Blueprint = { ...ifElseBlueprint() };
    b.flow = [...b.flow, set(8, 'loose', 0, 600)];
    const moved = connectModules(deleteModule(b, 6), catalog, 2, 8);
    expect(moved.flow[1].branches?.map((x) => x.flow.map((m) => m.id))).toEqual([[3, 7], [4], [8], []]);
    expect(() => connectModules(b, catalog, 8, 5)).toThrow(/cannot follow/);
  });

  it('a pasted If-else gets fresh ids in its conditions and stops merging (its Merge is not copied)', () => {
    const b = ifElseBlueprint();
    const pasted = pasteModule(b, catalog, copyModule(b, 2), { type: 'after', id: 6 });
    const copy = pasted.blueprint.flow[pasted.blueprint.flow.length - 1];
    expect(copy.id).toBe(8);
    expect(copy.branches?.map((x) => x.merge)).toEqual([false, false, false]);
    expect(copy.branches?.[0].flow.map((m) => [m.id, m.mapper?.value])).toEqual([
      [9, '{{1.title}}'],
      [10, '{{9.v}}'],
    ]);
    expect(issues(pasted.blueprint)).toEqual([]);
  });
});
