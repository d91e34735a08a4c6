import {
  ModuleError,
  type ErrorType,
  type HttpBody,
  type HttpClient,
  type QueryValue,
} from '@integrator/sdk';

// OpenAI API: errors are { error: { message, type, param, code } }; `param` names the request
// parameter at fault, which `fields` turns into the module's field.

export interface OpenAiRequest {
  method: string;
  url: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  body?: HttpBody;
  responseType?: 'json' | 'text';
}

export async function callOpenAi(http: HttpClient, r: OpenAiRequest, fields: Record<string, string> = {}) {
  const res = await http.request<unknown>({
    method: r.method,
    url: r.url,
    query: r.query,
    headers: r.headers,
    body: r.body,
    responseType: r.responseType ?? 'json',
    throwOnError: false,
    // Generations are slow: the client's default timeout is too short for large completions.
    timeoutMs: 10 * 60_000,
  });
  if (res.status >= 200 && res.status < 300) return res;
  throw openAiError(res.status, res.body, fields);
}

export function openAiError(status: number, body: unknown, fields: Record<string, string> = {}): ModuleError {
  let b = body;
  if (typeof b === 'string') {
    try {
      b = JSON.parse(b);
    } catch {
      // not JSON: the status says it all
    }
  }
  const e = ((b as { error?: unknown } | undefined)?.error ?? {}) as {
    message?: string;
    param?: string | null;
    code?: string | null;
  };
  const text = `OpenAI: ${e.message ?? `HTTP ${status}`}`;
  const details = { status, body: b ?? null };
  // insufficient_quota is a 429 that waiting does not cure: the account has no credit left.
  if (status === 429 && e.code !== 'insufficient_quota')
    return new ModuleError(text, { kind: 'transient', type: 'RateLimitError', status, details });
  if (status >= 500)
    return new ModuleError(text, { kind: 'transient', type: 'ConnectionError', status, details });
  const type: ErrorType = status === 401 || status === 403 ? 'AccountValidationError' : 'DataError';
  const param = e.param ?? undefined;
  const field = param === undefined ? undefined : (fields[param.split(/[.[]/)[0]] ?? param);
  return new ModuleError(text, { kind: 'user', type, status, field, details });
}
