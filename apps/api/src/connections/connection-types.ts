import type { ConnectionTypeDefinition, FieldMap } from '@integrator/sdk';
import { checkFields } from '@integrator/sdk';
import type { FieldError } from '../common/errors.filter';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyConnectionType = ConnectionTypeDefinition<any>;

export function secretNames(type: AnyConnectionType): string[] {
  return Object.entries(type.fields as FieldMap)
    .filter(([, f]) => f.type === 'text' && f.secret)
    .map(([name]) => name);
}

/** Splits credentials into plain values and secrets, by the type's declaration. */
export function split(type: AnyConnectionType, credentials: Record<string, unknown>) {
  const secrets = new Set(secretNames(type));
  const values: Record<string, unknown> = {};
  const hidden: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(credentials)) (secrets.has(k) ? hidden : values)[k] = v;
  return { values, secrets: hidden };
}

/** Field errors for credentials: unknown fields, and what the declaration requires. */
export function credentialErrors(
  type: AnyConnectionType,
  credentials: Record<string, unknown>,
  prefix = 'credentials',
): FieldError[] {
  const declared = new Set(Object.keys(type.fields));
  const unknown = Object.keys(credentials)
    .filter((k) => !declared.has(k))
    .map((k) => ({ path: `${prefix}.${k}`, message: `is not a field of connection type ${type.key}` }));
  return [...unknown, ...checkFields(type.fields as FieldMap, credentials, prefix)];
}
