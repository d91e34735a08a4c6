import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';
import { rewriteModuleRefs, splitTemplate } from '@integrator/engine/mapping/module-refs';

// Whole-tree rewrites: applying a function to every module, and renumbering module
// references inside mappings (used when a pasted subtree gets fresh ids).

type NodeMap = (node: ModuleNode) => ModuleNode;

/** Applies `fn` to every module (children first); unchanged nodes keep their identity. */
export function mapNodeDeep(node: ModuleNode, fn: NodeMap): ModuleNode {
  let result = node;
  if (node.routes) {
    let changed = false;
    const routes = node.routes.map((route) => {
      const flow = mapFlowDeep(route.flow ?? [], fn);
      if (flow === route.flow) return route;
      changed = true;
      return { ...route, flow };
    });
    if (changed) result = { ...result, routes };
  }
  if (node.branches) {
    let changed = false;
    const branches = node.branches.map((branch) => {
      const flow = mapFlowDeep(branch.flow ?? [], fn);
      if (flow === branch.flow) return branch;
      changed = true;
      return { ...branch, flow };
    });
    if (changed) result = { ...result, branches };
  }
  if (node.onerror) {
    const onerror = mapFlowDeep(node.onerror, fn);
    if (onerror !== node.onerror) result = { ...result, onerror };
  }
  return fn(result);
}

export function mapFlowDeep(flow: ModuleNode[], fn: NodeMap): ModuleNode[] {
  let changed = false;
  const next = flow.map((node) => {
    const updated = mapNodeDeep(node, fn);
    if (updated !== node) changed = true;
    return updated;
  });
  return changed ? next : flow;
}

export function updateModulesDeep(blueprint: Blueprint, fn: NodeMap): Blueprint {
  const flow = mapFlowDeep(blueprint.flow ?? [], fn);
  return flow === blueprint.flow ? blueprint : { ...blueprint, flow };
}

const MODULE_VAR = /\$__m(\d+)/g;

/**
 * Renumbers the module references inside the {{ }} parts of a template. References to ids
 * missing from `ids` are left alone (they point outside the copied subtree).
 */
export function remapTemplate(template: string, ids: ReadonlyMap<number, number>): string {
  if (!template.includes('{{')) return template;
  return splitTemplate(template)
    .map((part) => ('text' in part ? part.text : `{{${remapExpression(part.expression, ids)}}}`))
    .join('');
}

// rewriteModuleRefs turns every reference into $__m<id> and leaves the rest of the text as it
// was, so mapping those variables back (with the new ids) rewrites only the references.
function remapExpression(expression: string, ids: ReadonlyMap<number, number>): string {
  const rewritten = rewriteModuleRefs(expression);
  if (!rewritten.ids.some((id) => ids.has(id))) return expression;
  return rewritten.source.replace(MODULE_VAR, (_match, digits: string, offset: number, whole: string) => {
    const id = Number(digits);
    const next = ids.get(id) ?? id;
    // A bare reference (the whole bundle) is written `3` in backticks; a path keeps 3.name.
    return whole[offset + _match.length] === '.' ? String(next) : `\`${next}\``;
  });
}

/** Remaps templates in any JSON value (mapper objects, filter operands, nested arrays). */
export function remapValue(value: unknown, ids: ReadonlyMap<number, number>): unknown {
  if (typeof value === 'string') return remapTemplate(value, ids);
  if (Array.isArray(value)) return value.map((v) => remapValue(v, ids));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, remapValue(v, ids)]));
  }
  return value;
}
