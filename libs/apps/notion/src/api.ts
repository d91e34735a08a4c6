import { ModuleError, type ErrorType, type HttpClient } from '@integrator/sdk';

// One way to call Notion: the engine's client adds the token and Notion-Version, retries 429
// and 5xx (honouring Retry-After) and redacts; Notion's error bodies become readable errors.

export interface NotionRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the connection's base URL, e.g. /pages. */
  path: string;
  body?: unknown;
  query?: Record<string, string>;
}

export async function callNotion<T = Record<string, unknown>>(
  http: HttpClient,
  request: NotionRequest,
): Promise<T> {
  const res = await http.request<unknown>({
    method: request.method,
    url: request.path,
    query: request.query,
    body: request.body === undefined ? undefined : { type: 'json', data: request.body },
    responseType: 'json',
    throwOnError: false,
  });
  if (res.status >= 200 && res.status < 300) return res.body as T;
  throw notionError(res.status, res.body, res.headers);
}

/** Notion's `{object: "error", status, code, message}` as a ModuleError of Make's kinds. */
export function notionError(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): ModuleError {
  const b = (body ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof b.code === 'string' ? b.code : undefined;
  const message = `${typeof b.message === 'string' ? b.message : `Notion answered HTTP ${status}`}${code ? ` (${code})` : ''}`;
  const details = { status, body: body ?? null };
  if (status === 429) {
    const seconds = Number(headers['retry-after']);
    return new ModuleError(message, {
      kind: 'transient',
      type: 'RateLimitError',
      status,
      retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : undefined,
      details,
    });
  }
  if (status >= 500 || code === 'conflict_error')
    return new ModuleError(message, { kind: 'transient', type: 'ConnectionError', status, details });
  return new ModuleError(message, { kind: 'user', type: userType(status), status, details });
}

function userType(status: number): ErrorType {
  if (status === 401 || status === 403) return 'AccountValidationError';
  return 'DataError';
}

interface Page<T> {
  results: T[];
  next_cursor: string | null;
  has_more: boolean;
}

/** Follows next_cursor until `limit` items are read or Notion has no more. */
export async function paginate<T>(
  http: HttpClient,
  path: string,
  body: Record<string, unknown>,
  limit: number,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await callNotion<Page<T>>(http, {
      method: 'POST',
      path,
      body: {
        ...body,
        page_size: Math.min(100, limit - items.length),
        ...(cursor ? { start_cursor: cursor } : {}),
      },
    });
    items.push(...page.results);
    cursor = page.has_more && page.next_cursor ? page.next_cursor : undefined;
  } while (cursor && items.length < limit);
  return items.slice(0, limit);
}

/** A Notion id from an id or a notion.so URL, with or without dashes. */
export function notionId(value: unknown, fieldName: string): string {
  const text = String(value ?? '').trim();
  const hex = /([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[?#].*)?$/i.exec(
    text,
  );
  if (!hex)
    throw new ModuleError(`${fieldName}: ${JSON.stringify(text)} is not a Notion id or link`, {
      kind: 'user',
      type: 'DataError',
      field: fieldName,
    });
  return hex[1].toLowerCase();
}
