import {
  addErrorHandler,
  addModule,
  addRoute,
  blueprintToGraph,
  canConnect,
  COLUMN_WIDTH,
  connectModules,
  deleteModule,
  EditError,
  findModuleNode,
  insertRouter,
  moveModule,
  removeErrorHandler,
  removeRoute,
  renameModule,
  setFilter,
  setMapper,
  setParameters,
  setRouteFallback,
} from '../../src/canvas';
import { allModules } from '../../src/canvas/tree';
import type { Blueprint } from '@integrator/engine/blueprint';
import { catalog } from '../fixtures/catalog';
import { deepFreeze, sampleBlueprint } from '../fixtures/blueprints';

const ids = (flow: Blueprint['flow']) => flow.map((m) => m.id);
const frozen = () => deepFreeze(sampleBlueprint());

describe('addModule', () => {
  it('adds after a module with the next id, the newest version and the declared defaults', () => {
    const before = frozen();
    const { blueprint, id } = addModule(before, catalog, 'crm:CreateContact', { type: 'after', id: 2 });
    expect(id).toBe(7);
    expect(ids(blueprint.flow)).toEqual([1, 2, 7, 3]);
    expect(findModuleNode(blueprint, 7)).toMatchObject({
      module: 'crm:CreateContact',
      version: 1,
      parameters: {},
      mapper: { vip: false, address: { city: 'Utrecht' } },
      metadata: { designer: { x: 300 + COLUMN_WIDTH, y: 0 } },
    });
    // The modules pushed along move one column right.
    expect(findModuleNode(blueprint, 3)?.metadata?.designer?.x).toBe(600 + COLUMN_WIDTH);
    expect(findModuleNode(before, 3)?.metadata?.designer?.x).toBe(600);
  });

  it('adds the first module of an empty scenario', () => {
    const { blueprint, id } = addModule({ flow: [] }, catalog, 'gateway:CustomWebHook', { type: 'start' });
    expect(id).toBe(1);
    expect(blueprint.flow).toEqual([
      expect.objectContaining({ id: 1, module: 'gateway:CustomWebHook', parameters: {}, mapper: {} }),
    ]);
  });

  it('opens a new route when adding after a router, and fills an empty route', () => {
    const { blueprint } = addModule(frozen(), catalog, 'util:SetVariable2', { type: 'after', id: 3 });
    expect(findModuleNode(blueprint, 3)?.routes?.map((r) => ids(r.flow))).toEqual([[4], [6], [7]]);
    const withEmpty = addRoute(blueprint, 3);
    const filled = addModule(withEmpty, catalog, 'util:SetVariable2', {
      type: 'route',
      routerId: 3,
      route: 3,
    }).blueprint;
    expect(findModuleNode(filled, 3)?.routes?.[3].flow.map((m) => m.id)).toEqual([8]);
  });

  it('refuses directives outside error routes and unknown modules', () => {
    expect(() => addModule(frozen(), catalog, 'builtin:Ignore', { type: 'after', id: 2 })).toThrow(EditError);
    expect(() => addModule(frozen(), catalog, 'nope:Nothing', { type: 'after', id: 2 })).toThrow(
      'nope:Nothing is not in the catalog',
    );
    expect(() => addModule(frozen(), catalog, 'util:SetVariable2', { type: 'after', id: 5 })).toThrow(
      'nothing can follow an error directive',
    );
    expect(() => addModule(frozen(), catalog, 'util:SetVariable2', { type: 'after', id: 99 })).toThrow(
      'module 99 is not in the scenario',
    );
  });
});

describe('routers', () => {
  it('inserts a router: what followed moves onto its first route', () => {
    const { blueprint, id } = insertRouter(frozen(), catalog, 1);
    expect(ids(blueprint.flow)).toEqual([1, id]);
    const router = findModuleNode(blueprint, id)!;
    expect(router.routes?.map((r) => ids(r.flow))).toEqual([[2, 3], []]);
    expect(router.mapper).toBeNull();
  });

  it('adds, removes and marks routes as fallback', () => {
    let blueprint = addRoute(frozen(), 3);
    expect(findModuleNode(blueprint, 3)?.routes).toHaveLength(3);
    blueprint = setRouteFallback(blueprint, 3, 2, true);
    blueprint = setRouteFallback(blueprint, 3, 1, false);
    expect(findModuleNode(blueprint, 3)?.routes?.map((r) => r.fallback)).toEqual([
      undefined,
      undefined,
      true,
    ]);
    blueprint = removeRoute(blueprint, 3, 0);
    expect(allModules(blueprint).map((m) => m.id)).toEqual([1, 2, 3, 6]);
    expect(() => addRoute(blueprint, 2)).toThrow('module 2 is not a router');
  });
});

describe('deleteModule', () => {
  it('reconnects the rest of the flow', () => {
    const blueprint = deleteModule(frozen(), 2);
    expect(ids(blueprint.flow)).toEqual([1, 3]);
    const { edges } = blueprintToGraph(blueprint, catalog);
    expect(edges.find((e) => e.target === '3')?.source).toBe('1');
  });

  it('removes a router with everything on its routes, and a module with its error handler', () => {
    expect(allModules(deleteModule(frozen(), 3)).map((m) => m.id)).toEqual([1, 2]);
    expect(allModules(deleteModule(frozen(), 4)).map((m) => m.id)).toEqual([1, 2, 3, 6]);
  });

  it('drops an error handler route when its last module goes', () => {
    expect(findModuleNode(deleteModule(frozen(), 5), 4)).not.toHaveProperty('onerror');
  });
});

describe('module settings', () => {
  it('moves, renames, sets mapper, parameters and filter', () => {
    let blueprint = moveModule(frozen(), 2, { x: 10.4, y: 20.6 });
    blueprint = renameModule(blueprint, 2, '  Remember  ');
    blueprint = setMapper(blueprint, 2, { name: 'x', value: '{{1.id}}' });
    blueprint = setParameters(blueprint, 4, { connection: 3 });
    const filter = {
      name: 'Big',
      conditions: [[{ a: '{{1.n}}', o: 'number:greater', b: '5' }], [{ a: '{{1.vip}}', o: 'exist' }]],
    };
    blueprint = setFilter(blueprint, 2, filter);
    expect(findModuleNode(blueprint, 2)).toMatchObject({
      mapper: { name: 'x', value: '{{1.id}}' },
      filter,
      metadata: { designer: { x: 10, y: 21, name: 'Remember' } },
    });
    expect(findModuleNode(blueprint, 4)?.parameters).toEqual({ connection: 3 });
    expect(findModuleNode(setFilter(blueprint, 2, null), 2)).not.toHaveProperty('filter');
    expect(findModuleNode(setFilter(blueprint, 2, { conditions: [[]] }), 2)).not.toHaveProperty('filter');
    expect(findModuleNode(renameModule(blueprint, 2, ''), 2)?.metadata?.designer).not.toHaveProperty('name');
  });

  it('keeps untouched branches identical (structural sharing)', () => {
    const before = frozen();
    const after = setMapper(before, 6, { name: 'changed' });
    expect(after.flow[0]).toBe(before.flow[0]);
    expect(after.flow[2].routes![0]).toBe(before.flow[2].routes![0]);
    expect(after.flow[2].routes![1]).not.toBe(before.flow[2].routes![1]);
  });
});

describe('error handlers', () => {
  it('adds a directive as the error handler route, and removes it', () => {
    const { blueprint, id } = addErrorHandler(frozen(), catalog, 2);
    expect(findModuleNode(blueprint, 2)?.onerror).toEqual([
      expect.objectContaining({ id, module: 'builtin:Ignore' }),
    ]);
    const withModule = addModule(blueprint, catalog, 'util:SetVariable2', {
      type: 'errorHandler',
      id: 2,
    }).blueprint;
    expect(findModuleNode(withModule, 2)?.onerror?.map((m) => m.module)).toEqual([
      'util:SetVariable2',
      'builtin:Ignore',
    ]);
    expect(findModuleNode(removeErrorHandler(blueprint, 2), 2)).not.toHaveProperty('onerror');
  });

  it('refuses a second handler, handlers on routers and on directives', () => {
    expect(() => addErrorHandler(frozen(), catalog, 4)).toThrow('already has an error handler');
    expect(() => addErrorHandler(frozen(), catalog, 3)).toThrow('cannot be attached to a router');
    expect(() => addErrorHandler(frozen(), catalog, 5)).toThrow('cannot have an error handler');
  });
});

describe('connect', () => {
  it('moves a route onto another module', () => {
    const blueprint = connectModules(frozen(), catalog, 4, 6);
    expect(findModuleNode(blueprint, 3)?.routes?.map((r) => ids(r.flow))).toEqual([[4, 6], []]);
  });

  it('opens a new route when the source is a router', () => {
    const { blueprint: split, id: router } = insertRouter(frozen(), catalog, 4);
    const blueprint = connectModules(split, catalog, router, 6);
    expect(findModuleNode(blueprint, 3)?.routes?.map((r) => ids(r.flow))).toEqual([[4, router], []]);
    expect(findModuleNode(blueprint, router)?.routes?.map((r) => ids(r.flow))).toEqual([[], [], [6]]);
  });

  it('rejects cycles, the trigger, sources in mid-flow and directives', () => {
    const blueprint = frozen();
    expect(canConnect(blueprint, catalog, 4, 2)).toBe(false);
    expect(canConnect(blueprint, catalog, 6, 1)).toBe(false);
    expect(canConnect(blueprint, catalog, 2, 6)).toBe(false);
    expect(canConnect(blueprint, catalog, 5, 6)).toBe(false);
    expect(canConnect(blueprint, catalog, 6, 5)).toBe(false);
    expect(canConnect(blueprint, catalog, 6, 4)).toBe(true);
    expect(() => connectModules(blueprint, catalog, 4, 2)).toThrow(EditError);
  });
});
