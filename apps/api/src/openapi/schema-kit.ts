import type { Schema } from './dto-schema';

// Building blocks of the document's schemas (schemas.ts, schemas-features.ts).

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const str: Schema = { type: 'string' };
export const int: Schema = { type: 'integer' };
export const num: Schema = { type: 'number' };
export const bool: Schema = { type: 'boolean' };
export const any: Schema = {};
export const when: Schema = { type: 'number', description: 'epoch milliseconds' };
// OpenAPI 3.0 has no null type: `nullable` needs a `type` beside it and a $ref takes no
// siblings, so a nullable reference is "the referenced schema or null" (3.0.3's form of null).
export const NULL: Schema = { type: 'object', nullable: true, enum: [null] };
export const nullable = (s: Schema): Schema => (s.$ref ? { anyOf: [s, NULL] } : { ...s, nullable: true });
export const arr = (items: Schema): Schema => ({ type: 'array', items });
export const map = (values: Schema): Schema => ({ type: 'object', additionalProperties: values });
export const openObject: Schema = { type: 'object', additionalProperties: true };

/** An object whose listed keys are required unless their name ends with `?`. */
export function obj(fields: Record<string, Schema>, extra: Schema = {}): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [key, schema] of Object.entries(fields)) {
    const name = key.endsWith('?') ? key.slice(0, -1) : key;
    properties[name] = schema;
    if (!key.endsWith('?')) required.push(name);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}), ...extra };
}

export const idName = obj({ id: int, name: str });
export const runStatus: Schema = {
  type: 'string',
  enum: ['queued', 'running', 'success', 'warning', 'error'],
};
