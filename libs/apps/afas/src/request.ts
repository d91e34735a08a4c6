import { ModuleError, type Clock, type HttpClient, type Logger, type QueryValue } from '@integrator/sdk';
import { afasError } from './errors';

// One AFAS call with the app's own retry: AFAS announces maintenance in the 503 *body*
// (`retry_after`), which the generic client cannot read, so the wait happens here.

export const MAX_ATTEMPTS = 4;
/** Longer announced waits (maintenance is often hours) end the operation as transient instead; as the engine's client. */
export const MAX_INLINE_WAIT_MS = 5 * 60_000;
const FIRST_BACKOFF_MS = 2_000;

export interface AfasCall {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the connection's base URL, e.g. `/connectors/Profit_Debtor`. */
  url: string;
  query?: Record<string, QueryValue>;
  /** JSON body (POST/PUT). */
  body?: unknown;
  /** Names the call in error messages, e.g. `GetConnector "Profit_Debtor"`. */
  what: string;
}

export interface RetryEnvironment {
  clock: Clock;
  signal?: AbortSignal;
  log?: Logger;
}

export interface AfasResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** JSON when the text is JSON, the text otherwise, null when empty. */
export function parseBody(raw: unknown): unknown {
  const value = raw instanceof Uint8Array ? Buffer.from(raw).toString('utf8') : raw;
  if (typeof value !== 'string') return value ?? null;
  const trimmed = value.trim();
  if (!trimmed) return null;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return trimmed;
  }
}

/**
 * Sends the call; on 503 (and, for reads, on network failures) waits as AFAS asks and tries
 * again. Without a clock (connection checks) it makes one attempt.
 */
export async function afasRequest(
  http: HttpClient,
  call: AfasCall,
  env?: RetryEnvironment,
): Promise<AfasResponse> {
  const method = call.method ?? 'GET';
  for (let attempt = 1; ; attempt++) {
    let error: ModuleError;
    try {
      const res = await http.request<unknown>({
        method,
        url: call.url,
        query: call.query,
        headers: { Accept: 'application/json' },
        body: call.body === undefined ? undefined : { type: 'json', data: call.body },
        responseType: 'text',
        throwOnError: false,
        retry: false,
      });
      const body = parseBody(res.body);
      if (res.status >= 200 && res.status < 300) return { status: res.status, body, headers: res.headers };
      error = afasError(res.status, body, res.headers, call.what);
      if (res.status !== 503) throw error;
    } catch (err) {
      // Only a failed read without an answer is safe to repeat; a write may have happened.
      const unanswered = err instanceof ModuleError && err.kind === 'transient' && err.status === undefined;
      if (!unanswered || method !== 'GET') throw err;
      error = err;
    }
    const waitMs = error.retryAfterMs ?? FIRST_BACKOFF_MS * 2 ** (attempt - 1);
    if (!env || attempt >= MAX_ATTEMPTS || waitMs > MAX_INLINE_WAIT_MS || env.signal?.aborted) throw error;
    env.log?.warn('AFAS call will be retried', { call: call.what, attempt, waitMs, reason: error.message });
    await env.clock.sleep(waitMs, env.signal);
  }
}
