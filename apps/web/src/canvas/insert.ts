import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';
import { moduleKind, ROUTER_KEY, type Catalog } from './catalog';
import { COLUMN_WIDTH, designerPosition, ROW_HEIGHT, type Point } from './layout';
import { newModuleNode } from './new-module';
import { mapNodeDeep } from './rewrite';
import { EditError, findPlace, maxId, updateFlow, updateModule, type FlowRef } from './tree';

// Where a new module (or a pasted subtree) goes, and how the flow around it reconnects.

export type Anchor =
  | { type: 'start' }
  | { type: 'after'; id: number }
  | { type: 'route'; routerId: number; route: number }
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

/** Adds a module from the catalog at the anchor, with a fresh id (the highest id + 1). */
export function addModule(blueprint: Blueprint, catalog: Catalog, key: string, anchor: Anchor): Inserted {
  const id = maxId(blueprint) + 1;
  const node = newModuleNode(catalog, key, id, anchorPosition(blueprint, anchor));
  return { blueprint: insertNode(blueprint, catalog, anchor, node), id };
}

/** Puts a router after a module; whatever followed the module moves onto its first route. */
export function insertRouter(blueprint: Blueprint, catalog: Catalog, afterId: number): Inserted {
  return addModule(blueprint, catalog, ROUTER_KEY, { type: 'after', id: afterId });
}

/** Where a module added at the anchor should appear: one column right of what it follows. */
export function anchorPosition(blueprint: Blueprint, anchor: Anchor): Point {
  if (anchor.type === 'start') return { x: 0, y: 0 };
  const ownerId = anchor.type === 'route' ? anchor.routerId : anchor.id;
  const owner = findPlace(blueprint, ownerId)?.node;
  const base = (owner && designerPosition(owner)) ?? { x: 0, y: 0 };
  if (anchor.type === 'after' && owner && isRouterNode(owner)) {
    return { x: base.x + COLUMN_WIDTH, y: base.y + (owner.routes?.length ?? 0) * ROW_HEIGHT };
  }
  if (anchor.type === 'route') return { x: base.x + COLUMN_WIDTH, y: base.y + anchor.route * ROW_HEIGHT };
  if (anchor.type === 'errorHandler') return { x: base.x + COLUMN_WIDTH, y: base.y + ROW_HEIGHT };
  return { x: base.x + COLUMN_WIDTH, y: base.y };
}

interface Target {
  blueprint: Blueprint;
  ref: FlowRef;
  index: number;
}

function resolveAnchor(blueprint: Blueprint, anchor: Anchor): Target {
  if (anchor.type === 'start') return { blueprint, ref: { kind: 'root' }, index: 0 };
  const ownerId = anchor.type === 'route' ? anchor.routerId : anchor.id;
  const place = findPlace(blueprint, ownerId);
  if (!place) throw new EditError(`module ${ownerId} is not in the scenario`);
  const owner = place.node;
  if (anchor.type === 'route') {
    if (!isRouterNode(owner) || !owner.routes?.[anchor.route])
      throw new EditError(`module ${ownerId} has no route ${anchor.route + 1}`);
    return { blueprint, ref: { kind: 'route', routerId: ownerId, route: anchor.route }, index: 0 };
  }
  if (anchor.type === 'errorHandler') {
    if (isRouterNode(owner)) throw new EditError('error handlers cannot be attached to a router');
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
    return isRouterNode(node) ? [...before, withFollowers(node, shifted)] : [...before, node, ...shifted];
  });
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
