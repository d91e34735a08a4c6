import {
  ProfitFault,
  type Reply,
  type StoredRecord,
  type UpdateConnectorSeed,
  type UpdateObjectMeta,
} from './fake-afas-seed';

// UpdateConnector semantics of the fake (reference §6): the Element/Fields/Objects body for
// POST (insert) and PUT (update), key paths for DELETE, results with string keys.

type Json = Record<string, unknown>;
type Action = 'insert' | 'update' | 'delete';

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Objects come as an array of single-key objects or as a map (both accepted, reference §6). */
function objectEntries(objects: unknown, owner: string): Array<[string, unknown]> {
  if (objects === undefined) return [];
  if (Array.isArray(objects))
    return objects.flatMap((o) => (isObject(o) ? Object.entries(o) : badObjects(owner)));
  if (isObject(objects)) return Object.entries(objects);
  return badObjects(owner);
}

function badObjects(owner: string): never {
  throw new ProfitFault(`The Objects of '${owner}' must be an array or an object.`);
}

function actionOf(element: Json, fallback: Action): Action {
  const fields = isObject(element.Fields) ? element.Fields : {};
  const raw = element['@Action'] ?? fields['@Action'];
  if (raw === undefined) return fallback;
  const action = String(raw).toLowerCase();
  if (action !== 'insert' && action !== 'update' && action !== 'delete')
    throw new ProfitFault(`Unknown @Action '${String(raw)}'.`);
  return action;
}

/** Checks one element against the metainfo; values are coerced loosely ("1", true, "7" all pass). */
function checkElement(element: unknown, meta: UpdateObjectMeta, action: Action): void {
  if (!isObject(element)) throw new ProfitFault(`The Element of '${meta.name}' must be an object.`);
  const keys = meta.fields.filter((f) => f.primaryKey).map((f) => f.fieldId);
  for (const k of Object.keys(element)) {
    if (k.startsWith('@') && k !== '@Action' && !keys.includes(k.slice(1)))
      throw new ProfitFault(`Unknown attribute '${k}' on '${meta.name}'.`);
    if (!k.startsWith('@') && k !== 'Fields' && k !== 'Objects')
      throw new ProfitFault(`Unknown property '${k}' in the Element of '${meta.name}'.`);
  }
  if (element.Fields !== undefined && !isObject(element.Fields))
    throw new ProfitFault(`The Fields of '${meta.name}' must be an object.`);
  const fields = (element.Fields as Json | undefined) ?? {};
  for (const [name, value] of Object.entries(fields)) {
    if (name === '@Action') continue;
    const f = meta.fields.find((x) => x.fieldId === name);
    if (!f) throw new ProfitFault(`The field '${name}' does not exist in '${meta.name}'.`);
    if (value !== null && typeof value === 'object')
      throw new ProfitFault(`The value of field '${name}' must be a single value.`);
    if (f.dataType === 'int' && value !== '' && value !== null && !/^-?\d+$/.test(String(value)))
      throw new ProfitFault(`The value for '${f.label}' is not a whole number.`);
    if (f.values.length && value !== '' && value !== null && !f.values.some((v) => v.id === String(value))) {
      throw new ProfitFault(`The entered value for '${f.label}' does not exist.`, -2147220469);
    }
  }
  if (action === 'insert') {
    for (const f of meta.fields) {
      const v = fields[f.fieldId];
      if (f.mandatory && (v === undefined || v === null || v === ''))
        throw new ProfitFault(`The field '${f.label}' is mandatory.`);
    }
  }
  for (const [name, sub] of objectEntries(element.Objects, meta.name)) {
    const subMeta = meta.objects.find((o) => o.name === name);
    if (!subMeta) throw new ProfitFault(`The object '${name}' does not exist in '${meta.name}'.`);
    if (!isObject(sub) || !('Element' in sub))
      throw new ProfitFault(`The object '${name}' needs an Element.`);
    for (const e of [sub.Element].flat()) checkElement(e, subMeta, actionOf(isObject(e) ? e : {}, 'insert'));
  }
}

function keyOf(seed: UpdateConnectorSeed, element: Json): string | undefined {
  const raw =
    seed.key.in === 'attribute'
      ? element[`@${seed.key.name}`]
      : (element.Fields as Json | undefined)?.[seed.key.name];
  return raw === undefined || raw === null || raw === '' ? undefined : String(raw);
}

function apply(seed: UpdateConnectorSeed, element: Json, action: Action): string {
  const key = keyOf(seed, element);
  const fields = Object.fromEntries(
    Object.entries((element.Fields as Json | undefined) ?? {}).filter(([k]) => k !== '@Action'),
  );
  const existing = key === undefined ? undefined : seed.records.find((r) => r.key === key);
  if (action === 'insert') {
    if (existing) throw new ProfitFault(`A record with key '${key}' already exists.`);
    const record: StoredRecord = { key: key ?? String(seed.nextKey++), fields, objects: element.Objects };
    seed.records.push(record);
    return record.key;
  }
  if (key === undefined) throw new ProfitFault(`The key field '${seed.key.name}' is required to ${action}.`);
  if (!existing) throw new ProfitFault(`The record with key '${key}' does not exist.`);
  if (action === 'delete') seed.records.splice(seed.records.indexOf(existing), 1);
  else
    Object.assign(existing, {
      fields: { ...existing.fields, ...fields },
      objects: element.Objects ?? existing.objects,
    });
  return key;
}

/** POST/PUT: the body is rooted at the main connector even for a sub-object URL. */
export function runUpdate(
  id: string,
  seed: UpdateConnectorSeed,
  method: 'POST' | 'PUT',
  body: unknown,
  subObject?: string,
): Reply {
  if (subObject !== undefined && !seed.meta.objects.some((o) => o.name === subObject)) {
    throw new ProfitFault(`The object '${subObject}' does not exist in '${id}'.`);
  }
  if (!isObject(body) || !isObject(body[id])) throw new ProfitFault(`The request must be rooted at '${id}'.`);
  const extra = Object.keys(body).filter((k) => k !== id);
  if (extra.length) throw new ProfitFault(`Unknown root object '${extra[0]}'.`);
  const root = body[id] as Json;
  if (!('Element' in root)) throw new ProfitFault(`'${id}' needs an Element.`);
  const elements = [root.Element].flat();
  if (!elements.length) throw new ProfitFault(`'${id}' needs at least one Element.`);
  const fallback: Action = method === 'POST' ? 'insert' : 'update';
  const plan = elements.map((e) => {
    const action = actionOf(isObject(e) ? e : {}, fallback);
    checkElement(e, seed.meta, action);
    return { element: e as Json, action };
  });
  const keys = plan.map((p) => apply(seed, p.element, p.action));
  if (seed.emptyResponse) return { status: 201 };
  return { status: 201, body: { results: { [id]: { [seed.key.name]: keys[keys.length - 1] } } } };
}

/** DELETE `/{Object}/@K1,@K2/v1,v2[/{Object}/…]`: the "@" is optional (reference §6). */
export function runDelete(id: string, seed: UpdateConnectorSeed, segments: string[]): Reply {
  if (!segments.length || segments.length % 3 !== 0)
    throw new ProfitFault('The delete path must be /{Object}/{keys}/{values}.');
  const [object, keyList, valueList] = segments;
  if (object !== (seed.objectName ?? id))
    throw new ProfitFault(`The object '${object}' does not belong to '${id}'.`);
  for (let i = 3; i < segments.length; i += 3) {
    if (!seed.meta.objects.some((o) => o.name === segments[i]))
      throw new ProfitFault(`The object '${segments[i]}' does not exist in '${id}'.`);
  }
  const keys = keyList.split(',').map((k) => k.replace(/^@/, ''));
  const values = valueList.split(',');
  if (keys.length !== values.length) throw new ProfitFault('The number of key fields and values differ.');
  const at = keys.indexOf(seed.key.name);
  if (at < 0) throw new ProfitFault(`The key field '${seed.key.name}' is missing from the delete path.`);
  const existing = seed.records.find((r) => r.key === values[at]);
  if (!existing) throw new ProfitFault(`The record with key '${values[at]}' does not exist.`);
  seed.records.splice(seed.records.indexOf(existing), 1);
  return { status: 200 };
}
