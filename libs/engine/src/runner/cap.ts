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
      return value.length > limits.maxString ? `${value.slice(0, limits.maxString)}… (${value.length} characters)` : value;
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
  if (value instanceof Uint8Array) return { binary: true, size: value.byteLength };
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

/** Size of a value as JSON text, in bytes (close enough for ASCII-heavy data). */
export function jsonSize(value: unknown): number {
  if (value === undefined) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return 0;
  }
}
