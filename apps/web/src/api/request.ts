import type { ApiErrorBody, FieldError } from './types';

// The request under every API call: the bearer token from localStorage, JSON in and out, and
// errors that carry the server's per-field messages so forms can show them in place.

export const TOKEN_KEY = 'integrator.token';
/** The team every call acts in (the shell's team switcher); absent: the user's first team. */
export const TEAM_KEY = 'integrator.team';

export class ApiError extends Error {
  readonly status: number;
  readonly error: string;
  readonly fields: FieldError[];

  constructor(status: number, error: string, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.error = error;
    this.fields = fields;
  }
}

export type TokenStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
export type Query = Record<string, string | number | boolean | undefined | null>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type Request = <T>(method: Method, path: string, body?: unknown, query?: Query) => Promise<T>;

export interface ApiClientOptions {
  /** Origin of the API; '' (same origin) by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  storage?: TokenStore;
  /** Called on 401 (the token expired or was revoked), e.g. to show the login page. */
  onUnauthorized?: () => void;
}

export const baseOf = (options: ApiClientOptions) => (options.baseUrl ?? '').replace(/\/$/, '');

export function requester(options: ApiClientOptions, storage: TokenStore | undefined): Request {
  const base = baseOf(options);
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return async function request<T>(method: Method, path: string, body?: unknown, query?: Query): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    const token = storage?.getItem(TOKEN_KEY);
    if (token) headers.authorization = `Bearer ${token}`;
    const team = storage?.getItem(TEAM_KEY);
    if (team) headers['x-team-id'] = team;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${base}/api${path}${queryString(query)}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      throw new ApiError(
        0,
        'Network Error',
        `The server cannot be reached (${err instanceof Error ? err.message : String(err)})`,
      );
    }
    // Only a refused token ends a session; a wrong password at login is the form's business.
    if (response.status === 401 && token) options.onUnauthorized?.();
    if (!response.ok) throw await toError(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function toError(response: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> = {};
  try {
    body = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    // Not JSON (a proxy's error page): fall back to the status line.
  }
  const message = Array.isArray(body.message)
    ? body.message.join('; ')
    : body.message || response.statusText || `HTTP ${response.status}`;
  const fields = Array.isArray(body.fields)
    ? body.fields.filter((f) => f && typeof f.path === 'string' && typeof f.message === 'string')
    : [];
  return new ApiError(response.status, body.error ?? response.statusText, message, fields);
}
