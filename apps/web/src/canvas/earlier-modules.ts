import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';

// The modules whose output a module may map: those before it on its path, as the engine sees
// them (a router passes on what it saw, an error route also sees the failing module, and an
// aggregator hides its source module and what came after it).

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
    if (node.onerror?.length) {
      const found = search(node.onerror, [...seen, node], id);
      if (found) return found;
    }
    seen = visibleAfter(node, seen);
  }
  return undefined;
}

function visibleAfter(node: ModuleNode, before: ModuleNode[]): ModuleNode[] {
  if (Array.isArray(node.routes)) return before;
  const feeder = node.parameters?.feeder;
  const at = typeof feeder === 'number' ? before.findIndex((m) => m.id === feeder) : -1;
  return at >= 0 ? [...before.slice(0, at), node] : [...before, node];
}
