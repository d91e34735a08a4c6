import {
  userError,
  type AuthTarget,
  type ConnectionTypeDefinition,
  type FieldMap,
  type HttpRequest,
  type ResolvedConnection,
  type ValuesOf,
} from '@integrator/sdk';
import { appendQuery, encodeBody } from './body';
import { secretVariants } from './redact';

/** What the connection adds to requests; every value is a secret. */
export interface AuthMaterial {
  headers: Record<string, string>;
  query: Record<string, string>;
  /** Secrets in every form they may take in text (see secretVariants). */
  secrets: string[];
}

/** A request ready for the wire, before authentication (applied per hop, see redirects). */
export interface PreparedRequest {
  method: string;
  url: URL;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: Buffer;
}

export const NO_AUTH: AuthMaterial = { headers: {}, query: {}, secrets: [] };

// Framing and connection headers belong to the transport: the client sets them from the body.
const MANAGED_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
]);

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export async function authMaterial(
  connection: ResolvedConnection | undefined,
  type: ConnectionTypeDefinition<FieldMap> | undefined,
): Promise<AuthMaterial> {
  if (!connection || !type) return NO_AUTH;
  const credentials = connection.credentials as ValuesOf<FieldMap>;
  const target: AuthTarget = { headers: {}, query: {} };
  await type.authenticate?.(credentials, target);
  const headers = lowerKeys(target.headers);
  const added = [...Object.values(headers), ...Object.values(target.query).map(String)];
  return {
    headers,
    query: { ...target.query },
    secrets: secretVariants([...added, ...fieldSecrets(connection, type)]),
  };
}

/** No authentication (request.auth false), but the connection's secrets are still redacted. */
export function fieldSecretMaterial(
  connection: ResolvedConnection | undefined,
  type: ConnectionTypeDefinition<FieldMap> | undefined,
): AuthMaterial {
  if (!connection || !type) return NO_AUTH;
  return { headers: {}, query: {}, secrets: secretVariants(fieldSecrets(connection, type)) };
}

/** Credential fields declared secret (the token itself, a password…), whatever authenticate() does. */
function fieldSecrets(connection: ResolvedConnection, type: ConnectionTypeDefinition<FieldMap>): string[] {
  return Object.entries(type.fields)
    .filter(([, f]) => f.type === 'text' && f.secret)
    .map(([name]) => connection.credentials[name])
    .filter((v): v is string => typeof v === 'string' && v !== '');
}

export async function prepareRequest(
  request: HttpRequest,
  baseUrl: string | undefined,
): Promise<PreparedRequest> {
  if (!request || typeof request.url !== 'string' || request.url.trim() === '')
    throw userError('is required', 'url');
  const method = (request.method ?? 'GET').toUpperCase();
  if (!TOKEN.test(method))
    throw userError(`${JSON.stringify(request.method)} is not an HTTP method`, 'method');
  const url = resolveUrl(request.url.trim(), baseUrl);
  if (request.query) appendQuery(url.searchParams, request.query);
  const headers = checkedHeaders(request.headers ?? {});
  let body: Buffer | undefined;
  if (request.body) {
    const encoded = await encodeBody(request.body);
    body = encoded.bytes;
    headers['content-type'] ??= encoded.contentType;
  }
  return { method, url, headers, body };
}

export function resolveUrl(raw: string, baseUrl: string | undefined): URL {
  let url: URL;
  if (/^[a-z][a-z\d+.-]*:/i.test(raw)) {
    try {
      url = new URL(raw);
    } catch {
      throw userError(`is not a valid URL (got ${JSON.stringify(raw)})`, 'url');
    }
  } else if (baseUrl) {
    // Joined like a path (axios' baseURL), so "https://api/v2" + "/plans" keeps /v2.
    try {
      url = new URL(`${baseUrl.replace(/\/+$/, '')}/${raw.replace(/^\/+/, '')}`);
    } catch {
      throw userError(`is not a valid URL against the base URL (got ${JSON.stringify(raw)})`, 'url');
    }
  } else {
    throw userError(
      `is not a valid URL: ${JSON.stringify(raw)} is relative and the connection has no base URL`,
      'url',
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw userError(`must be an http or https URL (got ${url.protocol})`, 'url');
  return url;
}

function checkedHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined || raw === null || MANAGED_HEADERS.has(name.toLowerCase())) continue;
    if (!TOKEN.test(name)) throw userError(`${JSON.stringify(name)} is not a valid header name`, 'headers');
    const value = String(raw);
    if (/[\r\n\0]/.test(value))
      throw userError(`${name} has a line break or NUL character in its value`, 'headers');
    out[name.toLowerCase()] = value;
  }
  return out;
}

export function lowerKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = String(v);
  return out;
}
