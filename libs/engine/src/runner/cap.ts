import { createHash } from 'node:crypto';

// Logs keep a size-capped copy of bundles (DESIGN: never several whole copies of large payloads).

export interface CapLimits {
  maxString: number;
  maxItems: number;
  maxDepth: number;
}

export const DEFAULT_CAP: CapLimits = { maxString: 10_000, maxItems: 100, maxDepth: 12 };

export function capValue(value: unknown, limits: CapLimits = DEFAULT_CAP, depth = 0): unknown {
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case 'string':
      return value.length > limits.maxString
        ? `${value.slice(0, limits.maxString)}… (${value.length} characters)`
        : value;
    case 'number':
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return bufferPlaceholder(value);
  if (depth >= limits.maxDepth) return '[nested too deep]';
  if (Array.isArray(value)) {
    const out = value.slice(0, limits.maxItems).map((v) => capValue(v, limits, depth + 1));
    if (value.length > limits.maxItems) out.push(`… ${value.length - limits.maxItems} more items`);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const c = capValue(v, limits, depth + 1);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/**
 * Binary data in logs: a short text like Make's "IMTBuffer(size, binary, sha1)", never the
 * bytes (JSON would turn a Buffer into a list of numbers many times its size).
 */
export function bufferPlaceholder(value: Uint8Array): string {
  const digest = createHash('sha1').update(value).digest('hex');
  return `IMTBuffer(${value.byteLength}, binary, ${digest})`;
}

/** Size of a value as JSON text, in bytes (close enough for ASCII-heavy data). */
export function jsonSize(value: unknown): number {
  if (value === undefined) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return 0;
  }
}

/**
 * Approximate JSON size of a value and whether it exceeds the cap limits, in one walk that
 * allocates nothing: most bundles are small and are kept by reference, not copied.
 */
export function measure(
  value: unknown,
  limits: CapLimits = DEFAULT_CAP,
): { size: number; oversized: boolean } {
  const state = { oversized: false };
  const size = sizeOf(value, limits, 0, state);
  return { size, oversized: state.oversized };
}

// measure's walk for the run log's hot path, which measures every logged bundle of every run:
// one state object reused (the walk is synchronous) instead of two new objects per call.
const shared = { oversized: false };

/** The approximate JSON size measure gives, without its result object. */
export function jsonSizeOf(value: unknown, limits: CapLimits = DEFAULT_CAP): number {
  return sizeOf(value, limits, 0, shared);
}

export interface SizeState {
  oversized: boolean;
}

/** The approximate JSON size; sets `state.oversized` when capValue would change the value. */
export function measureInto(value: unknown, state: SizeState, limits: CapLimits = DEFAULT_CAP): number {
  return sizeOf(value, limits, 0, state);
}

/** Whether capValue would change the value (measure's `oversized`). */
export function isOversized(value: unknown, limits: CapLimits = DEFAULT_CAP): boolean {
  shared.oversized = false;
  sizeOf(value, limits, 0, shared);
  return shared.oversized;
}

function sizeOf(value: unknown, limits: CapLimits, depth: number, state: { oversized: boolean }): number {
  if (value === null || value === undefined) return 4;
  switch (typeof value) {
    case 'string':
      if (value.length > limits.maxString) state.oversized = true;
      return value.length + 2;
    case 'number':
      return Number.isInteger(value) && Math.abs(value) < 1e6
        ? (value < 0 ? 2 : 1) + (Math.abs(value) < 10 ? 0 : Math.floor(Math.log10(Math.abs(value))))
        : String(value).length;
    case 'boolean':
      return value ? 4 : 5;
    case 'object':
      break;
    default:
      state.oversized = true; // functions, symbols, bigints need converting
      return 0;
  }
  if (value instanceof Date || value instanceof Uint8Array) {
    state.oversized = true;
    return value instanceof Date ? 26 : value.byteLength;
  }
  if (depth >= limits.maxDepth) {
    state.oversized = true;
    return 2;
  }
  let size = 2;
  if (Array.isArray(value)) {
    // Long arrays are measured on their first items and extrapolated: they get capped anyway.
    const n = Math.min(value.length, limits.maxItems);
    for (let i = 0; i < n; i++) size += sizeOf(value[i], limits, depth + 1, state) + 1;
    if (value.length > n) {
      state.oversized = true;
      size = Math.round(size * (value.length / n));
    }
    return size;
  }
  for (const key in value as Record<string, unknown>) {
    size += key.length + 4 + sizeOf((value as Record<string, unknown>)[key], limits, depth + 1, state);
  }
  return size;
}
