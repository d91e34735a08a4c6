import type { Blueprint } from '@integrator/engine/blueprint';
import { autoAlign, COLUMN_WIDTH, designerPosition, ROW_HEIGHT, type Point } from './layout';
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
      if (overlaps(points[i], points[j])) return 'overlap';
  return undefined;
}

/** The blueprint laid out when its modules lack places or overlap; else the same object. */
export function tidyIfCrowded(blueprint: Blueprint): Blueprint {
  return crowding(blueprint) ? autoAlign(blueprint) : blueprint;
}

/** True when a module drawn at `p` would overlap one drawn at `q`. */
export function overlaps(p: Point, q: Point): boolean {
  return Math.abs(p.x - q.x) < MIN_DX && Math.abs(p.y - q.y) < MIN_DY;
}

/**
 * The first place at or below `p`, a row at a time, where nothing of `taken` sits: a new module
 * (or an empty route's "+") never lands on top of another when routes below are already in use.
 */
export function freeSpot(p: Point, taken: readonly Point[]): Point {
  let spot = p;
  while (taken.some((q) => overlaps(spot, q))) spot = { x: spot.x, y: spot.y + ROW_HEIGHT };
  return spot;
}
