import type { GraphNode } from '../canvas/graph-types';

// After an edit the graph is projected anew. Nodes whose type, position and data did not
// change keep their previous object (with React Flow's measurements and selection), so
// memoised node components skip re-rendering; only what the edit touched is drawn again.

export function reconcileNodes(previous: readonly GraphNode[], next: readonly GraphNode[]): GraphNode[] {
  const byId = new Map(previous.map((n) => [n.id, n]));
  return next.map((node) => {
    const old = byId.get(node.id);
    if (!old) return node;
    if (
      old.type === node.type &&
      old.position.x === node.position.x &&
      old.position.y === node.position.y &&
      shallowEqual(old.data, node.data)
    )
      return old;
    return { ...node, selected: old.selected, measured: old.measured } as GraphNode;
  });
}

function shallowEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (k) => Object.is(a[k], b[k]) || (isAnchor(a[k]) && JSON.stringify(a[k]) === JSON.stringify(b[k])),
  );
}

const isAnchor = (v: unknown) => v !== null && typeof v === 'object';
