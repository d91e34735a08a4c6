import type { RetryPolicy } from '@integrator/sdk';

export const DEFAULT_RETRY: Required<Omit<RetryPolicy, 'nonIdempotent'>> = {
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};
/** A Retry-After longer than this is not waited for in-process: the error goes up with retryAfterMs. */
export const MAX_RETRY_AFTER_MS = 5 * 60_000;

const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT.has(method);
}

/**
 * When a failure may be retried: `always` when the server cannot have processed the request
 * (429, 503, refused connections), `unsafe` when it may have (other 5xx, resets, timeouts) —
 * those are retried only for idempotent methods unless the policy allows otherwise.
 */
export type Retryability = 'always' | 'unsafe' | 'never';

export function statusRetryability(status: number): Retryability {
  if (status === 429 || status === 503) return 'always';
  if (status >= 500) return 'unsafe';
  return 'never';
}

export function mayRetry(retryability: Retryability, method: string, policy: RetryPolicy): boolean {
  if (retryability === 'always') return true;
  if (retryability === 'unsafe') return isIdempotent(method) || policy.nonIdempotent === true;
  return false;
}

/** Exponential backoff with equal jitter: half fixed, half random, capped at maxDelayMs. */
export function backoffMs(
  policy: RetryPolicy,
  retryIndex: number,
  random: () => number = Math.random,
): number {
  const base = policy.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs;
  const max = policy.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs;
  const exp = Math.min(max, base * 2 ** retryIndex);
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (relative to `now`). */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
