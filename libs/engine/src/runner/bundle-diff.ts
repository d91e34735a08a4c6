// Comparing and diffing bundles as their stored JSON would (the log codec's references and
// patches): plain data only, key order aside unless said.

const own = Object.prototype.hasOwnProperty;

/**
 * Whether two bundles read the same once stored as JSON (key order aside). Plain data only: a
 * value of another kind (a Date, a Map…) is never taken for another, so it is stored in full.
 * It gives up past a depth, as stored bundles are capped.
 */
export function sameJson(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return a === null || typeof a !== 'number' || Number.isFinite(a);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || depth > 12) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (x[k] === undefined || !own.call(y, k) || !sameJson(x[k], y[k], depth + 1)) return false;
    n++;
  }
  for (const k in y) if (y[k] !== undefined) n--;
  // Last, as most bundles differ in their keys already (a Date has none of its own).
  return n === 0 && isPlain(a) && isPlain(b);
}

function isPlain(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && isPlain(v);
}

/** A bundle told as the keys it sets over a base bundle, and the base's keys it drops. */
export type Patch = [Record<string, unknown>] | [Record<string, unknown>, string[]];

/**
 * `value` as a patch over `base` (top-level keys only), when it keeps at least one of base's
 * keys as it is and keeps more than it drops; undefined otherwise. applyPatch(base, patch) reads
 * the same as `value` once stored as JSON, key order included: a value whose keys do not come in
 * base's order (new ones last) is not patched.
 */
export function shallowPatch(base: unknown, value: unknown): Patch | undefined {
  if (!isPlainObject(base) || !isPlainObject(value)) return undefined;
  const set: Record<string, unknown> = {};
  let kept = 0;
  let shared = 0;
  let added = false;
  let keys: string[] | undefined;
  let at = 0;
  for (const k in value) {
    const v = value[k];
    if (v === undefined) continue;
    // Assigning "__proto__" would set a prototype, not a key: such bundles are stored whole.
    if (k === '__proto__') return undefined;
    if (!own.call(base, k) || base[k] === undefined) {
      added = true;
      set[k] = v;
      continue;
    }
    // A key of base after a new one, or out of base's order, would move once patched.
    if (added) return undefined;
    keys ??= Object.keys(base);
    while (at < keys.length && keys[at] !== k) at++;
    if (at === keys.length) return undefined;
    at++;
    shared++;
    if (sameJson(v, base[k])) kept++;
    else set[k] = v;
  }
  if (kept === 0) return undefined;
  let dropped: string[] | undefined;
  if (shared < (keys ?? Object.keys(base)).length)
    for (const k in base)
      if (base[k] !== undefined && (!own.call(value, k) || value[k] === undefined)) (dropped ??= []).push(k);
  if (!dropped) return [set];
  return kept > dropped.length ? [set, dropped] : undefined;
}

/** The bundle a patch over `base` stands for (see shallowPatch). */
export function applyPatch(base: unknown, patch: Patch): Record<string, unknown> {
  const [set, dropped] = patch;
  const from = (base ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k in from) if (!dropped?.includes(k)) out[k] = own.call(set, k) ? set[k] : from[k];
  for (const k in set) if (!own.call(out, k)) out[k] = set[k];
  return out;
}
