import type { Field, FieldMetadata } from '@integrator/sdk';

// FieldMetadata in the SDK is an Omit over the Field union, which keeps only the common keys.
// The JSON the API serves carries every key of the declaring field, so the form works with
// this distributed version, one variant per field type.

interface Nested {
  name: string;
  items?: FormField[] | FormField;
  fields?: FormField[];
}
type Meta<F> = F extends Field ? Omit<F, 'items' | 'fields'> & Nested : never;

export type FormField = Meta<Field>;

export function formFields(fields: readonly FieldMetadata[] | undefined): FormField[] {
  return (fields ?? []) as FormField[];
}

/** Fields whose value may be text holding {{ mappings }}. */
export function isTextLike(field: FormField): boolean {
  switch (field.type) {
    case 'text':
    case 'number':
    case 'date':
    case 'json':
    case 'any':
      return true;
    case 'array':
      return field.items === undefined;
    default:
      return false;
  }
}

/** The initial values of a field list: declared defaults, nested into collections. */
export function fieldDefaults(fields: readonly FormField[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.default !== undefined) out[field.name] = structuredCloneJson(field.default);
    else if (field.type === 'collection') {
      const inner = fieldDefaults(field.fields ?? []);
      if (Object.keys(inner).length) out[field.name] = inner;
    }
  }
  return out;
}

/** Sub-fields of an array field's rows, or undefined for scalar items. */
export function rowFields(field: FormField): FormField[] | undefined {
  if (field.type !== 'array' || field.items === undefined) return undefined;
  return Array.isArray(field.items) ? field.items : undefined;
}

export function scalarItem(field: FormField): FormField | undefined {
  if (field.type !== 'array' || field.items === undefined || Array.isArray(field.items)) return undefined;
  return field.items;
}

function structuredCloneJson<T>(value: T): T {
  return value === null || typeof value !== 'object' ? value : (JSON.parse(JSON.stringify(value)) as T);
}
