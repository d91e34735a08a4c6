import type { AppMetadata, ModuleMetadata } from '@integrator/sdk';
import { formFields, type FormField } from '../forms/field-meta';

// The catalog is what GET /api/apps returns. Lookups by module key are indexed once per
// catalog array (a WeakMap, so a new catalog from the server gets a new index).

export type Catalog = readonly AppMetadata[];

export interface CatalogEntry {
  app: AppMetadata;
  module: ModuleMetadata;
}

export const ROUTER_KEY = 'builtin:BasicRouter';
export const IF_ELSE_KEY = 'builtin:BasicIfElse';
export const MERGE_KEY = 'builtin:BasicMerge';
export const DEFAULT_DIRECTIVE_KEY = 'builtin:Ignore';

const indexes = new WeakMap<Catalog, Map<string, CatalogEntry>>();

function indexOf(catalog: Catalog): Map<string, CatalogEntry> {
  let index = indexes.get(catalog);
  if (!index) {
    index = new Map();
    for (const app of catalog)
      for (const module of app.modules)
        for (const key of [module.key, ...(module.aliases ?? [])])
          if (!index.has(key)) index.set(key, { app, module });
    indexes.set(catalog, index);
  }
  return index;
}

export function findModule(catalog: Catalog, key: string): CatalogEntry | undefined {
  return indexOf(catalog).get(key);
}

export function moduleKind(catalog: Catalog, key: string): ModuleMetadata['kind'] | undefined {
  return findModule(catalog, key)?.module.kind;
}

/** The parameter fields the form shows: a module's connection comes first as a picker field. */
export function parameterFields(module: ModuleMetadata): FormField[] {
  const fields = formFields(module.parameters);
  if (!module.connection || fields.some((f) => f.name === 'connection')) return fields;
  const connection: FormField = {
    name: 'connection',
    type: 'connection',
    label: 'Connection',
    required: module.connection.required,
    connectionTypes: module.connection.types,
  };
  return [connection, ...fields];
}
