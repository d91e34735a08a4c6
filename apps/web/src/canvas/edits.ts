import type { Blueprint, Filter, ModuleNode } from '@integrator/engine/blueprint';
import { DEFAULT_DIRECTIVE_KEY, type Catalog } from './catalog';
import {
  addModule,
  isDirective,
  isIfElseNode,
  isMergeNode,
  isRouterNode,
  openBranch,
  type Inserted,
} from './insert';
import { COLUMN_WIDTH, designerPosition, ROW_HEIGHT, type Point } from './layout';
import { mapNodeDeep } from './rewrite';
import { EditError, findPlace, subtreeModules, updateFlow, updateModule } from './tree';

// Edits of a blueprint as pure functions: each returns a new blueprint and leaves the old one
// untouched (the undo history keeps it).

/**
 * Removes a module; a router takes its routes with it, an If-else its branches and its Merge;
 * later modules in its flow reconnect. A Merge goes only when nothing follows it (those modules
 * could not follow the If-else), and its branches stop merging.
 */
export function deleteModule(blueprint: Blueprint, id: number): Blueprint {
  const place = findPlace(blueprint, id);
  if (!place) throw new EditError(`module ${id} is not in the scenario`);
  if (isMergeNode(place.node)) return deleteMerge(blueprint, id);
  const after = place.flow[place.index + 1];
  const withMerge = isIfElseNode(place.node) && after !== undefined && isMergeNode(after);
  const next = updateFlow(blueprint, place.ref, (flow) =>
    flow.filter((_, i) => i !== place.index && !(withMerge && i === place.index + 1)),
  );
  return place.ref.kind === 'onerror' && place.flow.length === 1
    ? removeErrorHandler(next, place.ref.ownerId)
    : next;
}

function deleteMerge(blueprint: Blueprint, id: number): Blueprint {
  const place = findPlace(blueprint, id)!;
  if (place.index < place.flow.length - 1)
    throw new EditError(
      'delete or move the modules after the Merge first: without the Merge they would follow the If-else',
    );
  const ifElse = place.flow[place.index - 1];
  const next = updateFlow(blueprint, place.ref, (flow) => flow.filter((_, i) => i !== place.index));
  if (!ifElse || !isIfElseNode(ifElse)) return next;
  return updateModule(next, ifElse.id, (n) => ({
    ...n,
    branches: n.branches!.map((b) => ({ ...b, merge: false })),
  }));
}

export function moveModule(blueprint: Blueprint, id: number, to: Point): Blueprint {
  return updateModule(blueprint, id, (node) => ({
    ...node,
    metadata: {
      ...node.metadata,
      designer: { ...node.metadata?.designer, x: Math.round(to.x), y: Math.round(to.y) },
    },
  }));
}

export function setMapper(blueprint: Blueprint, id: number, mapper: Record<string, unknown>): Blueprint {
  return updateModule(blueprint, id, (node) => ({ ...node, mapper }));
}

export function setParameters(
  blueprint: Blueprint,
  id: number,
  parameters: Record<string, unknown>,
): Blueprint {
  return updateModule(blueprint, id, (node) => ({ ...node, parameters }));
}

/** Sets the filter on the link into a module; null (or no conditions) removes it. */
export function setFilter(blueprint: Blueprint, id: number, filter: Filter | null): Blueprint {
  return updateModule(blueprint, id, (node) => {
    const { filter: _old, ...rest } = node;
    return filter && filter.conditions.some((group) => group.length) ? { ...rest, filter } : rest;
  });
}

export function renameModule(blueprint: Blueprint, id: number, name: string): Blueprint {
  return updateModule(blueprint, id, (node) => {
    const { name: _old, ...designer } = node.metadata?.designer ?? {};
    return {
      ...node,
      metadata: { ...node.metadata, designer: name.trim() ? { ...designer, name: name.trim() } : designer },
    };
  });
}

export function addRoute(blueprint: Blueprint, routerId: number): Blueprint {
  return updateModule(blueprint, routerId, (node) => {
    if (!isRouterNode(node)) throw new EditError(`module ${routerId} is not a router`);
    return { ...node, routes: [...(node.routes ?? []), { flow: [] }] };
  });
}

/** Removes a route and every module on it. */
export function removeRoute(blueprint: Blueprint, routerId: number, route: number): Blueprint {
  return updateModule(blueprint, routerId, (node) => {
    if (!node.routes?.[route]) throw new EditError(`module ${routerId} has no route ${route + 1}`);
    return { ...node, routes: node.routes.filter((_, i) => i !== route) };
  });
}

export function setRouteFallback(
  blueprint: Blueprint,
  routerId: number,
  route: number,
  fallback: boolean,
): Blueprint {
  return updateModule(blueprint, routerId, (node) => {
    if (!node.routes?.[route]) throw new EditError(`module ${routerId} has no route ${route + 1}`);
    return {
      ...node,
      routes: node.routes.map((r, i) => {
        if (i !== route) return r;
        const { fallback: _old, ...rest } = r;
        return fallback ? { ...rest, fallback: true } : rest;
      }),
    };
  });
}

/** Attaches an error handler route holding one directive (Ignore unless told otherwise). */
export function addErrorHandler(
  blueprint: Blueprint,
  catalog: Catalog,
  id: number,
  directiveKey = DEFAULT_DIRECTIVE_KEY,
): Inserted {
  const node = findPlace(blueprint, id)?.node;
  if (!node) throw new EditError(`module ${id} is not in the scenario`);
  if (node.onerror?.length) throw new EditError(`module ${id} already has an error handler`);
  if (isDirective(catalog, node.module))
    throw new EditError('an error directive cannot have an error handler');
  return addModule(blueprint, catalog, directiveKey, { type: 'errorHandler', id });
}

export function removeErrorHandler(blueprint: Blueprint, id: number): Blueprint {
  return updateModule(blueprint, id, (node) => {
    const { onerror: _old, ...rest } = node;
    return rest;
  });
}

/**
 * Whether a link may be drawn from `sourceId` to `targetId`: the source ends its flow (or is a
 * router, which opens a new route), and the target is not the trigger nor holds the source.
 */
export function canConnect(
  blueprint: Blueprint,
  catalog: Catalog,
  sourceId: number,
  targetId: number,
): boolean {
  if (sourceId === targetId) return false;
  const source = findPlace(blueprint, sourceId);
  const target = findPlace(blueprint, targetId);
  if (!source || !target) return false;
  if (target.ref.kind === 'root' && target.index === 0) return false;
  // A Merge stays right after its If-else.
  if (isMergeNode(target.node)) return false;
  const opensLane = isRouterNode(source.node) || isIfElseNode(source.node);
  if (!opensLane && source.index !== source.flow.length - 1) return false;
  if (isDirective(catalog, source.node.module)) return false;
  const chain = target.flow.slice(target.index);
  if (chain.flatMap(subtreeModules).some((m) => m.id === sourceId)) return false;
  const movesDirective = chain.some((m) => isDirective(catalog, m.module));
  return !movesDirective || (source.ref.kind === 'onerror' && !opensLane);
}

/** Moves the target and the modules after it in its flow to follow the source. */
export function connectModules(
  blueprint: Blueprint,
  catalog: Catalog,
  sourceId: number,
  targetId: number,
): Blueprint {
  if (!canConnect(blueprint, catalog, sourceId, targetId))
    throw new EditError(`module ${targetId} cannot follow module ${sourceId}`);
  const target = findPlace(blueprint, targetId)!;
  const chain = target.flow.slice(target.index);
  let next = updateFlow(blueprint, target.ref, (flow) => flow.slice(0, target.index));
  if (target.ref.kind === 'onerror' && target.index === 0)
    next = removeErrorHandler(next, target.ref.ownerId);
  if (isIfElseNode(findPlace(next, sourceId)!.node)) {
    // A link from an If-else opens a new condition branch holding the chain.
    const opened = openBranch(next, sourceId);
    const ifElse = findPlace(opened.blueprint, sourceId)!.node;
    const placed = placeChain(chain, ifElse, opened.branch);
    return updateFlow(
      opened.blueprint,
      { kind: 'branch', ifElseId: sourceId, branch: opened.branch },
      () => placed,
    );
  }
  const source = findPlace(next, sourceId)!;
  const placed = placeChain(
    chain,
    source.node,
    isRouterNode(source.node) ? (source.node.routes?.length ?? 0) : 0,
  );
  if (isRouterNode(source.node)) {
    return updateModule(next, sourceId, (node) => ({
      ...node,
      routes: [...(node.routes ?? []), { flow: placed }],
    }));
  }
  return updateFlow(next, source.ref, (flow) => [...flow, ...placed]);
}

// Moves a chain's drawing so it starts one column right of its new predecessor.
function placeChain(chain: ModuleNode[], after: ModuleNode, routeIndex: number): ModuleNode[] {
  const from = designerPosition(chain[0]);
  const base = designerPosition(after);
  if (!from || !base) return chain;
  const dx = base.x + COLUMN_WIDTH - from.x;
  const dy = base.y + routeIndex * ROW_HEIGHT - from.y;
  return chain.map((node) => translate(node, dx, dy));
}

export function translate(node: ModuleNode, dx: number, dy: number): ModuleNode {
  return mapNodeDeep(node, (n) => {
    const p = designerPosition(n);
    return p
      ? { ...n, metadata: { ...n.metadata, designer: { ...n.metadata?.designer, x: p.x + dx, y: p.y + dy } } }
      : n;
  });
}
