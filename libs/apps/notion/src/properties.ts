import { userError } from '@integrator/sdk';

// Plain mapped values ("Status": "Done", "Due": "2026-03-01") become Notion's typed property
// values, by the type the database declares for each property. Keys may be property names or
// ids (Make's exports key them by id, URL-encoded: "U%7CNl").

export interface PropertySchema {
  id: string;
  type: string;
}

export type Schema = Record<string, PropertySchema>;

/** Notion caps one text object at 2,000 characters: longer text is split, never cut. */
const TEXT_CHUNK = 2000;

const COMPUTED = new Set([
  'formula',
  'rollup',
  'created_time',
  'created_by',
  'last_edited_time',
  'last_edited_by',
  'unique_id',
  'verification',
  'button',
]);

/** The property's name in the schema for a name or an id; undefined when there is none. */
export function propertyName(schema: Schema, key: string): string | undefined {
  if (key in schema) return key;
  const decoded = safeDecode(key);
  return Object.keys(schema).find(
    (name) => schema[name].id === key || safeDecode(schema[name].id) === decoded,
  );
}

export function toProperties(
  schema: Schema,
  values: Record<string, unknown>,
  path = 'properties',
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const name = propertyName(schema, key);
    if (!name)
      throw userError(
        `is not a property of the database (it has ${Object.keys(schema).join(', ')})`,
        `${path}.${key}`,
      );
    out[name] = toProperty(schema[name].type, value, `${path}.${key}`);
  }
  return out;
}

export function toProperty(type: string, value: unknown, path: string): Record<string, unknown> {
  if (COMPUTED.has(type))
    throw userError(`is a ${type} property, which Notion computes; it cannot be set`, path);
  const empty = value === null || value === '';
  switch (type) {
    case 'title':
    case 'rich_text':
      return { [type]: empty ? [] : richText(String(value)) };
    case 'number':
      return { number: empty ? null : numberOf(value, path) };
    case 'checkbox':
      return { checkbox: booleanOf(value, path) };
    case 'select':
    case 'status':
      return { [type]: empty ? null : { name: String(value) } };
    case 'multi_select':
      return { multi_select: listOf(value).map((name) => ({ name })) };
    case 'date':
      return { date: empty ? null : dateOf(value, path) };
    case 'url':
    case 'email':
    case 'phone_number':
      return { [type]: empty ? null : String(value) };
    case 'people':
      return { people: listOf(value).map((id) => ({ object: 'user', id })) };
    case 'relation':
      return { relation: listOf(value).map((id) => ({ id })) };
    case 'files':
      return {
        files: listOf(value).map((url) => ({ name: url.split('/').pop() || url, external: { url } })),
      };
    default:
      throw userError(`has the property type ${JSON.stringify(type)}, which this module cannot set`, path);
  }
}

export function richText(text: string): Array<Record<string, unknown>> {
  const parts: Array<Record<string, unknown>> = [];
  for (let i = 0; i < text.length; i += TEXT_CHUNK)
    parts.push({ type: 'text', text: { content: text.slice(i, i + TEXT_CHUNK) } });
  return parts;
}

/** A page as Make shows it: Notion's page plus `properties_value`, each property's own value. */
export function pageBundle(page: Record<string, unknown>): Record<string, unknown> {
  const properties = (page.properties ?? {}) as Record<string, { type: string } & Record<string, unknown>>;
  const values: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(properties)) values[name] = p[p.type] ?? null;
  return { ...page, properties_value: values };
}

function numberOf(value: unknown, path: string): number {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n)) throw userError(`must be a number (got ${JSON.stringify(value)})`, path);
  return n;
}

function booleanOf(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  const text = String(value).trim().toLowerCase();
  if (['true', '1', 'yes'].includes(text)) return true;
  if (['false', '0', 'no', ''].includes(text)) return false;
  throw userError(`must be true or false (got ${JSON.stringify(value)})`, path);
}

function listOf(value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  const items = Array.isArray(value) ? value : String(value).split(',');
  return items
    .map((v) => String(typeof v === 'object' && v && 'id' in v ? (v as { id: unknown }).id : v).trim())
    .filter(Boolean);
}

function dateOf(value: unknown, path: string): Record<string, unknown> {
  if (typeof value === 'object' && value && !(value instanceof Date) && 'start' in value) {
    const v = value as { start: unknown; end?: unknown };
    return { start: isoOf(v.start, `${path}.start`), end: v.end ? isoOf(v.end, `${path}.end`) : null };
  }
  return { start: isoOf(value, path) };
}

function isoOf(value: unknown, path: string): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return value.trim(); // a day
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  if (Number.isNaN(date.getTime())) throw userError(`must be a date (got ${JSON.stringify(value)})`, path);
  return date.toISOString();
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
