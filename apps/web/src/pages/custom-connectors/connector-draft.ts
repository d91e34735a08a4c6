import type { AuthType, ConnectorRequest, CustomConnector } from '../../api/admin-types';

// The request builder's state and its conversion to the API's body. Params and headers are
// edited as rows (order kept, blank rows allowed) and sent as { name: value } objects.

export interface Pair {
  name: string;
  value: string;
}

export interface ConnectorDraft {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  params: Pair[];
  headers: Pair[];
  body: string;
  authType: AuthType;
  /** Auth fields as typed; stored secrets are not here (the server keeps them). */
  auth: Record<string, unknown>;
  fieldPath: string;
}

export const AUTH_LABELS: Record<AuthType, string> = {
  none: 'No Auth',
  apiKey: 'API key',
  bearer: 'Bearer token',
  basic: 'Basic auth',
  oauth2ClientCredentials: 'OAuth 2.0 (client credentials)',
};

export function emptyDraft(): ConnectorDraft {
  return {
    name: '',
    method: 'GET',
    url: '',
    params: [],
    headers: [],
    body: '',
    authType: 'none',
    auth: {},
    fieldPath: '',
  };
}

export function draftOf(c: CustomConnector): ConnectorDraft {
  const { type, ...values } = c.auth;
  return {
    name: c.name,
    method: c.method,
    url: c.url,
    params: toPairs(c.params),
    headers: toPairs(c.headers),
    body: c.body ?? '',
    authType: type,
    auth: values,
    fieldPath: c.fieldPath ?? '',
  };
}

/** The request part of the body (Send and Save); empty auth values are left out (stored secrets stay). */
export function requestOf(d: ConnectorDraft): ConnectorRequest {
  const auth: Record<string, unknown> = { type: d.authType };
  if (d.authType !== 'none')
    for (const [k, v] of Object.entries(d.auth))
      if (v !== undefined && v !== null && v !== '') auth[k] = String(v);
  return {
    method: d.method,
    url: d.url.trim(),
    params: toRecord(d.params),
    headers: toRecord(d.headers),
    body: d.method === 'POST' && d.body.trim() ? d.body : null,
    auth: auth as ConnectorRequest['auth'],
    fieldPath: d.fieldPath.trim(),
  };
}

export function toPairs(record: Record<string, string> | null | undefined): Pair[] {
  return Object.entries(record ?? {}).map(([name, value]) => ({ name, value: String(value) }));
}

/** Rows with a name; a repeated name keeps its last value. */
export function toRecord(pairs: readonly Pair[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) if (p.name.trim()) out[p.name.trim()] = p.value;
  return out;
}

export function duplicateNames(pairs: readonly Pair[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const p of pairs) {
    const name = p.name.trim().toLowerCase();
    if (!name) continue;
    if (seen.has(name)) twice.add(p.name.trim());
    seen.add(name);
  }
  return [...twice];
}
