import { userError } from '@integrator/sdk';
import { filterValueText } from './filters';

// UpdateConnector bodies (reference §6): `{ "<Connector>": { "Element": { "@Key": …, "Fields": {…},
// "Objects": … } } }`, built from a raw payload and/or mapped fields.

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/** The raw payload as a whole body, a `{ Element }` wrapper, an element, or a list of elements. */
function baseBody(connectorId: string, payload: unknown): Json {
  if (payload === undefined || payload === null || payload === '') return { [connectorId]: { Element: {} } };
  if (Array.isArray(payload)) return { [connectorId]: { Element: payload } };
  if (!isObject(payload))
    throw userError('must be a JSON object in AFAS\'s {"Element": {"Fields": …}} shape', 'payload');
  const keys = Object.keys(payload);
  if (keys.length === 1 && isObject(payload[keys[0]]) && 'Element' in (payload[keys[0]] as Json))
    return structuredClone(payload);
  if ('Element' in payload) return { [connectorId]: structuredClone(payload) };
  return { [connectorId]: { Element: structuredClone(payload) } };
}

/** AFAS reads dates as Amsterdam wall-clock time; other values go as they are. */
function fieldValue(value: unknown): unknown {
  return value instanceof Date ? filterValueText(value) : value;
}

/** Both documented Objects forms: an array of single-key objects, or a map. */
function mergeObjects(existing: unknown, added: unknown): unknown {
  if (existing === undefined) return added;
  const asArray = (v: unknown): unknown[] =>
    Array.isArray(v) ? v : isObject(v) ? Object.entries(v).map(([k, o]) => ({ [k]: o })) : [v];
  if (isObject(existing) && isObject(added)) return { ...existing, ...added };
  return [...asArray(existing), ...asArray(added)];
}

export interface PayloadInput {
  connectorId: string;
  fields?: Json;
  objects?: unknown;
  payload?: unknown;
}

export function buildPayload(input: PayloadInput): Json {
  const body = baseBody(input.connectorId, input.payload);
  const fields = Object.entries(input.fields ?? {}).filter(([, v]) => v !== undefined);
  if (!fields.length && input.objects === undefined) return body;
  const root = body[Object.keys(body)[0]] as Json;
  const element = root.Element;
  if (!isObject(element)) {
    throw userError(
      'holds several elements; with several records put the fields into the payload itself',
      'payload',
    );
  }
  for (const [key, value] of fields) {
    // Key attributes are XML attributes, rendered as "@"-properties on the Element.
    if (key.startsWith('@')) element[key] = fieldValue(value);
    else {
      if (element.Fields !== undefined && !isObject(element.Fields))
        throw userError('Element.Fields must be an object', 'payload');
      element.Fields = { ...((element.Fields as Json | undefined) ?? {}), [key]: fieldValue(value) };
    }
  }
  if (input.objects !== undefined && input.objects !== null && input.objects !== '') {
    if (!isObject(input.objects) && !Array.isArray(input.objects))
      throw userError('must be a JSON array or object', 'objects');
    element.Objects = mergeObjects(element.Objects, input.objects);
  }
  return body;
}

/** One path segment keeping "," and "@", which AFAS's delete key paths use literally. */
function keySegment(text: string): string {
  return encodeURIComponent(text).replace(/%2C/gi, ',').replace(/%40/g, '@');
}

/** `{Object}/@Key1,@Key2/value1,value2` from the key fields (reference §6 DELETE). */
export function deletePath(objectName: string, keys: Json | undefined): string {
  const entries = Object.entries(keys ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
  if (!entries.length)
    throw userError(
      'must hold the key field(s) and value(s) of the record to delete, e.g. {"SbId": 123}',
      'fields',
    );
  const names = entries.map(([k]) => `@${k.replace(/^@/, '')}`);
  const values = entries.map(([k, v]) => {
    const text = filterValueText(v);
    if (text.includes(',') || text.includes('/'))
      throw userError('must not contain "," or "/" in a delete key', `fields.${k}`);
    return text;
  });
  return [objectName, names.join(','), values.join(',')].map(keySegment).join('/');
}

/** A raw extra path (sub-object URL or full delete key path), each segment encoded. */
export function extraPath(path: string): string {
  return path
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(keySegment)
    .join('/');
}
