import type { Blueprint } from '../blueprint';
import { BLUEPRINT_FORMAT, formatMarker } from '../format';

// The format is never guessed from the content: a blueprint carrying our marker
// (`metadata.integrator.format`) is ours, anything else is a Make export.

export interface Detection {
  format: 'integrator' | 'make';
  reason?: string;
}

type Node = Record<string, unknown>;

export function detectFormat(blueprint: Blueprint | Record<string, unknown>): Detection {
  const marker = formatMarker(blueprint);
  if (marker === undefined) return { format: 'make', reason: 'it has no metadata.integrator.format marker' };
  return { format: 'integrator', reason: `metadata.integrator.format is ${JSON.stringify(marker)}` };
}

/** A marker this installation cannot read (a later format, or garbage): the path and why. */
export function markerProblem(blueprint: Blueprint | Record<string, unknown>): string | undefined {
  const marker = formatMarker(blueprint);
  if (marker === undefined || marker === BLUEPRINT_FORMAT) return undefined;
  return `format ${JSON.stringify(marker)} is not one this installation reads (it reads ${BLUEPRINT_FORMAT})`;
}

/** Visits every module: routes, error handlers and If-else branches included. */
export function eachNode(flow: unknown, visit: (node: Node, path: string) => void, path = 'flow'): void {
  if (!Array.isArray(flow)) return;
  flow.forEach((node: unknown, i) => {
    if (!isObject(node)) return;
    const p = `${path}[${i}]`;
    visit(node, p);
    if (Array.isArray(node.routes))
      node.routes.forEach(
        (r: unknown, j) => isObject(r) && eachNode(r.flow, visit, `${p}.routes[${j}].flow`),
      );
    eachNode(node.onerror, visit, `${p}.onerror`);
    if (Array.isArray(node.branches))
      node.branches.forEach(
        (b: unknown, j) => isObject(b) && eachNode(b.flow, visit, `${p}.branches[${j}].flow`),
      );
  });
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
