import type { Blueprint, ModuleNode } from '@integrator/engine/blueprint';
import type { Catalog } from './catalog';
import { translate } from './edits';
import { anchorPosition, insertNode, isMergeNode, type Anchor, type Inserted } from './insert';
import { designerPosition } from './layout';
import { mapNodeDeep, remapValue } from './rewrite';
import { EditError, findPlace, maxId, subtreeModules } from './tree';

// Copy and paste of a module with its subtree (routes, branches, error handler). Pasted modules get
// fresh ids; references between them are renumbered, references outside stay as they were.

export interface ModuleClipboard {
  kind: 'integrator/module';
  module: ModuleNode;
}

export function copyModule(blueprint: Blueprint, id: number): ModuleClipboard {
  const node = findPlace(blueprint, id)?.node;
  if (!node) throw new EditError(`module ${id} is not in the scenario`);
  return { kind: 'integrator/module', module: JSON.parse(JSON.stringify(node)) as ModuleNode };
}

export function pasteModule(
  blueprint: Blueprint,
  catalog: Catalog,
  clipboard: ModuleClipboard,
  anchor: Anchor,
): Inserted {
  if (isMergeNode(clipboard.module))
    throw new EditError('a Merge cannot be pasted on its own: it belongs right after its If-else');
  const first = maxId(blueprint) + 1;
  const ids = new Map<number, number>();
  subtreeModules(clipboard.module).forEach((m, i) => ids.set(m.id, first + i));
  let node = mapNodeDeep(clipboard.module, (m) => renumber(m, ids));
  // The copy of an If-else comes without its Merge, so its branches no longer merge.
  if (node.branches) node = { ...node, branches: node.branches.map((b) => ({ ...b, merge: false })) };
  const from = designerPosition(node);
  if (from) {
    const to = anchorPosition(blueprint, anchor);
    node = translate(node, to.x - from.x, to.y - from.y);
  }
  return { blueprint: insertNode(blueprint, catalog, anchor, node), id: first };
}

function renumber(node: ModuleNode, ids: ReadonlyMap<number, number>): ModuleNode {
  const next: ModuleNode = { ...node, id: ids.get(node.id) ?? node.id };
  if (node.mapper) next.mapper = remapValue(node.mapper, ids) as Record<string, unknown>;
  if (node.filter) next.filter = remapValue(node.filter, ids) as ModuleNode['filter'];
  if (node.branches)
    next.branches = node.branches.map((b) =>
      b.conditions ? { ...b, conditions: remapValue(b.conditions, ids) as typeof b.conditions } : b,
    );
  if (node.outputs) next.outputs = remapValue(node.outputs, ids) as ModuleNode['outputs'];
  if (node.parameters) {
    const parameters = remapValue(node.parameters, ids) as Record<string, unknown>;
    // An aggregator names its source module by id in `feeder`.
    const feeder = parameters.feeder;
    if (typeof feeder === 'number' && ids.has(feeder)) parameters.feeder = ids.get(feeder);
    next.parameters = parameters;
  }
  return next;
}

/** The clipboard as text, for the system clipboard (another tab can paste it). */
export function clipboardText(clipboard: ModuleClipboard): string {
  return JSON.stringify(clipboard);
}

/** Reads clipboard text back; undefined when it is not a copied module. */
export function parseClipboard(text: string): ModuleClipboard | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const clip = value as Partial<ModuleClipboard>;
  if (clip.kind !== 'integrator/module' || !isModuleNode(clip.module)) return undefined;
  return { kind: clip.kind, module: clip.module };
}

function isModuleNode(value: unknown): value is ModuleNode {
  if (!value || typeof value !== 'object') return false;
  const node = value as Partial<ModuleNode>;
  if (!Number.isInteger(node.id) || typeof node.module !== 'string') return false;
  const routesOk =
    node.routes === undefined ||
    (Array.isArray(node.routes) &&
      node.routes.every((r) => Array.isArray(r?.flow) && r.flow.every(isModuleNode)));
  const onerrorOk =
    node.onerror === undefined || (Array.isArray(node.onerror) && node.onerror.every(isModuleNode));
  const branchesOk =
    node.branches === undefined ||
    (Array.isArray(node.branches) &&
      node.branches.every((b) => Array.isArray(b?.flow) && b.flow.every(isModuleNode)));
  return routesOk && onerrorOk && branchesOk;
}
