import type { MakeNode } from '@integrator/sdk';

// Make's Notion modules keep the database and the property values under several names across
// their versions: `database`, `databaseId` (a parameter) or `data_source`; the values under
// `fields`, `properties` (a collection, or a list of {key, type, <type>: value}), or as top-level
// mapper keys. Everything lands in our `database` and `properties`; whatever does not is noted.

type Converted = { parameters: Record<string, unknown>; mapper: Record<string, unknown>; notes: string[] };

/** Make's own settings that choose a form, not a value ("select": "list" picks a database from a list). */
const FORM_KEYS = new Set(['select', 'limit']);

export function fromMakeCreate(node: MakeNode): Converted {
  const mapper = { ...node.mapper };
  const parameters = { ...node.parameters };
  const notes: string[] = [];
  const database = takeDatabase(mapper, parameters, notes);
  const properties: Record<string, unknown> = {};
  for (const key of ['fields', 'properties'] as const) {
    const value = mapper[key];
    delete mapper[key];
    if (Array.isArray(value)) for (const item of value) Object.assign(properties, listItem(item));
    else if (value && typeof value === 'object') Object.assign(properties, value);
  }
  for (const key of Object.keys(mapper)) {
    if (FORM_KEYS.has(key)) continue;
    // Any other mapped key is a property value keyed by the property's name or id.
    properties[key] = mapper[key];
  }
  return { parameters, mapper: { database, properties }, notes };
}

export function fromMakeSearch(node: MakeNode): Converted {
  const mapper = { ...node.mapper };
  const parameters = { ...node.parameters };
  const notes: string[] = [];
  const database = takeDatabase(mapper, parameters, notes);
  const limit = Number(mapper.limit);
  const out: Record<string, unknown> = { database };
  if (Number.isFinite(limit) && limit > 0) out.limit = limit;
  for (const key of Object.keys(mapper))
    if (!FORM_KEYS.has(key) && mapper[key] !== undefined && mapper[key] !== '')
      notes.push(
        `mapper.${key} (${JSON.stringify(mapper[key])}) has no counterpart; set the filter here in Notion's form`,
      );
  return { parameters, mapper: out, notes };
}

function takeDatabase(
  mapper: Record<string, unknown>,
  parameters: Record<string, unknown>,
  notes: string[],
): unknown {
  let database: unknown = '';
  for (const [holder, key] of [
    [mapper, 'database'],
    [mapper, 'databaseId'],
    [parameters, 'databaseId'],
    [parameters, 'database_id'],
    [mapper, 'data_source'],
  ] as const) {
    if (holder[key] !== undefined && holder[key] !== '' && database === '') {
      database = holder[key];
      if (key === 'data_source')
        notes.push(
          'data_source was taken as the database id (a Notion data source and its database share it for single-source databases)',
        );
    }
    delete holder[key];
  }
  return database;
}

function listItem(item: unknown): Record<string, unknown> {
  if (!item || typeof item !== 'object') return {};
  const i = item as Record<string, unknown>;
  const key = String(i.key ?? i.name ?? i.id ?? '');
  if (!key) return {};
  const type = typeof i.type === 'string' ? i.type : '';
  return { [key]: type && type in i ? i[type] : i.value };
}
