import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';
import { findModule, type Catalog } from './catalog';
import type { Graph, GraphEdge, GraphNode, LinkData, ModuleNodeData } from './graph-types';
import { isDirective, isIfElseNode, isRouterNode, type Anchor } from './insert';
import { branchLabel, projectBranches } from './to-graph-branches';
import {
  COLUMN_WIDTH,
  designerPosition,
  layoutPositions,
  branchPlaceholderKey,
  placeholderKey,
  ROW_HEIGHT,
  type Point,
  type Positions,
} from './layout';
import type { FlowRef } from './tree';
import { freeSpot } from './crowding';
import { moduleWarnings } from './warnings';

// The canvas as a pure projection of the blueprint (twenty's generateWorkflowDiagram): same
// blueprint in, same nodes and edges out. Positions come from metadata.designer, or from the
// tidy layout for modules that have none.

const UNKNOWN_COLOR = '#94a3b8';

export interface Context {
  catalog: Catalog;
  positions: () => Positions;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export function blueprintToGraph(blueprint: Blueprint, catalog: Catalog): Graph {
  let layout: Positions | undefined;
  const ctx: Context = {
    catalog,
    positions: () => (layout ??= layoutPositions(blueprint)),
    nodes: [],
    edges: [],
  };
  const flow = blueprint.flow ?? [];
  if (flow.length === 0) {
    ctx.nodes.push(placeholder('add:start', { type: 'start' }, 'Add the first module', { x: 0, y: 0 }));
  }
  projectFlow(flow, { kind: 'root' }, false, ctx);
  return { nodes: clearPlaceholders(ctx.nodes), edges: ctx.edges };
}

// An empty route's "+" stands below any module that sits where it would go (routes of a router
// nested on an earlier route take those rows).
function clearPlaceholders(nodes: GraphNode[]): GraphNode[] {
  if (!nodes.some((n) => n.type === 'placeholder')) return nodes;
  const taken = nodes.filter((n) => n.type !== 'placeholder').map((n) => n.position);
  return nodes.map((n) => {
    if (n.type !== 'placeholder') return n;
    const position = freeSpot(n.position, taken);
    taken.push(position);
    return position === n.position ? n : { ...n, position };
  });
}

export function projectFlow(flow: ModuleNode[], ref: FlowRef, inErrorRoute: boolean, ctx: Context): void {
  flow.forEach((node, index) => {
    const last = index === flow.length - 1;
    const data = nodeData(node, ctx.catalog, {
      trigger: ref.kind === 'root' && index === 0,
      inErrorRoute,
      last,
    });
    const position = positionOf(node, ctx);
    const id = String(node.id);
    ctx.nodes.push(
      isRouterNode(node)
        ? { id, type: 'router', position, data }
        : isIfElseNode(node)
          ? { id, type: 'ifelse', position, data }
          : { id, type: 'module', position, data },
    );
    const previous = flow[index - 1];
    // A Merge is reached from the ends of the merging branches, never from the If-else itself.
    if (previous && !isIfElseNode(previous)) ctx.edges.push(edge(previous.id, node, { kind: 'flow' }));
    if (previous && isIfElseNode(previous)) projectMergeLinks(previous, node, ctx);
    projectRoutes(node, position, inErrorRoute, ctx);
    projectBranches(node, position, ref, inErrorRoute, ctx);
    if (node.onerror?.length) {
      ctx.edges.push({
        ...edge(node.id, node.onerror[0], { kind: 'error' }),
        sourceHandle: 'error',
        className: 'edge-error',
      });
      projectFlow(node.onerror, { kind: 'onerror', ownerId: node.id }, true, ctx);
    }
  });
}

function projectRoutes(router: ModuleNode, at: Point, inErrorRoute: boolean, ctx: Context): void {
  router.routes?.forEach((route, r) => {
    const routeData = {
      kind: 'route' as const,
      routerId: router.id,
      route: r,
      ...(route.fallback ? { fallback: true } : {}),
    };
    const first = route.flow?.[0];
    if (first) {
      ctx.edges.push(edge(router.id, first, routeData));
      projectFlow(route.flow, { kind: 'route', routerId: router.id, route: r }, inErrorRoute, ctx);
      return;
    }
    const id = placeholderKey(router.id, r);
    const position = designerPosition(router)
      ? { x: at.x + COLUMN_WIDTH, y: at.y + r * ROW_HEIGHT }
      : (ctx.positions().get(id) ?? at);
    ctx.nodes.push(
      placeholder(
        id,
        { type: 'route', routerId: router.id, route: r },
        `Add a module to route ${r + 1}`,
        position,
      ),
    );
    ctx.edges.push({
      id: `r${router.id}-${r}`,
      type: 'link',
      source: String(router.id),
      target: id,
      data: { ...routeData, filterConditions: 0 },
    });
  });
}

// A link from the end of each merging branch (its last module, or the placeholder of an empty
// branch) into the Merge.
function projectMergeLinks(ifElse: ModuleNode, merge: ModuleNode, ctx: Context): void {
  ifElse.branches?.forEach((branch, b) => {
    if (!branch.merge) return;
    const last = branch.flow?.[branch.flow.length - 1];
    const source = last ? String(last.id) : branchPlaceholderKey(ifElse.id, b);
    ctx.edges.push({
      id: `m${ifElse.id}-${b}`,
      type: 'link',
      source,
      target: String(merge.id),
      data: {
        kind: 'merge',
        ifElseId: ifElse.id,
        branch: b,
        branchLabel: branchLabel(branch, b),
        targetId: merge.id,
        filterConditions: 0,
      },
    });
  });
}

export function edge(
  source: number,
  target: ModuleNode,
  data: Omit<LinkData, 'filterConditions' | 'targetId'>,
): GraphEdge {
  const conditions = target.filter?.conditions ?? [];
  const count = conditions.reduce((n, group) => n + (Array.isArray(group) ? group.length : 0), 0);
  const full: LinkData = { ...data, targetId: target.id, filterConditions: count };
  if (count > 0) full.filterName = target.filter?.name || 'Filter';
  const id =
    data.kind === 'route'
      ? `r${source}-${data.route}`
      : data.kind === 'error'
        ? `x${source}`
        : `e${source}-${target.id}`;
  return { id, type: 'link', source: String(source), target: String(target.id), data: full };
}

function nodeData(
  node: ModuleNode,
  catalog: Catalog,
  at: { trigger: boolean; inErrorRoute: boolean; last: boolean },
): ModuleNodeData {
  const entry = findModule(catalog, node.module);
  const router = isRouterNode(node);
  const ifElse = isIfElseNode(node);
  const directive = isDirective(catalog, node.module);
  return {
    id: node.id,
    moduleKey: node.module,
    label: node.metadata?.designer?.name || entry?.module.label || node.module,
    appLabel: entry?.app.label ?? node.module.split(':')[0],
    ...(entry?.module.icon || entry?.app.icon ? { icon: entry.module.icon ?? entry.app.icon } : {}),
    color: entry?.app.color ?? UNKNOWN_COLOR,
    kind: entry?.module.kind ?? (router ? 'router' : ifElse ? 'ifelse' : 'action'),
    trigger: at.trigger,
    known: Boolean(entry),
    inErrorRoute: at.inErrorRoute,
    canAppend: at.last && !router && !ifElse && !directive,
    hasErrorHandler: Boolean(node.onerror?.length),
    canHaveErrorHandler: !router && !ifElse && !directive,
    hasFilter: Boolean(node.filter?.conditions?.some((g) => g.length)),
    routes: node.routes?.length ?? 0,
    warnings: moduleWarnings(node),
    branches: node.branches?.length ?? 0,
  };
}

export function positionOf(node: ModuleNode, ctx: Context): Point {
  return designerPosition(node) ?? ctx.positions().get(String(node.id)) ?? { x: 0, y: 0 };
}

export function placeholder(id: string, anchor: Anchor, label: string, position: Point): GraphNode {
  return {
    id,
    type: 'placeholder',
    position,
    data: { anchor, label },
    draggable: false,
    selectable: false,
    connectable: false,
  };
}
