import { earlierModules } from '../../src/canvas';
import type { Blueprint } from '@integrator/engine/blueprint';
import { sampleBlueprint } from '../fixtures/blueprints';

const ids = (blueprint: Blueprint, id: number) => earlierModules(blueprint, id).map((m) => m.id);

describe('earlierModules', () => {
  it('lists the modules before one on its path, skipping routers', () => {
    const blueprint = sampleBlueprint();
    expect(ids(blueprint, 1)).toEqual([]);
    expect(ids(blueprint, 4)).toEqual([1, 2]);
    expect(ids(blueprint, 6)).toEqual([1, 2]);
    expect(ids(blueprint, 5)).toEqual([1, 2, 4]);
    expect(ids(blueprint, 42)).toEqual([]);
  });

  it('hides what an aggregator collected (its source and what came after)', () => {
    const blueprint: Blueprint = {
      flow: [
        { id: 1, module: 'gateway:CustomWebHook' },
        { id: 2, module: 'builtin:BasicFeeder' },
        { id: 3, module: 'util:SetVariable2' },
        { id: 4, module: 'builtin:BasicAggregator', parameters: { feeder: 2 } },
        { id: 5, module: 'util:SetVariable2' },
      ],
    };
    expect(ids(blueprint, 4)).toEqual([1, 2, 3]);
    expect(ids(blueprint, 5)).toEqual([1, 4]);
  });
});
