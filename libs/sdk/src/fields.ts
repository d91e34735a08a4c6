// Field declarations: one typed description of a parameter drives the run-time value type,
// the JSON metadata the canvas renders its form from, and validation/coercion.

export type FieldType =
  | 'text'
  | 'number'
  | 'boolean'
  | 'select'
  | 'connection'
  | 'json'
  | 'date'
  | 'array'
  | 'collection'
  | 'module'
  | 'resource'
  | 'any';

/** Resources the server offers as dynamic options (the canvas lists them in a picker). */
export type ResourceKind = 'datastore' | 'webhook' | 'customConnector' | 'keyResult' | 'objective';

export interface FieldBase {
  label?: string;
  help?: string;
  required?: boolean;
  default?: unknown;
  /** Shown under "advanced settings" in the form. */
  advanced?: boolean;
  placeholder?: string;
}

export interface TextField extends FieldBase {
  type: 'text';
  multiline?: boolean;
  /** Regular expression the text must match. */
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  /** Marks a credential: encrypted at rest, never returned, redacted. */
  secret?: boolean;
}
export interface NumberField extends FieldBase {
  type: 'number';
  integer?: boolean;
  min?: number;
  max?: number;
}
export interface BooleanField extends FieldBase {
  type: 'boolean';
}
export interface SelectOption {
  value: string | number | boolean;
  label: string;
}
export interface SelectField extends FieldBase {
  type: 'select';
  options: SelectOption[];
  multiple?: boolean;
}
export interface ConnectionField extends FieldBase {
  type: 'connection';
  connectionTypes: string[];
}
export interface JsonField extends FieldBase {
  type: 'json';
}
export interface DateField extends FieldBase {
  type: 'date';
  /** How a plain number is read: Make reads epoch milliseconds; some APIs use seconds. */
  numberUnit?: 'ms' | 's';
}
export interface ArrayField extends FieldBase {
  type: 'array';
  /** Sub-fields of each item (an array of collections), or a single field for scalar items. */
  items?: FieldMap | Field;
  minItems?: number;
}
export interface CollectionField extends FieldBase {
  type: 'collection';
  fields: FieldMap;
}
/** The id of an earlier module (an aggregator's source module). */
export interface ModuleRefField extends FieldBase {
  type: 'module';
}
export interface ResourceField extends FieldBase {
  type: 'resource';
  resource: ResourceKind;
}
export interface AnyField extends FieldBase {
  type: 'any';
}

export type Field =
  | TextField
  | NumberField
  | BooleanField
  | SelectField
  | ConnectionField
  | JsonField
  | DateField
  | ArrayField
  | CollectionField
  | ModuleRefField
  | ResourceField
  | AnyField;

export type FieldMap = Record<string, Field>;

type ItemValue<I> = I extends FieldMap ? ValuesOf<I> : I extends Field ? FieldValue<I> : unknown;

export type FieldValue<F extends Field> = F extends TextField
  ? string
  : F extends NumberField
    ? number
    : F extends BooleanField
      ? boolean
      : F extends SelectField
        ? F['multiple'] extends true
          ? Array<F['options'][number]['value']>
          : F['options'][number]['value']
        : F extends ConnectionField
          ? string | number
          : F extends DateField
            ? Date
            : F extends ArrayField
              ? Array<ItemValue<F['items']>>
              : F extends CollectionField
                ? ValuesOf<F['fields']>
                : F extends ModuleRefField
                  ? number
                  : F extends ResourceField
                    ? string | number
                    : unknown;

type RequiredKeys<M extends FieldMap> = {
  [K in keyof M]: M[K] extends { required: true }
    ? K
    : M[K] extends { default: string | number | boolean | object }
      ? K
      : never;
}[keyof M];
type OptionalKeys<M extends FieldMap> = Exclude<keyof M, RequiredKeys<M>>;

/** The run-time values of a field map: required fields typed as T, optional as T | undefined. */
export type ValuesOf<M extends FieldMap> = { [K in RequiredKeys<M>]: FieldValue<M[K]> } & {
  [K in OptionalKeys<M>]?: FieldValue<M[K]>;
};

// Builders keep the literal types (required: true, options) so ValuesOf can infer them.
export const field = {
  text: <const O extends Omit<TextField, 'type'>>(o: O = {} as O) => ({ type: 'text' as const, ...o }),
  number: <const O extends Omit<NumberField, 'type'>>(o: O = {} as O) => ({ type: 'number' as const, ...o }),
  boolean: <const O extends Omit<BooleanField, 'type'>>(o: O = {} as O) => ({
    type: 'boolean' as const,
    ...o,
  }),
  select: <const O extends Omit<SelectField, 'type'>>(o: O) => ({ type: 'select' as const, ...o }),
  connection: <const O extends Omit<ConnectionField, 'type'>>(o: O) => ({
    type: 'connection' as const,
    ...o,
  }),
  json: <const O extends Omit<JsonField, 'type'>>(o: O = {} as O) => ({ type: 'json' as const, ...o }),
  date: <const O extends Omit<DateField, 'type'>>(o: O = {} as O) => ({ type: 'date' as const, ...o }),
  array: <const O extends Omit<ArrayField, 'type'>>(o: O = {} as O) => ({ type: 'array' as const, ...o }),
  collection: <const O extends Omit<CollectionField, 'type'>>(o: O) => ({
    type: 'collection' as const,
    ...o,
  }),
  module: <const O extends Omit<ModuleRefField, 'type'>>(o: O = {} as O) => ({
    type: 'module' as const,
    ...o,
  }),
  resource: <const O extends Omit<ResourceField, 'type'>>(o: O) => ({ type: 'resource' as const, ...o }),
  any: <const O extends Omit<AnyField, 'type'>>(o: O = {} as O) => ({ type: 'any' as const, ...o }),
};

/** Turns ['a', 'b'] into select options with the value as label. */
export function options(...values: Array<string | [string, string]>): SelectOption[] {
  return values.map((v) => (Array.isArray(v) ? { value: v[0], label: v[1] } : { value: v, label: v }));
}
