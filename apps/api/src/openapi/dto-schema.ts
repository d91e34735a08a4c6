import { getMetadataStorage, type ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

// class-transformer keeps @Type() targets in a storage its index does not export (the typings do).
const { defaultMetadataStorage } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('class-transformer/cjs/storage') as typeof import('class-transformer/types/storage');

/** A JSON Schema as OpenAPI 3.0 writes it (loosely typed: it is data for the document). */
export type Schema = Record<string, unknown>;
type Ctor = new (...args: never[]) => unknown;

// The request DTOs carry their rules as class-validator decorators and the global pipe enforces
// exactly those, so the document's request schemas are read from the same metadata: they cannot
// drift from what the server accepts (no duplicate @ApiProperty per field).
const CONDITIONAL: (typeof ValidationTypes)['CONDITIONAL_VALIDATION'] = 'conditionalValidation';
const NESTED: (typeof ValidationTypes)['NESTED_VALIDATION'] = 'nestedValidation';

/** What one class-validator rule says about a value, as JSON Schema keywords. */
function ruleSchema(m: ValidationMetadata): Schema {
  const c = (m.constraints ?? []) as unknown[];
  switch (m.name) {
    case 'isString':
      return { type: 'string' };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isArray':
      return { type: 'array' };
    case 'isEmail':
      return { type: 'string', format: 'email' };
    case 'isPlainObject':
      return { type: 'object', additionalProperties: true };
    case 'isObjectOrJsonText':
      return { oneOf: [{ type: 'object', additionalProperties: true }, { type: 'string' }] };
    case 'isIso8601':
      return { type: 'string', description: 'an ISO 8601 date or date-time' };
    case 'isTimeZone':
      return { type: 'string', description: 'an IANA time zone such as Europe/Amsterdam' };
    case 'isIn': {
      const values = c[0] as unknown[];
      const types = new Set(values.map((v) => typeof v));
      return types.size === 1 && types.has('string') ? { type: 'string', enum: values } : { enum: values };
    }
    case 'maxLength':
      return { maxLength: c[0] };
    case 'minLength':
      return { minLength: c[0] };
    case 'min':
      return { minimum: c[0] };
    case 'max':
      return { maximum: c[0] };
    case 'arrayMaxSize':
      return { maxItems: c[0] };
    case 'arrayMinSize':
      return { minItems: c[0] };
    case 'arrayUnique':
      return { uniqueItems: true };
    default:
      return {};
  }
}

const STRING_KEYS = ['maxLength', 'minLength', 'format'];
const NUMBER_KEYS = ['minimum', 'maximum'];

/** Rules that apply to each item (`{ each: true }`) go under `items`. */
function propertySchema(
  rules: ValidationMetadata[],
  nested: (cls: Ctor) => Schema,
  target: Ctor,
  key: string,
) {
  const own: Schema = {};
  const items: Schema = {};
  for (const rule of rules) {
    if (rule.type === NESTED) {
      const type = defaultMetadataStorage.findTypeMetadata(target, key)?.typeFunction() as Ctor | undefined;
      if (type) Object.assign(rule.each ? items : own, nested(type));
      continue;
    }
    Object.assign(rule.each ? items : own, ruleSchema(rule));
  }
  if (Object.keys(items).length) {
    own.type = 'array';
    own.items = items;
  }
  // Length limits read as item limits on arrays (class-validator's maxLength is for strings).
  if (own.type === 'array') {
    for (const k of STRING_KEYS) if (k in own) delete own[k];
  }
  if (own.type === 'string') for (const k of NUMBER_KEYS) delete own[k];
  // @IsOptional() lets null through as well as a missing key ("null clears" in updates).
  const optional = rules.some((r) => r.type === CONDITIONAL);
  if (optional && own.type) own.nullable = true;
  return { schema: own, optional };
}

/**
 * The JSON Schema of a DTO class from its class-validator rules: each decorated property, which of
 * them are required (no @IsOptional), no other property (the pipe refuses unknown fields).
 * `nested` names the schema of a nested DTO class (a component reference in the document).
 */
export function dtoSchema(cls: Ctor, nested: (cls: Ctor) => Schema): Schema {
  const rules = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const rule of rules) {
    if (!byProperty.has(rule.propertyName)) byProperty.set(rule.propertyName, []);
    byProperty.get(rule.propertyName)!.push(rule);
  }
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [key, list] of byProperty) {
    const { schema, optional } = propertySchema(list, nested, cls, key);
    properties[key] = schema;
    if (!optional) required.push(key);
  }
  return {
    type: 'object',
    properties,
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

/** The properties of a query DTO as OpenAPI query parameters. */
export function queryParameters(cls: Ctor): Schema[] {
  const schema = dtoSchema(cls, () => ({ type: 'object' }));
  const required = new Set((schema.required as string[] | undefined) ?? []);
  // A query string cannot carry null: `nullable` means nothing there.
  return Object.entries(schema.properties as Record<string, Schema>).map(([name, { nullable: _, ...s }]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: s,
  }));
}
