import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';
import { updateModulesDeep } from './rewrite';

// A tidy left-to-right tree: each flow is one row, a router's first route (an If-else's first
// branch) continues its row and every further route or branch, like every error handler, takes
// fresh rows below. A Merge stands one column after the If-else's longest branch. Rows never
// overlap, so the layout holds for any nesting.

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

/** The placeholder of an empty If-else branch. */
export function branchPlaceholderKey(ifElseId: number, branch: number): string {
  return `add:${ifElseId}:b${branch}`;
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
  let col = column;
  for (const node of flow) {
    out.set(String(node.id), { x: col * COLUMN_WIDTH, y: row * ROW_HEIGHT });
    if (node.onerror?.length) free = layoutFlow(node.onerror, col + 1, free, free + 1, out);
    const lanes = node.routes?.map((r) => r.flow) ?? node.branches?.map((b) => b.flow) ?? [];
    lanes.forEach((laneFlow, r) => {
      const start = r === 0 ? row : free;
      const after = r === 0 ? free : start + 1;
      if ((laneFlow ?? []).length === 0) {
        const key = node.routes ? placeholderKey(node.id, r) : branchPlaceholderKey(node.id, r);
        out.set(key, { x: (col + 1) * COLUMN_WIDTH, y: start * ROW_HEIGHT });
        free = Math.max(free, after);
      } else {
        free = Math.max(free, layoutFlow(laneFlow, col + 1, start, after, out));
      }
    });
    col += nodeWidth(node);
  }
  return free;
}

// Columns a module takes on its row: an If-else also spans its longest branch (its Merge follows).
function nodeWidth(node: ModuleNode): number {
  if (!node.branches) return 1;
  const widths = node.branches.map((b) => (b.flow ?? []).reduce((w, n) => w + nodeWidth(n), 0));
  return 1 + Math.max(1, ...widths);
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
