import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';

// Navigating and rewriting the nested flows of a blueprint without mutating it. Unchanged
// branches keep their identity, so memoised views re-render only what an edit touched.

/** Which flow a module sits in: the scenario's own, a router's route, an If-else branch, or an error handler. */
export type FlowRef =
  | { kind: 'root' }
  | { kind: 'route'; routerId: number; route: number }
  | { kind: 'branch'; ifElseId: number; branch: number }
  | { kind: 'onerror'; ownerId: number };

export interface Place {
  node: ModuleNode;
  flow: ModuleNode[];
  index: number;
  ref: FlowRef;
  /** Modules on the way down to this one (routers, If-elses, error-handler owners), outermost first. */
  ancestors: ModuleNode[];
}

export type Visitor = (node: ModuleNode, place: Omit<Place, 'node'>) => void;

export function walk(blueprint: Blueprint, visit: Visitor): void {
  walkFlow(blueprint.flow ?? [], { kind: 'root' }, [], visit);
}

function walkFlow(flow: ModuleNode[], ref: FlowRef, ancestors: ModuleNode[], visit: Visitor): void {
  flow.forEach((node, index) => {
    visit(node, { flow, index, ref, ancestors });
    const below = [...ancestors, node];
    node.routes?.forEach((route, r) =>
      walkFlow(route.flow ?? [], { kind: 'route', routerId: node.id, route: r }, below, visit),
    );
    node.branches?.forEach((branch, b) =>
      walkFlow(branch.flow ?? [], { kind: 'branch', ifElseId: node.id, branch: b }, below, visit),
    );
    if (node.onerror?.length) walkFlow(node.onerror, { kind: 'onerror', ownerId: node.id }, below, visit);
  });
}

export function findPlace(blueprint: Blueprint, id: number): Place | undefined {
  let found: Place | undefined;
  walk(blueprint, (node, place) => {
    if (!found && node.id === id) found = { node, ...place };
  });
  return found;
}

export function findModuleNode(blueprint: Blueprint, id: number): ModuleNode | undefined {
  return findPlace(blueprint, id)?.node;
}

export function allModules(blueprint: Blueprint): ModuleNode[] {
  const out: ModuleNode[] = [];
  walk(blueprint, (node) => out.push(node));
  return out;
}

export function maxId(blueprint: Blueprint): number {
  let max = 0;
  walk(blueprint, (node) => {
    if (Number.isInteger(node.id) && node.id > max) max = node.id;
  });
  return max;
}

/** Every module of a subtree (the module, its routes, branches and error handler), depth first. */
export function subtreeModules(node: ModuleNode): ModuleNode[] {
  const out: ModuleNode[] = [node];
  for (const route of node.routes ?? [])
    for (const child of route.flow ?? []) out.push(...subtreeModules(child));
  for (const branch of node.branches ?? [])
    for (const child of branch.flow ?? []) out.push(...subtreeModules(child));
  for (const child of node.onerror ?? []) out.push(...subtreeModules(child));
  return out;
}

function sameRef(a: FlowRef, b: FlowRef): boolean {
  if (a.kind === 'root' || b.kind === 'root') return a.kind === b.kind;
  if (a.kind === 'route' && b.kind === 'route') return a.routerId === b.routerId && a.route === b.route;
  if (a.kind === 'branch' && b.kind === 'branch') return a.ifElseId === b.ifElseId && a.branch === b.branch;
  return a.kind === 'onerror' && b.kind === 'onerror' && a.ownerId === b.ownerId;
}

export type FlowEdit = (flow: ModuleNode[]) => ModuleNode[];

/** Replaces one flow (found by reference) with what `edit` returns; other flows stay shared. */
export function updateFlow(blueprint: Blueprint, target: FlowRef, edit: FlowEdit): Blueprint {
  const flow = rewrite(blueprint.flow ?? [], { kind: 'root' }, target, edit);
  return flow === blueprint.flow ? blueprint : { ...blueprint, flow };
}

function rewrite(flow: ModuleNode[], ref: FlowRef, target: FlowRef, edit: FlowEdit): ModuleNode[] {
  if (sameRef(ref, target)) return edit(flow);
  let changed = false;
  const next = flow.map((node) => {
    const updated = rewriteNode(node, target, edit);
    if (updated !== node) changed = true;
    return updated;
  });
  return changed ? next : flow;
}

function rewriteNode(node: ModuleNode, target: FlowRef, edit: FlowEdit): ModuleNode {
  let result = node;
  if (node.routes) {
    let changed = false;
    const routes = node.routes.map((route, r) => {
      const flow = route.flow ?? [];
      const updated = rewrite(flow, { kind: 'route', routerId: node.id, route: r }, target, edit);
      if (updated === flow) return route;
      changed = true;
      return { ...route, flow: updated };
    });
    if (changed) result = { ...result, routes };
  }
  if (node.branches) {
    let changed = false;
    const branches = node.branches.map((branch, b) => {
      const flow = branch.flow ?? [];
      const updated = rewrite(flow, { kind: 'branch', ifElseId: node.id, branch: b }, target, edit);
      if (updated === flow) return branch;
      changed = true;
      return { ...branch, flow: updated };
    });
    if (changed) result = { ...result, branches };
  }
  if (node.onerror) {
    const onerror = rewrite(node.onerror, { kind: 'onerror', ownerId: node.id }, target, edit);
    if (onerror !== node.onerror) result = { ...result, onerror };
  }
  return result;
}

/** Replaces one module (by id) with what `edit` returns. */
export function updateModule(
  blueprint: Blueprint,
  id: number,
  edit: (node: ModuleNode) => ModuleNode,
): Blueprint {
  const place = findPlace(blueprint, id);
  if (!place) throw new EditError(`module ${id} is not in the scenario`);
  return updateFlow(blueprint, place.ref, (flow) =>
    flow.map((node, i) => (i === place.index ? edit(node) : node)),
  );
}

/** An edit that the blueprint's structure does not allow; the message is for the user. */
export class EditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditError';
  }
}

/** The module's path as the server's validation names it, e.g. flow[2].routes[0].flow[1]. */
export function modulePath(blueprint: Blueprint, id: number): string | undefined {
  return pathIn(blueprint.flow ?? [], 'flow', id);
}

function pathIn(flow: ModuleNode[], prefix: string, id: number): string | undefined {
  for (let i = 0; i < flow.length; i++) {
    const node = flow[i];
    const here = `${prefix}[${i}]`;
    if (node.id === id) return here;
    for (let r = 0; r < (node.routes?.length ?? 0); r++) {
      const found = pathIn(node.routes![r].flow ?? [], `${here}.routes[${r}].flow`, id);
      if (found) return found;
    }
    for (let b = 0; b < (node.branches?.length ?? 0); b++) {
      const found = pathIn(node.branches![b].flow ?? [], `${here}.branches[${b}].flow`, id);
      if (found) return found;
    }
    const inHandler = node.onerror ? pathIn(node.onerror, `${here}.onerror`, id) : undefined;
    if (inHandler) return inHandler;
  }
  return undefined;
}
