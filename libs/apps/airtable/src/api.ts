import { ModuleError, userError, type ErrorType, type HttpClient, type QueryValue } from '@integrator/sdk';

// Airtable Web API v0. Errors: { error: { type, message } } (or { error: "NOT_FOUND" }); a 429
// means "wait 30 seconds" (Airtable's rate limits: 5 requests per second per base), and Airtable
// sends no Retry-After, so the first retry waits at least 30 s unless the answer says otherwise.

export interface AirtableRequest {
  method: string;
  url: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  json?: unknown;
}

export const RATE_LIMIT_WAIT_MS = 30_000;

export async function callAirtable(
  http: HttpClient,
  r: AirtableRequest,
  fields: Record<string, string> = {},
) {
  const res = await http.request<unknown>({
    method: r.method,
    url: r.url,
    query: r.query,
    headers: r.headers,
    body: r.json === undefined ? undefined : { type: 'json', data: r.json },
    responseType: 'json',
    throwOnError: false,
    // 429 and 503 are retried for every method; other 5xx only for reads (nonIdempotent false).
    // The client's backoff is jittered between half and all of the base: 60 s gives 30–60 s.
    retry: { retries: 3, baseDelayMs: 2 * RATE_LIMIT_WAIT_MS, maxDelayMs: 120_000, nonIdempotent: false },
  });
  if (res.status >= 200 && res.status < 300) return res;
  throw airtableError(res.status, res.body, fields);
}

export function airtableError(
  status: number,
  body: unknown,
  fields: Record<string, string> = {},
): ModuleError {
  const raw = (body as { error?: unknown } | undefined)?.error;
  const e =
    typeof raw === 'string'
      ? { type: raw, message: undefined }
      : ((raw ?? {}) as { type?: string; message?: string });
  const text = `Airtable: ${e.message ?? e.type ?? `HTTP ${status}`}`;
  const details = { status, body: body ?? null };
  if (status === 429)
    return new ModuleError(text, { kind: 'transient', type: 'RateLimitError', status, details });
  if (status >= 500)
    return new ModuleError(text, { kind: 'transient', type: 'ConnectionError', status, details });
  const type: ErrorType = status === 401 ? 'AccountValidationError' : 'DataError';
  return new ModuleError(text, { kind: 'user', type, status, field: fieldOf(e.type, fields), details });
}

function fieldOf(type: string | undefined, fields: Record<string, string>): string | undefined {
  switch (type) {
    case 'UNKNOWN_FIELD_NAME':
    case 'INVALID_VALUE_FOR_COLUMN':
    case 'INVALID_RECORDS':
      return fields.record;
    case 'INVALID_FILTER_BY_FORMULA':
      return 'formula';
    case 'INVALID_SORT':
      return 'sort';
    case 'VIEW_NAME_NOT_FOUND':
      return 'view';
    case 'MODEL_ID_NOT_FOUND':
    case 'NOT_FOUND':
      return fields.id;
    case 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND':
      return 'table';
    default:
      return undefined;
  }
}

/** One URL path segment: a base id, a table name or id, a record id. */
export function segment(value: unknown, field: string): string {
  const text = value === undefined || value === null ? '' : String(value).trim();
  if (!text) throw userError('is required', field, 'BundleValidationError');
  if (text === '.' || text === '..') throw userError(`cannot be "${text}"`, field, 'BundleValidationError');
  return encodeURIComponent(text);
}

export interface AirtableRecord {
  id: string;
  createdTime: string;
  fields: Record<string, unknown>;
}

/** A record as Make shows it: id and createdTime beside the fields. */
export function recordBundle(r: AirtableRecord): Record<string, unknown> {
  return { ...r.fields, id: r.id, createdTime: r.createdTime };
}
