import { describe, isEmpty, toDate, toNumber, userError, type ModuleError } from '@integrator/sdk';
import type { DataStoreInfo, DataStructureField } from './service';

// Checks a record against the store's data structure (make-semantics §10): declared types,
// required fields, defaults and the Strict flag. Values are coerced the way Make coerces
// mapped values ("42" into a number field is 42); what cannot be coerced is an error naming
// the field. Dates are stored as ISO 8601 text so records stay plain JSON.

export interface ValidateOptions {
  /** An update: only the fields given are checked; absent ones are neither required nor defaulted. */
  partial?: boolean;
}

/** Returns the record as it is stored; throws a BundleValidationError naming `data.<field>`. */
export function validateRecord(
  info: DataStoreInfo,
  data: unknown,
  options: ValidateOptions = {},
): Record<string, unknown> {
  if (data === undefined || data === null) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw userError(
      `must be a collection of fields (got ${describe(data)})`,
      'data',
      'BundleValidationError',
    );
  }
  const source = data as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const declared = new Set<string>();
  for (const f of info.fields) {
    declared.add(f.name);
    const value = source[f.name];
    if (value === undefined && options.partial) continue;
    const stored = fieldValue(f, value, options.partial === true);
    if (stored !== undefined) out[f.name] = stored;
  }
  for (const [name, value] of Object.entries(source)) {
    if (declared.has(name) || value === undefined) continue;
    if (info.strict) {
      throw userError(
        'is not a field of the data structure (the data store is strict)',
        `data.${name}`,
        'BundleValidationError',
      );
    }
    out[name] = value;
  }
  return out;
}

function fieldValue(f: DataStructureField, value: unknown, partial: boolean): unknown {
  const path = `data.${f.name}`;
  if (isEmpty(value)) {
    if (f.default !== undefined && f.default !== null) return structuredClone(f.default);
    if (f.required) throw userError('is required', path, 'BundleValidationError');
    // Absent stays absent; an explicit empty value is kept as "empty" (null, or "" for text).
    if (value === undefined && !partial) return undefined;
    return f.type === 'text' && value === '' ? '' : null;
  }
  return coerce(f, value, path);
}

function coerce(f: DataStructureField, value: unknown, path: string): unknown {
  switch (f.type) {
    case 'text':
      if (typeof value === 'string') return value;
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (value instanceof Date) return value.toISOString();
      throw invalid(path, 'must be text', value);
    case 'number': {
      const n = toNumber(value);
      if (n === undefined) throw invalid(path, 'must be a number', value);
      return n;
    }
    case 'boolean':
      return booleanValue(value, path);
    case 'date': {
      const d = toDate(value);
      if (!d) throw invalid(path, 'must be a date (ISO 8601 text or a timestamp in milliseconds)', value);
      return d.toISOString();
    }
    case 'array':
      if (!Array.isArray(value)) throw invalid(path, 'must be an array', value);
      return value;
    case 'collection':
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw invalid(path, 'must be a collection', value);
      return value;
    default:
      return value;
  }
}

// Stricter than Make's truthiness: a data store field holds a real yes/no, so "maybe" is an error.
function booleanValue(value: unknown, path: string): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    const t = value.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
  }
  throw invalid(path, 'must be a boolean (true or false)', value);
}

function invalid(path: string, message: string, value: unknown): ModuleError {
  return userError(`${message} (got ${describe(value)})`, path, 'BundleValidationError');
}

/** Checks a data structure declaration (what the server validates when a store is created). */
export function structureProblems(fields: unknown): string[] {
  if (!Array.isArray(fields)) return ['fields: must be a list'];
  const problems: string[] = [];
  const seen = new Set<string>();
  const types = new Set(['text', 'number', 'boolean', 'date', 'array', 'collection', 'any']);
  fields.forEach((f: unknown, i) => {
    const at = `fields[${i}]`;
    if (!f || typeof f !== 'object') return void problems.push(`${at}: must be a field object`);
    const { name, type } = f as { name?: unknown; type?: unknown };
    if (typeof name !== 'string' || !name.trim()) problems.push(`${at}.name: is required`);
    else if (name === 'key') problems.push(`${at}.name: "key" is reserved for the record key`);
    else if (seen.has(name)) problems.push(`${at}.name: duplicate field ${JSON.stringify(name)}`);
    else seen.add(name);
    if (typeof type !== 'string' || !types.has(type))
      problems.push(`${at}.type: must be one of ${[...types].join(', ')}`);
  });
  return problems;
}
