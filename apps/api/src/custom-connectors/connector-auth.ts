import {
  apiKeyConnection,
  basicConnection,
  bearerConnection,
  oauth2ClientCredentialsConnection,
} from '@integrator/apps/http';
import { checkFields, type FieldMap } from '@integrator/sdk';
import { FieldsException, type FieldError } from '../common/errors.filter';
import type { AnyConnectionType } from '../connections/connection-types';

// The Authorization tab of a custom connector: No Auth by default, or one of the generic
// connection types of the HTTP app, whose authenticate() adds the credentials to the request.

export const AUTH_TYPES = ['none', 'apiKey', 'bearer', 'basic', 'oauth2ClientCredentials'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

const CONNECTION_TYPES: Record<Exclude<AuthType, 'none'>, AnyConnectionType> = {
  apiKey: apiKeyConnection,
  bearer: bearerConnection,
  basic: basicConnection,
  oauth2ClientCredentials: oauth2ClientCredentialsConnection,
};

// The connector's URL is absolute (no base URL) and we fetch the access token ourselves.
const NOT_EDITABLE = new Set(['baseUrl', 'accessToken']);

export interface ParsedAuth {
  type: AuthType;
  /** Non-secret fields, returned by the API. */
  values: Record<string, unknown>;
  /** Secret fields: stored encrypted, never returned. */
  secrets: Record<string, unknown>;
}

export const NO_AUTH: ParsedAuth = { type: 'none', values: {}, secrets: {} };

export function isAuthType(value: unknown): value is AuthType {
  return typeof value === 'string' && (AUTH_TYPES as readonly string[]).includes(value);
}

export function connectionTypeOf(type: AuthType): AnyConnectionType | undefined {
  return type === 'none' ? undefined : CONNECTION_TYPES[type];
}

/** The fields a user fills in for an authorization type. */
export function authFields(type: AuthType): FieldMap {
  const declared = (connectionTypeOf(type)?.fields ?? {}) as FieldMap;
  return Object.fromEntries(Object.entries(declared).filter(([name]) => !NOT_EDITABLE.has(name)));
}

export function secretFieldNames(type: AuthType): string[] {
  return Object.entries(authFields(type))
    .filter(([, f]) => f.type === 'text' && f.secret)
    .map(([name]) => name);
}

/**
 * Reads `auth` ({ type, ...fields }) from a request body. Secret fields left out keep their
 * stored value when the type is unchanged (the UI never has them to send back).
 */
export function parseAuth(input: Record<string, unknown> | undefined, stored?: ParsedAuth): ParsedAuth {
  if (input === undefined) return stored ?? NO_AUTH;
  const { type = 'none', ...given } = input;
  if (!isAuthType(type)) {
    throw new FieldsException([
      { path: 'auth.type', message: `must be one of ${AUTH_TYPES.join(', ')} (got ${JSON.stringify(type)})` },
    ]);
  }
  const fields = authFields(type);
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(given)) {
    if (!(name in fields))
      errors.push({ path: `auth.${name}`, message: `is not a field of the ${type} authorization` });
    else if (value !== null && typeof value !== 'string')
      errors.push({ path: `auth.${name}`, message: 'must be text' });
  }
  const secretNames = secretFieldNames(type);
  const kept = stored?.type === type ? stored.secrets : {};
  const merged: Record<string, unknown> = {};
  for (const name of secretNames) if (kept[name] !== undefined) merged[name] = kept[name];
  for (const [name, value] of Object.entries(given)) if (value !== null && value !== '') merged[name] = value;
  errors.push(...checkFields(fields, merged, 'auth'));
  if (errors.length) throw new FieldsException(errors);
  const parsed: ParsedAuth = { type, values: {}, secrets: {} };
  for (const [name, value] of Object.entries(merged))
    (secretNames.includes(name) ? parsed.secrets : parsed.values)[name] = value;
  return parsed;
}

/** Whether a new token is needed: anything the token request depends on changed. */
export function tokenInputsChanged(before: ParsedAuth, after: ParsedAuth): boolean {
  if (before.type !== after.type) return true;
  const keys = ['tokenUrl', 'clientId', 'clientSecret', 'scope', 'audience'];
  const all = (a: ParsedAuth) => ({ ...a.values, ...a.secrets });
  return keys.some((k) => all(before)[k] !== all(after)[k]);
}
