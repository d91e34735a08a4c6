import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';
import { updateModulesDeep } from './rewrite';

// A tidy left-to-right tree: each flow is one row, a router's first route continues its row and
// every further route, like every error handler, takes fresh rows below. Rows never overlap, so
// the layout holds for any nesting.

export const COLUMN_WIDTH = 180;
export const ROW_HEIGHT = 150;

export interface Point {
  x: number;
  y: number;
}

/** Keys: module ids as text, and `add:<router>:<route>` for the placeholder of an empty route. */
export type Positions = Map<string, Point>;

export function placeholderKey(routerId: number, route: number): string {
  return `add:${routerId}:${route}`;
}

export function layoutPositions(blueprint: Blueprint): Positions {
  const out: Positions = new Map();
  layoutFlow(blueprint.flow ?? [], 0, 0, 1, out);
  return out;
}

// Lays out `flow` on `row` from column `column`; `below` is the first free row under it.
// Returns the first free row after everything this flow placed.
function layoutFlow(flow: ModuleNode[], column: number, row: number, below: number, out: Positions): number {
  let free = below;
  flow.forEach((node, i) => {
    const col = column + i;
    out.set(String(node.id), { x: col * COLUMN_WIDTH, y: row * ROW_HEIGHT });
    if (node.onerror?.length) free = layoutFlow(node.onerror, col + 1, free, free + 1, out);
    node.routes?.forEach((route, r) => {
      const start = r === 0 ? row : free;
      const after = r === 0 ? free : start + 1;
      if ((route.flow ?? []).length === 0) {
        out.set(placeholderKey(node.id, r), { x: (col + 1) * COLUMN_WIDTH, y: start * ROW_HEIGHT });
        free = Math.max(free, after);
      } else {
        free = Math.max(free, layoutFlow(route.flow, col + 1, start, after, out));
      }
    });
  });
  return free;
}

/** Writes the tidy layout into every module's designer x/y. */
export function autoAlign(blueprint: Blueprint): Blueprint {
  const positions = layoutPositions(blueprint);
  return updateModulesDeep(blueprint, (node) => {
    const p = positions.get(String(node.id));
    const designer = node.metadata?.designer;
    if (!p || (designer?.x === p.x && designer?.y === p.y)) return node;
    return { ...node, metadata: { ...node.metadata, designer: { ...designer, x: p.x, y: p.y } } };
  });
}

export function designerPosition(node: ModuleNode): Point | undefined {
  const d = node.metadata?.designer;
  return d &&
    typeof d.x === 'number' &&
    typeof d.y === 'number' &&
    Number.isFinite(d.x) &&
    Number.isFinite(d.y)
    ? { x: d.x, y: d.y }
    : undefined;
}
