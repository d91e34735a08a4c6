import {
  addModule,
  autoAlign,
  blueprintToGraph,
  copyModule,
  deleteModule,
  findModuleNode,
  insertRouter,
  moveModule,
  pasteModule,
  setFilter,
} from '../../src/canvas';
import { allModules, findPlace } from '../../src/canvas/tree';
import type { Blueprint } from '@integrator/engine/blueprint';
import { catalog } from '../fixtures/catalog';
import { bigBlueprint, deepFreeze, sampleBlueprint } from '../fixtures/blueprints';

describe('round trips', () => {
  it('adding a module at the end and deleting it gives back the original', () => {
    const original = deepFreeze(sampleBlueprint());
    const { blueprint, id } = addModule(original, catalog, 'util:SetVariable2', { type: 'after', id: 6 });
    expect(deleteModule(blueprint, id)).toEqual(original);
  });

  it('pasting a copy and deleting it gives back the original', () => {
    const original = deepFreeze(sampleBlueprint());
    const { blueprint, id } = pasteModule(original, catalog, copyModule(original, 3), {
      type: 'after',
      id: 3,
    });
    expect(allModules(blueprint)).toHaveLength(10);
    expect(deleteModule(blueprint, id)).toEqual({
      ...original,
      flow: original.flow.map((m) => (m.id === 3 ? { ...m, routes: [...m.routes!, { flow: [] }] } : m)),
    });
  });

  it('a blueprint survives JSON, and its graph is the same after the trip', () => {
    const original = autoAlign(sampleBlueprint());
    const copy = JSON.parse(JSON.stringify(original)) as Blueprint;
    expect(blueprintToGraph(copy, catalog)).toEqual(blueprintToGraph(original, catalog));
  });
});

describe('a 200-module blueprint', () => {
  it('takes every kind of edit quickly and keeps ids unique', () => {
    let blueprint = deepFreeze(bigBlueprint(200));
    const started = performance.now();
    const ids = allModules(blueprint).map((m) => m.id);
    for (const id of ids.slice(0, 50)) blueprint = moveModule(blueprint, id, { x: id, y: id });
    blueprint = setFilter(blueprint, ids[10], { conditions: [[{ a: '{{1.x}}', o: 'exist' }]] });
    const routerId = ids.find((id) => findModuleNode(blueprint, id)?.routes)!;
    blueprint = pasteModule(blueprint, catalog, copyModule(blueprint, routerId), {
      type: 'after',
      id: routerId,
    }).blueprint;
    const plain = ids.find((id) => {
      const place = findPlace(blueprint, id);
      return (
        place && !place.node.routes && place.ref.kind !== 'onerror' && place.index < place.flow.length - 1
      );
    })!;
    blueprint = insertRouter(blueprint, catalog, plain).blueprint;
    blueprint = deleteModule(blueprint, routerId);
    blueprint = autoAlign(blueprint);
    const graph = blueprintToGraph(blueprint, catalog);
    expect(performance.now() - started).toBeLessThan(1000);
    const after = allModules(blueprint).map((m) => m.id);
    expect(new Set(after).size).toBe(after.length);
    expect(graph.nodes.filter((n) => n.type !== 'placeholder')).toHaveLength(after.length);
  });
});
