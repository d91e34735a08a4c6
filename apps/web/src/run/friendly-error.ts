import type { Blueprint } from '@integrator/engine/blueprint';
import type { ModuleLog } from '@integrator/engine/runner/types';
import { findModule, parameterFields, type Catalog } from '../canvas/catalog';
import { allModules, findModuleNode, modulePath } from '../canvas/tree';
import { formFields, type FormField } from '../forms/field-meta';

// Run errors in the user's words: the engine names a field by its path in the module
// ("name: is required", "headers[0].name: …"); the editor knows the module's fields and says
// their label instead ("Variable name is required").

/** The label of the field at `path` (array indexes ignored), or undefined when it is not declared. */
export function fieldLabel(fields: readonly FormField[], path: string): string | undefined {
  let list = fields;
  let label: string | undefined;
  for (const part of path
    .replace(/\[\d+\]/g, '')
    .split('.')
    .filter(Boolean)) {
    const field = list.find((f) => f.name === part);
    if (!field) return undefined;
    label = field.label ?? field.name;
    list = field.type === 'collection' ? (field.fields ?? []) : Array.isArray(field.items) ? field.items : [];
  }
  return label;
}

/** "name: is required" → "Variable name is required"; a message naming no known field is kept. */
export function friendlyMessage(message: string, fields: readonly FormField[]): string {
  const match = /^([\w$]+(?:\[\d+\]|\.[\w$]+)*): ([\s\S]*)$/.exec(message);
  if (!match) return message;
  const label = fieldLabel(fields, match[1].replace(/^(mapper|parameters)\./, ''));
  if (!label) return message;
  const rest = match[2];
  if (rest === 'is required') return `${label} is required`;
  return rest.startsWith(`${label} `) ? rest : `${label}: ${rest}`;
}

/** The fields of module `id` in the blueprint: its settings and its mapper. */
export function moduleFields(blueprint: Blueprint | null, catalog: Catalog, id: number): FormField[] {
  const node = blueprint ? findModuleNode(blueprint, id) : undefined;
  const module = node && findModule(catalog, node.module)?.module;
  return module ? [...parameterFields(module), ...formFields(module.mapper)] : [];
}

/** The run's module logs with their errors in the user's words. */
export function friendlyLogs(
  modules: readonly ModuleLog[],
  blueprint: Blueprint | null,
  catalog: Catalog,
): ModuleLog[] {
  return modules.map((log) => {
    if (!log.errors) return log;
    const fields = moduleFields(blueprint, catalog, log.id);
    const ops = log.ops.map((op) =>
      op.error ? { ...op, error: { ...op.error, message: friendlyMessage(op.error.message, fields) } } : op,
    );
    return { ...log, ops };
  });
}

/** How the user knows module `id`: its name on the canvas, else its catalog label, and its number. */
export function moduleTitle(blueprint: Blueprint, catalog: Catalog, id: number): string {
  const node = findModuleNode(blueprint, id);
  const label = node?.metadata?.designer?.name || (node && findModule(catalog, node.module)?.module.label);
  return `${label || 'Module'} (module ${id})`;
}

// A blueprint path as the server names it: blueprint.flow[1].mapper.array, flow[2].routes[0].flow[0]…
const BLUEPRINT_PATH = /(?:blueprint\.)?flow\[\d+\](?:\.[\w$]+|\[\d+\])*/g;

/**
 * A message with blueprint paths in the user's words: "blueprint.flow[1].mapper.name" becomes
 * 'Set variable (module 2), Variable name'. A path that names no module is left as it is.
 */
export function friendlyPaths(text: string, blueprint: Blueprint | null, catalog: Catalog): string {
  if (!blueprint || !text.includes('flow[')) return text;
  const places = allModules(blueprint)
    .map((node) => ({ id: node.id, path: modulePath(blueprint, node.id) ?? '' }))
    .sort((a, b) => b.path.length - a.path.length);
  return text.replace(BLUEPRINT_PATH, (match) => {
    const path = match.replace(/^blueprint\./, '');
    const place = places.find((p) => path === p.path || path.startsWith(`${p.path}.`));
    if (!place) return match;
    const title = moduleTitle(blueprint, catalog, place.id);
    const rest = path.slice(place.path.length + 1);
    if (!rest) return title;
    const field = /^(mapper|parameters)\.(.+)$/.exec(rest);
    const label = field && fieldLabel(moduleFields(blueprint, catalog, place.id), field[2]);
    return `${title}, ${label ?? rest}`;
  });
}
