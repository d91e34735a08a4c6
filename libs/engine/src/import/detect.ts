import { splitTemplate } from '../mapping/module-refs';
import type { Blueprint } from '../blueprint';
import { looksLikeIml } from './iml-translate';

// Our export and Make's share one shape, so the difference is in the details: Make's zone,
// its __IMT…__ parameters (connections, hooks), its UI state in module metadata, and IML.
// A Make export with none of these reads the same in both, except 1-based positions in [ ],
// which nothing can tell apart; such a file is taken as ours.

export interface Detection {
  format: 'integrator' | 'make';
  reason?: string;
}

type Node = Record<string, unknown>;

export function detectFormat(blueprint: Blueprint): Detection {
  const zone = blueprint.metadata?.zone;
  if (typeof zone === 'string' && zone)
    return { format: 'make', reason: `metadata.zone is ${JSON.stringify(zone)}` };
  let reason: string | undefined;
  eachNode(blueprint.flow, (node) => {
    reason ??= makeSign(node);
  });
  return reason ? { format: 'make', reason } : { format: 'integrator' };
}

function makeSign(node: Node): string | undefined {
  const parameters = isObject(node.parameters) ? node.parameters : {};
  const imt = Object.keys(parameters).find((k) => /^__IMT\w*__$/.test(k));
  if (imt) return `module ${String(node.id)} has the Make parameter ${imt}`;
  const metadata = isObject(node.metadata) ? node.metadata : {};
  if ('restore' in metadata || 'expect' in metadata)
    return `module ${String(node.id)} carries Make's editor metadata`;
  const iml = strings([node.mapper, node.filter, isObject(node.flags) ? node.flags.groupBy : undefined]).find(
    hasIml,
  );
  return iml ? `module ${String(node.id)} uses IML: ${iml}` : undefined;
}

function hasIml(text: string): boolean {
  return splitTemplate(text).some((p) => 'expression' in p && looksLikeIml(p.expression));
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('{{')) out.push(value);
  } else if (Array.isArray(value)) value.forEach((v) => strings(v, out));
  else if (isObject(value)) Object.values(value).forEach((v) => strings(v, out));
  return out;
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
