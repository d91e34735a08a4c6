import { autoAlign, blueprintToGraph, COLUMN_WIDTH, layoutPositions, ROW_HEIGHT } from '../../src/canvas';
import { allModules } from '../../src/canvas/tree';
import { catalog } from '../fixtures/catalog';
import { bigBlueprint, deepFreeze, sampleBlueprint } from '../fixtures/blueprints';

describe('autoAlign', () => {
  it('writes a left-to-right tree layout into designer x/y', () => {
    const blueprint = autoAlign(deepFreeze(sampleBlueprint()));
    const at = Object.fromEntries(allModules(blueprint).map((m) => [m.id, m.metadata?.designer]));
    expect(at[1]).toEqual({ x: 0, y: 0 });
    expect(at[2]).toEqual({ x: COLUMN_WIDTH, y: 0 });
    expect(at[3]).toEqual({ x: 2 * COLUMN_WIDTH, y: 0 });
    expect(at[4]).toEqual({ x: 3 * COLUMN_WIDTH, y: 0 });
    expect(at[5]).toEqual({ x: 4 * COLUMN_WIDTH, y: ROW_HEIGHT });
    expect(at[6]).toEqual({ x: 3 * COLUMN_WIDTH, y: 2 * ROW_HEIGHT });
  });

  it('keeps designer names and is stable when applied twice', () => {
    const base = sampleBlueprint();
    base.flow[1].metadata = { designer: { x: 5, y: 5, name: 'Keep me' } };
    const once = autoAlign(base);
    expect(once.flow[1].metadata?.designer?.name).toBe('Keep me');
    expect(autoAlign(once)).toBe(once);
  });

  it('gives the graph the same positions as the automatic layout', () => {
    const blueprint = bigBlueprint(200);
    const aligned = autoAlign(blueprint);
    const auto = blueprintToGraph(blueprint, catalog).nodes.map((n) => n.position);
    const written = blueprintToGraph(aligned, catalog).nodes.map((n) => n.position);
    expect(written).toEqual(auto);
    expect(new Set(written.map((p) => `${p.x}:${p.y}`)).size).toBe(written.length);
    expect(layoutPositions(aligned).size).toBe(written.length);
  });
});
