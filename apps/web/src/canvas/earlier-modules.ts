import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';
import { findPlace } from './tree';

// The modules whose output a module may map: those before it on its path, as the engine sees
// them (a router or an If-else passes on what it saw, an error route also sees the failing
// module, an aggregator hides its source module and what came after it, and after a Merge the
// modules of the If-else's branches are gone: only the Merge carries their values on).

export function earlierModules(blueprint: Blueprint, id: number): ModuleNode[] {
  return search(blueprint.flow ?? [], [], id) ?? [];
}

function search(flow: ModuleNode[], visible: ModuleNode[], id: number): ModuleNode[] | undefined {
  let seen = visible;
  for (const node of flow) {
    if (node.id === id) return seen;
    for (const route of node.routes ?? []) {
      const found = search(route.flow ?? [], seen, id);
      if (found) return found;
    }
    for (const branch of node.branches ?? []) {
      const found = search(branch.flow ?? [], seen, id);
      if (found) return found;
    }
    if (node.onerror?.length) {
      const found = search(node.onerror, [...seen, node], id);
      if (found) return found;
    }
    seen = visibleAfter(node, seen);
  }
  return undefined;
}

function visibleAfter(node: ModuleNode, before: ModuleNode[]): ModuleNode[] {
  // Routers and If-elses pass on what they saw; after a Merge only the Merge itself is new.
  if (Array.isArray(node.routes) || Array.isArray(node.branches)) return before;
  const feeder = node.parameters?.feeder;
  const at = typeof feeder === 'number' ? before.findIndex((m) => m.id === feeder) : -1;
  return at >= 0 ? [...before.slice(0, at), node] : [...before, node];
}

/** What a Merge's mappings may read: the modules before the If-else and on its merging branches. */
export function mergeSources(blueprint: Blueprint, mergeId: number): ModuleNode[] {
  const place = findPlace(blueprint, mergeId);
  const ifElse = place && place.index > 0 ? place.flow[place.index - 1] : undefined;
  if (!ifElse?.branches) return [];
  const out = [...earlierModules(blueprint, ifElse.id)];
  for (const branch of ifElse.branches) {
    if (!branch.merge) continue;
    let seen: ModuleNode[] = [];
    for (const node of branch.flow ?? []) seen = visibleAfter(node, seen);
    for (const node of seen) if (!out.includes(node)) out.push(node);
  }
  return out;
}
