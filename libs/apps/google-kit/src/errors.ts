import {
  ModuleError,
  type ErrorType,
  type HttpClient,
  type HttpResponse,
  type QueryValue,
} from '@integrator/sdk';

// Google APIs answer errors as { error: { code, message, status, errors?: [{ reason, location,
// locationType, message }] } } ("Google API errors", AIP-193). Rate limits come as 429 with
// Retry-After, and in Drive also as 403 with reason rateLimitExceeded / userRateLimitExceeded.

export interface GoogleRequest {
  method: string;
  url: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  json?: unknown;
  raw?: { data: Uint8Array | string; contentType: string };
  responseType?: 'json' | 'binary' | 'text';
}

/** Sends the request; a non-2xx answer becomes a ModuleError (fields: Google's parameter → our field). */
export async function callGoogle<T = unknown>(
  http: HttpClient,
  r: GoogleRequest,
  fields: Record<string, string> = {},
): Promise<HttpResponse<T>> {
  const res = await http.request<T>({
    method: r.method,
    url: r.url,
    query: r.query,
    headers: r.headers,
    body:
      r.raw !== undefined
        ? { type: 'raw', data: r.raw.data, contentType: r.raw.contentType }
        : r.json === undefined
          ? undefined
          : { type: 'json', data: r.json },
    responseType: r.responseType ?? 'json',
    throwOnError: false,
  });
  if (res.status >= 200 && res.status < 300) return res;
  throw googleError(res.status, res.body, res.headers, fields);
}

interface GoogleErrorBody {
  error?: {
    code?: number;
    message?: string;
    status?: string;
    errors?: Array<{ reason?: string; location?: string; locationType?: string; message?: string }>;
  };
}

const RATE_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

/** Google's error answer as one of Make's error types, naming our field when Google names a parameter. */
export function googleError(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  fields: Record<string, string> = {},
): ModuleError {
  const e = parseBody(body).error ?? {};
  const first = e.errors?.[0];
  const text = `Google: ${e.message ?? `HTTP ${status}`}${e.status ? ` (${e.status})` : ''}`;
  const details = { status, body: body ?? null };
  const retryAfter = Number(headers['retry-after']);
  const retryAfterMs = Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined;
  if (status === 429 || (status === 403 && first?.reason && RATE_REASONS.has(first.reason)))
    return new ModuleError(text, {
      kind: 'transient',
      type: 'RateLimitError',
      status,
      retryAfterMs,
      details,
    });
  if (status >= 500)
    return new ModuleError(text, { kind: 'transient', type: 'ConnectionError', status, details });
  const type: ErrorType = status === 401 || status === 403 ? 'AccountValidationError' : 'DataError';
  const location = first?.locationType === 'parameter' ? first.location : undefined;
  const field = location ? (fields[location] ?? location) : fields['*'];
  return new ModuleError(text, { kind: 'user', type, status, field, details });
}

function parseBody(body: unknown): GoogleErrorBody {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as GoogleErrorBody;
    } catch {
      return {};
    }
  }
  if (body instanceof Uint8Array) return parseBody(Buffer.from(body).toString('utf8'));
  return (body !== null && typeof body === 'object' ? body : {}) as GoogleErrorBody;
}
