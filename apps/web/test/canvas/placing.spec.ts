import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';
import { addModule, blueprintToGraph, EditError, findModuleNode } from '../../src/canvas';
import { catalogGroups } from '../../src/editor/module-catalog';
import { catalog } from '../fixtures/catalog';

// Where a module may go and where it lands: a trigger only starts a scenario, a new module never
// sits on another, and the catalog offers each module once.

const at = (x: number, y: number) => ({ designer: { x, y } });
const set = (id: number, x: number, y: number): ModuleNode => ({
  id,
  module: 'util:SetVariable2',
  version: 1,
  mapper: { name: `v${id}`, value: '1' },
  metadata: at(x, y),
});
const router = (id: number, x: number, y: number, routes: ModuleNode[][]): ModuleNode => ({
  id,
  module: 'builtin:BasicRouter',
  version: 1,
  mapper: null,
  metadata: at(x, y),
  routes: routes.map((flow) => ({ flow })),
});
const hook: ModuleNode = { id: 1, module: 'gateway:CustomWebHook', version: 1, metadata: at(0, 0) };

// Router 2's first route holds router 3, whose routes take rows 0 and 1; route 2 holds module 6 on row 2.
const crowded = (): Blueprint => ({
  name: 'Crowded',
  flow: [
    hook,
    router(2, 180, 0, [[router(3, 360, 0, [[set(4, 540, 0)], [set(5, 540, 150)]])], [set(6, 360, 300)]]),
  ],
});

describe('placing modules', () => {
  it('refuses a trigger anywhere but the start of a scenario', () => {
    expect(() => addModule(crowded(), catalog, 'gateway:CustomWebHook', { type: 'after', id: 6 })).toThrow(
      EditError,
    );
    expect(() =>
      addModule(crowded(), catalog, 'gateway:CustomWebHook', { type: 'route', routerId: 2, route: 0 }),
    ).toThrow('a trigger can only start a scenario');
    const empty = addModule({ name: 'Empty', flow: [] }, catalog, 'gateway:CustomWebHook', { type: 'start' });
    expect(empty.blueprint.flow.map((m) => m.module)).toEqual(['gateway:CustomWebHook']);
  });

  it('puts a module on a new route below the rows already in use', () => {
    const { blueprint, id } = addModule(crowded(), catalog, 'util:SetVariable2', { type: 'after', id: 2 });
    // The third route's row (300) is module 6's: the new module goes one row further down.
    expect(findModuleNode(blueprint, id)?.metadata?.designer).toEqual({ x: 360, y: 450 });
  });

  it('draws an empty route\'s "+" below a module that sits where it would go', () => {
    const withRoute = crowded();
    withRoute.flow[1].routes!.push({ flow: [] });
    const plus = blueprintToGraph(withRoute, catalog).nodes.find((n) => n.id === 'add:2:2');
    expect(plus?.position).toEqual({ x: 360, y: 450 });
  });

  it('offers triggers only at the start and finds a module by app and module words', () => {
    const keys = (groups: ReturnType<typeof catalogGroups>) =>
      groups.flatMap((g) => g.modules.map((m) => m.key));
    const middle = keys(catalogGroups(catalog, '', { inErrorRoute: false, atStart: false }));
    expect(middle).not.toContain('gateway:CustomWebHook');
    expect(middle.filter((k, i) => middle.indexOf(k) !== i)).toEqual([]);
    expect(keys(catalogGroups(catalog, '', { inErrorRoute: false, atStart: true }))).toContain(
      'gateway:CustomWebHook',
    );
    expect(keys(catalogGroups(catalog, 'tools set', { inErrorRoute: false, atStart: false }))).toEqual([
      'util:SetVariable2',
    ]);
  });
});
