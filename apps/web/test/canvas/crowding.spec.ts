import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';
import { crowding, tidyIfCrowded } from '../../src/canvas/crowding';
import { designerPosition } from '../../src/canvas/layout';
import { allModules } from '../../src/canvas/tree';
import { sampleBlueprint } from '../fixtures/blueprints';

// An imported blueprint never opens with modules on top of each other: missing or colliding
// positions get the tidy layout; a blueprint whose modules all have their own place is kept.

const at = (id: number, x?: number, y?: number): ModuleNode => ({
  id,
  module: 'util:SetVariable2',
  version: 1,
  mapper: { name: `v${id}`, value: '1' },
  ...(x === undefined ? {} : { metadata: { designer: { x, y } } }),
});

const apart = (blueprint: Blueprint) => {
  const points = allModules(blueprint).map((m) => designerPosition(m)!);
  return points.every((p, i) =>
    points.every((q, j) => i === j || Math.abs(p.x - q.x) >= 108 || Math.abs(p.y - q.y) >= 90),
  );
};

describe('crowded imports', () => {
  it('keeps a blueprint whose modules each have their own place', () => {
    const blueprint = sampleBlueprint();
    expect(crowding(blueprint)).toBeUndefined();
    expect(tidyIfCrowded(blueprint)).toBe(blueprint);
  });

  it('lays out modules stacked on one spot, routes included', () => {
    const blueprint: Blueprint = {
      name: 'stacked',
      flow: [
        at(1, 0, 0),
        {
          ...at(2, 0, 0),
          module: 'builtin:BasicRouter',
          mapper: null,
          routes: [{ flow: [at(3, 0, 0)] }, { flow: [at(4, 0, 0), at(5, 10, 5)] }],
        },
      ],
    };
    expect(crowding(blueprint)).toBe('overlap');
    const tidy = tidyIfCrowded(blueprint);
    expect(apart(tidy)).toBe(true);
    expect(allModules(tidy).map((m) => m.id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('lays out a Make export with some positions missing', () => {
    const blueprint: Blueprint = { name: 'partial', flow: [at(1, 0, 0), at(2), at(3, 300, 0)] };
    expect(crowding(blueprint)).toBe('missing');
    expect(apart(tidyIfCrowded(blueprint))).toBe(true);
  });
});
