import type { ConnectionTypeDefinition } from './connection';
import type { Field, FieldMap } from './fields';
import type { AnyModuleDefinition, AppDefinition } from './module';

// Plain JSON the API serves and the canvas renders its forms from (no functions, no secrets).

export type FieldMetadata = Omit<Field, 'items' | 'fields'> & {
  name: string;
  items?: FieldMetadata[] | FieldMetadata;
  fields?: FieldMetadata[];
};

export interface ModuleMetadata {
  key: string;
  label: string;
  description?: string;
  kind: AnyModuleDefinition['kind'];
  versions: number[];
  parameters: FieldMetadata[];
  mapper: FieldMetadata[];
  extraMapperFields: boolean;
  connection?: { types: string[]; required: boolean };
  instant: boolean;
  directive?: string;
  icon?: string;
  output?: AnyModuleDefinition['output'];
  /** Other keys that name this very module (Make's second name for it); saved blueprints may use them. */
  aliases?: string[];
}

export interface ConnectionTypeMetadata {
  key: string;
  label: string;
  description?: string;
  fields: FieldMetadata[];
  oauth2?: { grant: string };
}

export interface AppMetadata {
  key: string;
  label: string;
  description?: string;
  icon?: string;
  color?: string;
  integration?: string;
  modules: ModuleMetadata[];
  connectionTypes: ConnectionTypeMetadata[];
}

export function fieldsMetadata(fields: FieldMap | undefined): FieldMetadata[] {
  return Object.entries(fields ?? {}).map(([name, f]) => fieldMetadata(name, f));
}

function fieldMetadata(name: string, f: Field): FieldMetadata {
  const { ...rest } = f as Field & { items?: unknown; fields?: unknown };
  const meta = { ...rest, name } as FieldMetadata;
  if (f.type === 'array' && f.items) {
    meta.items =
      typeof (f.items as Field).type === 'string'
        ? fieldMetadata('item', f.items as Field)
        : fieldsMetadata(f.items as FieldMap);
  }
  if (f.type === 'collection') meta.fields = fieldsMetadata(f.fields);
  return meta;
}

export function moduleMetadata(m: AnyModuleDefinition): ModuleMetadata {
  return {
    key: m.key,
    label: m.label,
    description: m.description,
    kind: m.kind,
    versions: m.versions ?? [1],
    parameters: fieldsMetadata(m.parameters),
    mapper: fieldsMetadata(m.mapper),
    extraMapperFields: m.extraMapperFields ?? false,
    connection: m.connection
      ? { types: m.connection.types, required: m.connection.required ?? true }
      : undefined,
    instant: m.instant ?? false,
    directive: m.directive,
    ...(m.icon ? { icon: m.icon } : {}),
    output: m.output,
    // Only keys whose settings need no converting are the same module (see ModuleRegistry).
    ...(m.make?.keys?.length && !m.make.convert ? { aliases: m.make.keys } : {}),
  };
}

export function connectionTypeMetadata(c: ConnectionTypeDefinition): ConnectionTypeMetadata {
  return {
    key: c.key,
    label: c.label,
    description: c.description,
    fields: fieldsMetadata(c.fields),
    oauth2: c.oauth2 ? { grant: c.oauth2.grant } : undefined,
  };
}

export function appMetadata(app: AppDefinition): AppMetadata {
  return {
    key: app.key,
    label: app.label,
    description: app.description,
    icon: app.icon,
    color: app.color,
    integration: app.integration,
    modules: app.modules.map(moduleMetadata),
    connectionTypes: (app.connectionTypes ?? []).map(connectionTypeMetadata),
  };
}
