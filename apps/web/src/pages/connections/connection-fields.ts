import type { ConnectionTypeMetadata, FieldMetadata } from '@integrator/sdk';

// How a connection type's fields become a form: secrets the server holds show as "set" and
// stay empty (the API never returns them); an empty secret is left out, which keeps it.

export function isSecret(field: FieldMetadata): boolean {
  return field.type === 'text' && (field as { secret?: boolean }).secret === true;
}

/** The type's fields for the form; `secretsSet` marks the secrets already stored. */
export function connectionFormFields(
  type: ConnectionTypeMetadata,
  secretsSet: readonly string[],
): FieldMetadata[] {
  return type.fields.map((field) => {
    if (!isSecret(field) || !secretsSet.includes(field.name)) return field;
    return {
      ...field,
      required: false,
      placeholder: 'set',
      help: `Set. Type a new value to replace it; leave it empty to keep it.${field.help ? ` ${field.help}` : ''}`,
    } as FieldMetadata;
  });
}

/** The credentials to send: empty values left out (a left-out secret keeps its stored value). */
export function credentialsToSend(
  type: ConnectionTypeMetadata,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const declared = new Set(type.fields.map((f) => f.name));
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(values)) {
    if (!declared.has(name) || value === undefined || value === null || value === '') continue;
    out[name] = value;
  }
  return out;
}

/** Non-secret stored values to start an edit from; secrets start empty. */
export function initialValues(
  type: ConnectionTypeMetadata | undefined,
  values: Record<string, unknown> | undefined,
): Record<string, unknown> {
  if (!type || !values) return {};
  const secrets = new Set(type.fields.filter(isSecret).map((f) => f.name));
  return Object.fromEntries(Object.entries(values).filter(([k]) => !secrets.has(k)));
}
