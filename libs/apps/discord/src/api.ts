import { ModuleError, type ErrorType, type HttpClient, type QueryValue } from '@integrator/sdk';

// Discord API v10. Errors are JSON: { code, message, errors? } where `errors` nests the field path
// down to `_errors` (Discord "Error Messages"); 429s carry retry_after and a Retry-After header.

export interface DiscordRequest {
  method: string;
  url: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  json?: unknown;
  auth?: boolean;
}

export async function callDiscord(http: HttpClient, r: DiscordRequest, fields: Record<string, string> = {}) {
  const res = await http.request<unknown>({
    method: r.method,
    url: r.url,
    query: r.query,
    headers: r.headers,
    body: r.json === undefined ? undefined : { type: 'json', data: r.json },
    responseType: 'json',
    throwOnError: false,
    auth: r.auth,
  });
  if (res.status >= 200 && res.status < 300) return res;
  throw discordError(res.status, res.body, fields);
}

interface DiscordErrorBody {
  code?: number;
  message?: string;
  errors?: unknown;
  retry_after?: number;
}

export function discordError(
  status: number,
  body: unknown,
  fields: Record<string, string> = {},
): ModuleError {
  const b = (body !== null && typeof body === 'object' ? body : {}) as DiscordErrorBody;
  const first = b.errors === undefined ? undefined : firstFieldError(b.errors, []);
  const detail = first ? `${first.path.join('.')}: ${first.message}` : undefined;
  const text = `Discord: ${b.message ?? `HTTP ${status}`}${detail ? ` (${detail})` : ''}`;
  const details = { status, body: body ?? null };
  if (status === 429)
    return new ModuleError(text, {
      kind: 'transient',
      type: 'RateLimitError',
      status,
      retryAfterMs: typeof b.retry_after === 'number' ? Math.ceil(b.retry_after * 1000) : undefined,
      details,
    });
  if (status >= 500)
    return new ModuleError(text, { kind: 'transient', type: 'ConnectionError', status, details });
  const type: ErrorType = status === 401 || status === 403 ? 'AccountValidationError' : 'DataError';
  const top = first?.path[0];
  const field = top === undefined ? (b.code === 10003 ? fields.channel_id : undefined) : (fields[top] ?? top);
  return new ModuleError(text, { kind: 'user', type, status, field, details });
}

// { content: { _errors: [{ code, message }] } } or { embeds: { 0: { title: { _errors: […] } } } }
function firstFieldError(node: unknown, path: string[]): { path: string[]; message: string } | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const o = node as Record<string, unknown>;
  if (Array.isArray(o._errors) && o._errors.length) {
    const e = o._errors[0] as { message?: string };
    return { path, message: e.message ?? 'invalid' };
  }
  for (const [k, v] of Object.entries(o)) {
    const found = firstFieldError(v, [...path, k]);
    if (found) return found;
  }
  return undefined;
}

/** A Discord snowflake id as a number for ordering (ids are 64-bit; Number would lose digits). */
export function snowflake(id: unknown): bigint {
  return typeof id === 'string' && /^\d+$/.test(id) ? BigInt(id) : -1n;
}

const DISCORD_EPOCH = 1420070400000n;

/** The smallest snowflake after this time: what `after=` takes to mean "since". */
export function snowflakeAt(ms: number): string {
  return ((BigInt(Math.floor(ms)) - DISCORD_EPOCH) << 22n).toString();
}
