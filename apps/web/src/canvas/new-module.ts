import type { ModuleNode } from '@integrator/engine/blueprint';
import { fieldDefaults, formFields } from '../forms/field-meta';
import { findModule, IF_ELSE_KEY, MERGE_KEY, parameterFields, ROUTER_KEY, type Catalog } from './catalog';
import { EditError } from './tree';
import type { Point } from './layout';

// A module fresh from the catalog: newest version, declared defaults, a designer position.

export function newModuleNode(catalog: Catalog, key: string, id: number, position?: Point): ModuleNode {
  const entry = findModule(catalog, key);
  const designer = position ? { designer: { x: position.x, y: position.y } } : {};
  if (entry?.module.kind === 'router' || key === ROUTER_KEY) {
    // Make's routers carry no mapper; a new router starts with two empty routes.
    return {
      id,
      module: key,
      version: newestVersion(entry?.module.versions ?? [1]),
      mapper: null,
      routes: [{ flow: [] }, { flow: [] }],
      metadata: designer,
    };
  }
  if (entry?.module.kind === 'ifelse' || key === IF_ELSE_KEY) {
    // As in Make, a new If-else starts with one condition branch and the else branch.
    return {
      id,
      module: key,
      version: newestVersion(entry?.module.versions ?? [1]),
      mapper: null,
      branches: [
        { type: 'condition', label: 'Condition 1', conditions: [], merge: false, flow: [] },
        { type: 'else', label: 'Else', merge: false, flow: [] },
      ],
      metadata: designer,
    };
  }
  if (entry?.module.kind === 'merge' || key === MERGE_KEY) {
    return {
      id,
      module: key,
      version: newestVersion(entry?.module.versions ?? [1]),
      mapper: null,
      outputs: [],
      metadata: designer,
    };
  }
  if (!entry) throw new EditError(`module ${key} is not in the catalog`);
  const { module } = entry;
  return {
    id,
    module: key,
    version: newestVersion(module.versions),
    parameters: fieldDefaults(parameterFields(module)),
    mapper: fieldDefaults(formFields(module.mapper)),
    metadata: designer,
  };
}

function newestVersion(versions: readonly number[]): number {
  return versions.length ? Math.max(...versions) : 1;
}
