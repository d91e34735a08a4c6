import { ModuleError, type ErrorType, type HttpClient, type QueryValue } from '@integrator/sdk';

// One way to call ProfitWell: the engine's client does auth, retries (429/5xx with Retry-After),
// rate limiting and redaction; here we read the body ourselves so that the empty or non-JSON
// success bodies the reference leaves open (§8) never break a module, and so that DRF error
// bodies become readable errors.

export type ProfitWellMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ProfitWellRequest {
  method: ProfitWellMethod;
  /** Path relative to the connection's base URL, with the trailing slash ProfitWell requires. */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** JSON body; leave undefined to send none (churn, un-churn, deletes). */
  json?: unknown;
}

export interface ProfitWellResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON, the raw text when it is not JSON, or undefined when the body is empty. */
  body: unknown;
}

export async function callProfitWell(
  http: HttpClient,
  request: ProfitWellRequest,
): Promise<ProfitWellResponse> {
  const res = await http.request<unknown>({
    method: request.method,
    url: request.path,
    query: request.query,
    headers: request.headers,
    body: request.json === undefined ? undefined : { type: 'json', data: request.json },
    responseType: 'text',
    throwOnError: false,
  });
  const body = parseBody(res.body);
  if (res.status >= 200 && res.status < 300) return { status: res.status, headers: res.headers, body };
  const error = profitWellError(res.status, body, res.headers);
  if (res.status === 404) {
    const detail = describeErrorBody(body);
    const what = `${resourceOf(request.path)} was not found`;
    error.message = detail ? `${what} (ProfitWell: ${detail})` : `${what} in ProfitWell`;
  }
  throw error;
}

// ProfitWell's 404 says only "Not found."; the user needs to know which thing was missing.
const RESOURCES: Record<string, string> = {
  users: 'the user',
  subscriptions: 'the subscription',
  unchurn: 'the subscription',
  plans: 'the plan',
  customers: 'the customer',
};

/** "/v2/subscriptions/sub_1/" → 'the subscription "sub_1"'; other paths are named as they are. */
export function resourceOf(path: string): string {
  const [, collection, id] = /^\/?v2\/([^/?]+)\/([^/?]+)/.exec(path) ?? [];
  const noun = collection ? RESOURCES[collection] : undefined;
  if (noun && id) return `${noun} ${JSON.stringify(decodeURIComponent(id))}`;
  return `${path.split('?')[0]}`;
}

export function parseBody(raw: unknown): unknown {
  const text =
    typeof raw === 'string' ? raw : raw instanceof Uint8Array ? new TextDecoder().decode(raw) : undefined;
  if (text === undefined) return raw === null ? undefined : raw;
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A non-2xx answer as a ModuleError: user's problem for 4xx, transient for 429 and 5xx. */
export function profitWellError(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ModuleError {
  const text = describeErrorBody(body) ?? `ProfitWell answered HTTP ${status}`;
  const field = singleField(body);
  const details = { status, body: body === undefined ? null : body };
  if (status === 429) {
    return new ModuleError(text, {
      kind: 'transient',
      type: 'RateLimitError',
      status,
      retryAfterMs: retryAfterMs(header(headers, 'retry-after')),
      details,
    });
  }
  if (status >= 500)
    return new ModuleError(text, { kind: 'transient', type: 'ConnectionError', status, details });
  return new ModuleError(text, { kind: 'user', type: userErrorType(status, text), status, field, details });
}

function userErrorType(status: number, text: string): ErrorType {
  if (status === 401 || status === 403) return 'AccountValidationError';
  if (/already exists/i.test(text)) return 'DuplicateDataError';
  return 'DataError';
}

/** DRF bodies: `{"detail": …}`, `{"non_field_errors": […]}`, `{"<field>": […]}`, or a bare list. */
export function describeErrorBody(body: unknown): string | undefined {
  if (typeof body === 'string') {
    const t = body.trim();
    // An HTML error page (proxy, gateway) says nothing a user can act on.
    if (!t || t.startsWith('<')) return undefined;
    return t.length > 300 ? `${t.slice(0, 297)}...` : t;
  }
  if (Array.isArray(body)) return messages(body) || undefined;
  if (body === null || typeof body !== 'object') return undefined;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    const text = messages(value);
    if (!text) continue;
    parts.push(key === 'detail' || key === 'non_field_errors' ? text : `${key}: ${text}`);
  }
  return parts.length ? parts.join('; ') : undefined;
}

function messages(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(messages).filter(Boolean).join('; ');
  if (value !== null && typeof value === 'object') return describeErrorBody(value) ?? '';
  return value === undefined || value === null ? '' : String(value);
}

function singleField(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const keys = Object.keys(body).filter((k) => k !== 'detail' && k !== 'non_field_errors');
  return keys.length === 1 ? keys[0] : undefined;
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Math.round(Number(value) * 1000);
}
