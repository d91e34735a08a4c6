import { userError } from './errors';
import type { Field, FieldMap } from './fields';

// Run-time coercion of resolved values to the declared field types, following Make's
// coercion rules (make-semantics §5). Compiled once per field map: it runs per operation.

export type Coercer = (
  values: Record<string, unknown> | null | undefined,
  path?: string,
) => Record<string, unknown>;
type ValueCoercer = (value: unknown, path: string) => unknown;

/**
 * Make's `erase` keyword: the field is cleared (an update module sets it empty) rather than
 * left as it was. Coercion turns it into the field type's empty value: [] for an array, {} for
 * a collection, null otherwise.
 */
export const ERASE: Readonly<{ __makeErase: true }> = Object.freeze({ __makeErase: true });
export const isErase = (v: unknown): boolean => v === ERASE;

export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

export function compileCoercer(fields: FieldMap, keepExtra = false): Coercer {
  // Two parallel lists walked by index: this runs for every operation of every run.
  const names = Object.keys(fields);
  const coercers = names.map((name) => compileField(fields[name]));
  const declared = new Map(names.map((name, i) => [name, i]));
  return (values, path = '') => {
    const source = values ?? {};
    const out: Record<string, unknown> = {};
    if (!keepExtra) {
      for (let i = 0; i < names.length; i++) {
        const name = names[i];
        const v = coercers[i](source[name], path ? `${path}.${name}` : name);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    // Declared fields checked in their order (the first error named is the same whatever the
    // input's key order); the result keeps the input's keys in its order, declared ones it lacks
    // after. Built key by key, not copied and then edited: on Node 20's V8 an object made by a
    // spread and then given keys builds new hidden classes each time.
    const coerced = names.map((name, i) => coercers[i](source[name], path ? `${path}.${name}` : name));
    for (const k of Object.keys(source)) {
      const i = declared.get(k);
      const v = i === undefined ? (isErase(source[k]) ? null : source[k]) : coerced[i];
      if (v !== undefined) put(out, k, v);
    }
    for (let i = 0; i < names.length; i++)
      if (coerced[i] !== undefined && !Object.prototype.hasOwnProperty.call(source, names[i]))
        put(out, names[i], coerced[i]);
    return out;
  };
}

// A key named "__proto__" from a bundle stays a plain key, as a spread would keep it.
function put(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function compileField(f: Field): ValueCoercer {
  const convert = converter(f);
  return (value, path) => {
    if (isErase(value)) return f.type === 'array' ? [] : f.type === 'collection' ? {} : null;
    if (isEmpty(value)) {
      if (f.default !== undefined) return f.default;
      if (f.required) throw userError('is required', path, 'BundleValidationError');
      return undefined;
    }
    return convert(value, path);
  };
}

function converter(f: Field): ValueCoercer {
  switch (f.type) {
    case 'text':
      return (v, path) => {
        const s = toText(v);
        if (f.minLength !== undefined && s.length < f.minLength)
          throw bad(path, `must be at least ${f.minLength} characters`);
        if (f.maxLength !== undefined && s.length > f.maxLength)
          throw bad(path, `must be at most ${f.maxLength} characters`);
        if (f.pattern && !new RegExp(f.pattern).test(s)) throw bad(path, `must match ${f.pattern}`);
        return s;
      };
    case 'number':
      return (v, path) => {
        const n = toNumber(v);
        if (n === undefined) throw bad(path, `must be a number (got ${describe(v)})`);
        if (f.integer && !Number.isInteger(n)) throw bad(path, `must be a whole number (got ${n})`);
        if (f.min !== undefined && n < f.min) throw bad(path, `must be at least ${f.min}`);
        if (f.max !== undefined && n > f.max) throw bad(path, `must be at most ${f.max}`);
        return n;
      };
    case 'boolean':
      return (v) => toBoolean(v);
    case 'select': {
      const byText = new Map(f.options.map((o) => [String(o.value), o.value]));
      // Case is forgiven ("get" for GET): Make exports often differ only in case.
      const byLower = new Map(f.options.map((o) => [String(o.value).toLowerCase(), o.value]));
      const one = (v: unknown, path: string) => {
        const hit = byText.get(String(v)) ?? byLower.get(String(v).toLowerCase());
        // Reached with a mapped value (a literal one fails the save): the label and the choices
        // tell the user which field and what to map.
        if (hit === undefined) {
          throw bad(
            path,
            `${f.label ? `${f.label} ` : ''}must be one of ${f.options.map((o) => JSON.stringify(o.value)).join(', ')} (got ${describe(v)})`,
          );
        }
        return hit;
      };
      return f.multiple
        ? (v, path) => (Array.isArray(v) ? v : [v]).map((x, i) => one(x, `${path}[${i}]`))
        : one;
    }
    case 'connection':
    case 'resource':
      return (v, path) => {
        if (typeof v === 'string' || typeof v === 'number') return v;
        throw bad(path, `must be an id (got ${describe(v)})`);
      };
    case 'module':
      return (v, path) => {
        const n = toNumber(v);
        if (n === undefined || !Number.isInteger(n))
          throw bad(path, `must be a module id (got ${describe(v)})`);
        return n;
      };
    case 'date':
      return (v, path) => {
        const d = toDate(v, f.numberUnit ?? 'ms');
        if (!d) throw bad(path, `must be a date: ISO 8601 text or a timestamp (got ${describe(v)})`);
        return d;
      };
    case 'json':
      return (v, path) => {
        if (typeof v !== 'string') return v;
        try {
          return JSON.parse(v);
        } catch {
          throw bad(path, 'must be valid JSON');
        }
      };
    case 'array': {
      const item =
        f.items === undefined ? undefined : isField(f.items) ? compileField(f.items) : collection(f.items);
      return (v, path) => {
        const list = Array.isArray(v) ? v : [v];
        if (f.minItems !== undefined && list.length < f.minItems)
          throw bad(path, `needs at least ${f.minItems} items`);
        return item ? list.map((x, i) => item(x, `${path}[${i}]`)) : list;
      };
    }
    case 'collection':
      return collection(f.fields);
    default:
      return (v) => v;
  }
}

function collection(fields: FieldMap): ValueCoercer {
  const inner = compileCoercer(fields, true);
  return (v, path) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      throw bad(path, `must be a collection (got ${describe(v)})`);
    return inner(v as Record<string, unknown>, path);
  };
}

function isField(x: unknown): x is Field {
  // A field map may hold a sub-field named "type", but then its value is an object.
  return typeof x === 'object' && x !== null && typeof (x as Field).type === 'string';
}

function bad(path: string, message: string) {
  return userError(message, path, 'BundleValidationError');
}

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = typeof v === 'string' ? JSON.stringify(v) : safeJson(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

export function toText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v instanceof Date) return v.toISOString();
  if (v !== null && typeof v === 'object') return safeJson(v);
  return v === undefined || v === null ? '' : String(v);
}

export function toNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  if (v instanceof Date) return v.getTime();
  return undefined;
}

/** Make: any number is true (even 0); text is false only when "false" or empty. */
export function toBoolean(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return true;
  if (typeof v === 'string') return !(v === '' || v.trim().toLowerCase() === 'false');
  return v !== null && v !== undefined;
}

export function toDate(v: unknown, numberUnit: 'ms' | 's' = 'ms'): Date | undefined {
  let d: Date | undefined;
  if (v instanceof Date) d = v;
  else if (typeof v === 'number') d = new Date(numberUnit === 's' ? v * 1000 : v);
  else if (typeof v === 'string') {
    const t = v.trim();
    if (/^-?\d+(\.\d+)?$/.test(t)) d = new Date(numberUnit === 's' ? Number(t) * 1000 : Number(t));
    else if (t) d = new Date(t);
  }
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}
