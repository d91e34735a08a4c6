import type { Branch, ModuleNode } from '@integrator/engine/blueprint';
import type { GraphEdge, LinkData } from './graph-types';
import { isIfElseNode } from './insert';
import { branchPlaceholderKey, COLUMN_WIDTH, designerPosition, ROW_HEIGHT, type Point } from './layout';
import { placeholder, projectFlow, type Context } from './to-graph';
import { subtreeModules, type FlowRef } from './tree';

// An If-else fans out like Make's: one labelled link per branch (its label, or its conditions'
// count), the else branch last; an empty branch shows a "+" placeholder.

/** What a branch is called on the canvas: its label, else "Else" or "Condition n". */
export function branchLabel(branch: Branch, index: number): string {
  return branch.label?.trim() || (branch.type === 'else' ? 'Else' : `Condition ${index + 1}`);
}

export function projectBranches(
  ifElse: ModuleNode,
  at: Point,
  _ref: FlowRef,
  inErrorRoute: boolean,
  ctx: Context,
): void {
  if (!isIfElseNode(ifElse)) return;
  ifElse.branches!.forEach((branch, b) => {
    const data = branchLink(ifElse.id, branch, b);
    const first = branch.flow?.[0];
    if (first) {
      ctx.edges.push(linkTo(ifElse.id, String(first.id), { ...data, targetId: first.id }));
      projectFlow(branch.flow, { kind: 'branch', ifElseId: ifElse.id, branch: b }, inErrorRoute, ctx);
      return;
    }
    const id = branchPlaceholderKey(ifElse.id, b);
    const position = designerPosition(ifElse)
      ? { x: at.x + COLUMN_WIDTH, y: emptyBranchY(ifElse, at, b) }
      : (ctx.positions().get(id) ?? at);
    ctx.nodes.push(
      placeholder(
        id,
        { type: 'branch', ifElseId: ifElse.id, branch: b },
        `Add a module to branch ${branchLabel(branch, b)}`,
        position,
      ),
    );
    ctx.edges.push(linkTo(ifElse.id, id, data));
  });
}

// Drawn modules keep their own positions, so a branch added later goes below all of them
// rather than onto a row another branch already uses.
function emptyBranchY(ifElse: ModuleNode, at: Point, b: number): number {
  const ys = (ifElse.branches ?? []).flatMap((branch) =>
    (branch.flow ?? []).flatMap((n) => subtreeModules(n).map((m) => designerPosition(m)?.y ?? at.y)),
  );
  return ys.length
    ? Math.max(at.y, ...ys) + ROW_HEIGHT * (1 + emptyBefore(ifElse, b))
    : at.y + b * ROW_HEIGHT;
}

// Empty branches before this one that also went below the drawn modules.
function emptyBefore(ifElse: ModuleNode, b: number): number {
  return (ifElse.branches ?? []).slice(0, b).filter((x) => (x.flow ?? []).length === 0).length;
}

function branchLink(ifElseId: number, branch: Branch, b: number): LinkData {
  const conditions = Array.isArray(branch.conditions) ? branch.conditions : [];
  const count = conditions.reduce((n, group) => n + (Array.isArray(group) ? group.length : 0), 0);
  return {
    kind: 'branch',
    ifElseId,
    branch: b,
    branchLabel: branchLabel(branch, b),
    filterConditions: branch.type === 'else' ? 0 : count,
    ...(branch.type === 'else' ? { elseBranch: true } : {}),
  };
}

function linkTo(source: number, target: string, data: LinkData): GraphEdge {
  return { id: `b${source}-${data.branch}`, type: 'link', source: String(source), target, data };
}
