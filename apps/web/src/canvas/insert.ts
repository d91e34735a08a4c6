import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';
import { MERGE_KEY, moduleKind, ROUTER_KEY, type Catalog } from './catalog';
import { COLUMN_WIDTH, designerPosition, ROW_HEIGHT, type Point } from './layout';
import { newModuleNode } from './new-module';
import { mapNodeDeep } from './rewrite';
import { freeSpot } from './crowding';
import { allModules, EditError, findPlace, maxId, updateFlow, updateModule, type FlowRef } from './tree';

// Where a new module (or a pasted subtree) goes, and how the flow around it reconnects.

export type Anchor =
  | { type: 'start' }
  | { type: 'after'; id: number }
  | { type: 'route'; routerId: number; route: number }
  | { type: 'branch'; ifElseId: number; branch: number }
  | { type: 'errorHandler'; id: number };

export interface Inserted {
  blueprint: Blueprint;
  id: number;
}

const DIRECTIVE_KEYS = new Set([
  'builtin:Ignore',
  'builtin:Resume',
  'builtin:Commit',
  'builtin:Rollback',
  'builtin:Break',
]);

export function isDirective(catalog: Catalog, key: string): boolean {
  return moduleKind(catalog, key) === 'directive' || DIRECTIVE_KEYS.has(key);
}

export const isRouterNode = (node: ModuleNode): boolean => Array.isArray(node.routes);
export const isIfElseNode = (node: ModuleNode): boolean => Array.isArray(node.branches);
export const isMergeNode = (node: ModuleNode): boolean =>
  node.module === MERGE_KEY || Array.isArray(node.outputs);

const isMergeKey = (catalog: Catalog, key: string): boolean =>
  key === MERGE_KEY || moduleKind(catalog, key) === 'merge';

/** Adds a module from the catalog at the anchor, with a fresh id (the highest id + 1). */
export function addModule(blueprint: Blueprint, catalog: Catalog, key: string, anchor: Anchor): Inserted {
  const id = maxId(blueprint) + 1;
  if (isMergeKey(catalog, key)) return addMerge(blueprint, catalog, key, anchor, id);
  const node = newModuleNode(catalog, key, id, anchorPosition(blueprint, anchor));
  return { blueprint: clearOfOthers(insertNode(blueprint, catalog, anchor, node), id), id };
}

// The new module moves down (a row at a time) off any module already at its place, e.g. where a
// router's new route meets the routes of a router nested on an earlier route.
function clearOfOthers(blueprint: Blueprint, id: number): Blueprint {
  const node = findPlace(blueprint, id)?.node;
  const at = node && designerPosition(node);
  if (!at) return blueprint;
  const taken: Point[] = [];
  for (const other of allModules(blueprint)) {
    const p = other.id === id ? undefined : designerPosition(other);
    if (p) taken.push(p);
  }
  const spot = freeSpot(at, taken);
  if (spot.y === at.y) return blueprint;
  return updateModule(blueprint, id, (n) => ({
    ...n,
    metadata: { ...n.metadata, designer: { ...n.metadata?.designer, ...spot } },
  }));
}

/** Puts a router after a module; whatever followed the module moves onto its first route. */
export function insertRouter(blueprint: Blueprint, catalog: Catalog, afterId: number): Inserted {
  return addModule(blueprint, catalog, ROUTER_KEY, { type: 'after', id: afterId });
}

/** Where a module added at the anchor should appear: one column right of what it follows. */
export function anchorPosition(blueprint: Blueprint, anchor: Anchor): Point {
  if (anchor.type === 'start') return { x: 0, y: 0 };
  const owner = findPlace(blueprint, anchorOwner(anchor))?.node;
  const base = (owner && designerPosition(owner)) ?? { x: 0, y: 0 };
  if (anchor.type === 'after' && owner && (isRouterNode(owner) || isIfElseNode(owner))) {
    const lanes = owner.routes?.length ?? owner.branches?.length ?? 0;
    return { x: base.x + COLUMN_WIDTH, y: base.y + lanes * ROW_HEIGHT };
  }
  if (anchor.type === 'route') return { x: base.x + COLUMN_WIDTH, y: base.y + anchor.route * ROW_HEIGHT };
  if (anchor.type === 'branch') return { x: base.x + COLUMN_WIDTH, y: base.y + anchor.branch * ROW_HEIGHT };
  if (anchor.type === 'errorHandler') return { x: base.x + COLUMN_WIDTH, y: base.y + ROW_HEIGHT };
  return { x: base.x + COLUMN_WIDTH, y: base.y };
}

interface Target {
  blueprint: Blueprint;
  ref: FlowRef;
  index: number;
}

function anchorOwner(anchor: Exclude<Anchor, { type: 'start' }>): number {
  if (anchor.type === 'route') return anchor.routerId;
  return anchor.type === 'branch' ? anchor.ifElseId : anchor.id;
}

function resolveAnchor(blueprint: Blueprint, anchor: Anchor): Target {
  if (anchor.type === 'start') return { blueprint, ref: { kind: 'root' }, index: 0 };
  const ownerId = anchorOwner(anchor);
  const place = findPlace(blueprint, ownerId);
  if (!place) throw new EditError(`module ${ownerId} is not in the scenario`);
  const owner = place.node;
  if (anchor.type === 'route') {
    if (!isRouterNode(owner) || !owner.routes?.[anchor.route])
      throw new EditError(`module ${ownerId} has no route ${anchor.route + 1}`);
    return { blueprint, ref: { kind: 'route', routerId: ownerId, route: anchor.route }, index: 0 };
  }
  if (anchor.type === 'branch') {
    if (!owner.branches?.[anchor.branch])
      throw new EditError(`module ${ownerId} has no branch ${anchor.branch + 1}`);
    return { blueprint, ref: { kind: 'branch', ifElseId: ownerId, branch: anchor.branch }, index: 0 };
  }
  if (anchor.type === 'errorHandler') {
    if (isRouterNode(owner)) throw new EditError('error handlers cannot be attached to a router');
    if (isIfElseNode(owner)) throw new EditError('error handlers cannot be attached to an If-else');
    const withHandler = owner.onerror
      ? blueprint
      : updateModule(blueprint, ownerId, (n) => ({ ...n, onerror: [] }));
    return { blueprint: withHandler, ref: { kind: 'onerror', ownerId }, index: 0 };
  }
  if (isRouterNode(owner)) {
    // Nothing can follow a router: adding "after" it opens a new route.
    const route = owner.routes?.length ?? 0;
    const withRoute = updateModule(blueprint, ownerId, (n) => ({
      ...n,
      routes: [...(n.routes ?? []), { flow: [] }],
    }));
    return { blueprint: withRoute, ref: { kind: 'route', routerId: ownerId, route }, index: 0 };
  }
  if (isIfElseNode(owner)) {
    // Only a Merge follows an If-else: adding "after" it opens a new condition branch.
    const { blueprint: withBranch, branch } = openBranch(blueprint, ownerId);
    return { blueprint: withBranch, ref: { kind: 'branch', ifElseId: ownerId, branch }, index: 0 };
  }
  return { blueprint, ref: place.ref, index: place.index + 1 };
}

/** Inserts one module (with its routes and error handler) at the anchor. */
export function insertNode(
  blueprint: Blueprint,
  catalog: Catalog,
  anchor: Anchor,
  node: ModuleNode,
): Blueprint {
  const target = resolveAnchor(blueprint, anchor);
  const inErrorRoute = target.ref.kind === 'onerror';
  if (isDirective(catalog, node.module) && !inErrorRoute) {
    throw new EditError('an error directive can only be placed in an error handler route');
  }
  if (moduleKind(catalog, node.module) === 'trigger' && (target.ref.kind !== 'root' || target.index > 0))
    throw new EditError('a trigger can only start a scenario, never stand in the middle of a route');
  return updateFlow(target.blueprint, target.ref, (flow) => {
    const before = flow.slice(0, target.index);
    const followers = flow.slice(target.index);
    const previous = before[before.length - 1];
    if (previous && isDirective(catalog, previous.module))
      throw new EditError('nothing can follow an error directive');
    if (followers.length && isDirective(catalog, node.module))
      throw new EditError('an error directive must end its error handler route');
    if (!followers.length) return [...before, node];
    const shifted = followers.map((f) => shiftRight(f));
    if (isIfElseNode(node)) return [...before, withBranchFollowers(node, shifted)];
    return isRouterNode(node) ? [...before, withFollowers(node, shifted)] : [...before, node, ...shifted];
  });
}

// An If-else without a Merge ends its flow: what followed it goes onto its first branch.
function withBranchFollowers(ifElse: ModuleNode, followers: ModuleNode[]): ModuleNode {
  const branches = [...(ifElse.branches ?? [])];
  branches[0] = { ...branches[0], flow: [...(branches[0]?.flow ?? []), ...followers] };
  return { ...ifElse, branches };
}

/** Adds an empty condition branch to an If-else, before its else branch. */
export function openBranch(blueprint: Blueprint, ifElseId: number): { blueprint: Blueprint; branch: number } {
  let branch = 0;
  const next = updateModule(blueprint, ifElseId, (n) => {
    if (!isIfElseNode(n)) throw new EditError(`module ${ifElseId} is not an If-else`);
    const branches = [...n.branches!];
    branch =
      branches.length && branches[branches.length - 1].type === 'else'
        ? branches.length - 1
        : branches.length;
    branches.splice(branch, 0, {
      type: 'condition',
      label: `Condition ${branch + 1}`,
      conditions: [],
      merge: false,
      flow: [],
    });
    return { ...n, branches };
  });
  return { blueprint: next, branch };
}

const MERGE_PLACE =
  'a Merge joins an If-else: add it after the If-else, or after the last module of one of its branches';

/**
 * Adds a Merge: after an If-else (every branch merges), or at the end of a branch (that branch
 * merges). The Merge stands right after its If-else; when it is already there, the branch joins it.
 */
function addMerge(blueprint: Blueprint, catalog: Catalog, key: string, anchor: Anchor, id: number): Inserted {
  let ifElseId: number;
  let only: number | undefined;
  if (anchor.type === 'branch') [ifElseId, only] = [anchor.ifElseId, anchor.branch];
  else if (anchor.type === 'after') {
    const place = findPlace(blueprint, anchor.id);
    if (place && isIfElseNode(place.node)) ifElseId = place.node.id;
    else if (place?.ref.kind === 'branch' && place.index === place.flow.length - 1)
      [ifElseId, only] = [place.ref.ifElseId, place.ref.branch];
    else throw new EditError(MERGE_PLACE);
  } else throw new EditError(MERGE_PLACE);
  const next = updateModule(blueprint, ifElseId, (n) => ({
    ...n,
    branches: n.branches?.map((b, i) => (only === undefined || i === only ? { ...b, merge: true } : b)),
  }));
  const place = findPlace(next, ifElseId)!;
  const following = place.flow[place.index + 1];
  if (following && isMergeNode(following)) return { blueprint: next, id: following.id };
  const node = newModuleNode(catalog, key, id, mergePosition(place.node));
  return {
    blueprint: updateFlow(next, place.ref, (flow) => [
      ...flow.slice(0, place.index + 1),
      node,
      ...flow.slice(place.index + 1).map((f) => shiftRight(f)),
    ]),
    id,
  };
}

// One column right of the rightmost module on the If-else's branches.
function mergePosition(ifElse: ModuleNode): Point {
  const base = designerPosition(ifElse) ?? { x: 0, y: 0 };
  let x = base.x + COLUMN_WIDTH;
  for (const b of ifElse.branches ?? [])
    for (const n of b.flow ?? []) x = Math.max(x, (designerPosition(n)?.x ?? 0) + COLUMN_WIDTH);
  return { x, y: base.y };
}

// A router ends its flow: modules that followed it go onto its first empty route (or a new one).
function withFollowers(router: ModuleNode, followers: ModuleNode[]): ModuleNode {
  const routes = [...(router.routes ?? [])];
  const empty = routes.findIndex((r) => (r.flow ?? []).length === 0);
  if (empty >= 0) routes[empty] = { ...routes[empty], flow: followers };
  else routes.push({ flow: followers });
  return { ...router, routes };
}

// Modules pushed along by an insertion move one column right, keeping the drawing tidy.
function shiftRight(node: ModuleNode): ModuleNode {
  return mapNodeDeep(node, (n) => {
    const p = designerPosition(n);
    if (!p) return n;
    return {
      ...n,
      metadata: { ...n.metadata, designer: { ...n.metadata?.designer, x: p.x + COLUMN_WIDTH, y: p.y } },
    };
  });
}
