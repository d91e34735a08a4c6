import type { Blueprint } from '@integrator/engine/blueprint';
import { autoAlign, COLUMN_WIDTH, designerPosition, ROW_HEIGHT } from './layout';
import { allModules } from './tree';

// An imported blueprint (a Make export without positions, or one whose modules sit on the same
// spot) must never open with modules on top of each other: such a scenario gets the tidy layout
// (the toolbar's Auto-align) as it opens. Positions that are all present and apart are kept.

// Closer than this on both axes and two module circles (with their captions) overlap.
const MIN_DX = COLUMN_WIDTH * 0.6;
const MIN_DY = ROW_HEIGHT * 0.6;

/** Why the layout is redone, or undefined when every module has its own place. */
export function crowding(blueprint: Blueprint): 'missing' | 'overlap' | undefined {
  const points = [];
  for (const node of allModules(blueprint)) {
    const p = designerPosition(node);
    if (!p) return 'missing';
    points.push(p);
  }
  // Sorted by x, only neighbours closer than MIN_DX need comparing.
  points.sort((a, b) => a.x - b.x);
  for (let i = 0; i < points.length; i++)
    for (let j = i + 1; j < points.length && points[j].x - points[i].x < MIN_DX; j++)
      if (Math.abs(points[j].y - points[i].y) < MIN_DY) return 'overlap';
  return undefined;
}

/** The blueprint laid out when its modules lack places or overlap; else the same object. */
export function tidyIfCrowded(blueprint: Blueprint): Blueprint {
  return crowding(blueprint) ? autoAlign(blueprint) : blueprint;
}
