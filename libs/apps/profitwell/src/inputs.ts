import { ModuleError, userError, type Bundle } from '@integrator/sdk';
import { PLAN_CURRENCIES } from './constants';

// Checks the field declarations cannot express, run before any request is sent.

/** An ID or alias as one URL path segment (encoded: aliases may hold spaces or slashes). */
export function pathSegment(value: string | number | undefined, field: string): string {
  const text = value === undefined ? '' : String(value).trim();
  if (!text) throw userError('is required', field, 'BundleValidationError');
  // "." and ".." would be collapsed by URL resolution and address another resource.
  if (text === '.' || text === '..') throw userError(`cannot be "${text}"`, field, 'BundleValidationError');
  return encodeURIComponent(text);
}

/** ProfitWell's subscription API takes dates as Unix seconds. */
export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** Accepts "USD" or "usd"; ProfitWell wants the lowercase code. */
export function planCurrency(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const code = value.trim().toLowerCase();
  if (!code) return undefined;
  if (!PLAN_CURRENCIES.has(code)) {
    throw userError(
      `must be an ISO 4217 currency code ProfitWell supports, e.g. usd (got ${JSON.stringify(value)})`,
      'plan_currency',
    );
  }
  return code;
}

/** Drops undefined entries so optional fields are left out of the request rather than sent as null. */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A response object as a bundle, or the fallback when the body is empty or not an object. */
export function bundleOr(body: unknown, fallback: Bundle): Bundle {
  return isRecord(body) && Object.keys(body).length > 0 ? body : fallback;
}

/** A list response as bundles: objects as they are, anything else wrapped as `{ value }`. */
export function bundlesOf(body: unknown, what: string): Bundle[] {
  if (body === undefined) return [];
  if (!Array.isArray(body)) {
    throw new ModuleError(`ProfitWell answered with ${typeof body} where a list of ${what} was expected`, {
      type: 'InconsistencyError',
    });
  }
  return body.map((item): Bundle => (isRecord(item) ? item : { value: item }));
}
