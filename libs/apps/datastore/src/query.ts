import { OPERATORS, UNARY_OPERATORS } from '@integrator/engine';
import { describe, toText, userError } from '@integrator/sdk';
import type { SearchCondition, SearchQuery, SearchSort, StoredRecord } from './service';

// Searching a store with the filter model of the engine (make-semantics §4, §10): conditions
// are OR-of-AND groups of { a, o, b } where `a` names the record's key or one of its fields.

/** The value a condition or sort reads: `key`, a field, or a dotted path into nested data. */
export function recordValue(record: StoredRecord, name: string): unknown {
  if (name === 'key') return record.key;
  if (Object.prototype.hasOwnProperty.call(record.data, name)) return record.data[name];
  let value: unknown = record.data;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/**
 * Checks conditions as a module received them and returns them typed; errors name the
 * condition, e.g. `filter[0][1].o: unknown operator "text:eq"`.
 */
export function parseConditions(raw: unknown, path = 'filter'): SearchCondition[][] {
  if (raw === undefined || raw === null || raw === '') return [];
  if (!Array.isArray(raw))
    throw userError(
      `must be a list of condition groups (got ${describe(raw)})`,
      path,
      'InvalidConfigurationError',
    );
  return raw.map((group: unknown, g) => {
    if (!Array.isArray(group))
      throw userError(
        `must be a list of conditions (got ${describe(group)})`,
        `${path}[${g}]`,
        'InvalidConfigurationError',
      );
    return group.map((c: unknown, i) => parseCondition(c, `${path}[${g}][${i}]`));
  });
}

function parseCondition(c: unknown, at: string): SearchCondition {
  if (!c || typeof c !== 'object' || Array.isArray(c))
    throw userError(`must be a condition { a, o, b } (got ${describe(c)})`, at, 'InvalidConfigurationError');
  const { a, o, b } = c as Record<string, unknown>;
  if (typeof a !== 'string' || !a.trim())
    throw userError('must name the key or a field of the record', `${at}.a`, 'InvalidConfigurationError');
  if (typeof o !== 'string' || !OPERATORS.has(o))
    throw userError(`unknown operator ${describe(o)}`, `${at}.o`, 'InvalidConfigurationError');
  return UNARY_OPERATORS.has(o) ? { a: a.trim(), o } : { a: a.trim(), o, b };
}

/** OR over groups, AND within a group; no conditions match everything. */
export function matchesConditions(
  record: StoredRecord,
  conditions: SearchCondition[][] | undefined,
): boolean {
  if (!conditions || conditions.length === 0) return true;
  return conditions.some((group, g) =>
    group.every((c, i) => {
      const op = OPERATORS.get(c.o);
      if (!op)
        throw userError(
          `unknown operator ${describe(c.o)}`,
          `filter[${g}][${i}].o`,
          'InvalidConfigurationError',
        );
      return op(recordValue(record, c.a), c.b);
    }),
  );
}

// Empty values sort last in either direction; then numbers, booleans, text (dates are ISO
// text, so text order is time order).
function rank(v: unknown): number {
  if (v === undefined || v === null || v === '') return 3;
  if (typeof v === 'number') return 0;
  if (typeof v === 'boolean') return 1;
  return 2;
}

function compareValues(x: unknown, y: unknown): number {
  const rx = rank(x);
  const ry = rank(y);
  if (rx !== ry || rx === 3) return rx - ry;
  if (rx === 0 || rx === 1) return Number(x) - Number(y);
  const sx = toText(x);
  const sy = toText(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

/** A sorted copy; ties keep key order so results are stable across implementations. */
export function sortRecords(records: readonly StoredRecord[], sort: SearchSort | undefined): StoredRecord[] {
  const byKey = (a: StoredRecord, b: StoredRecord) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  if (!sort) return [...records].sort(byKey);
  const sign = sort.direction === 'desc' ? -1 : 1;
  return [...records].sort((a, b) => {
    const x = recordValue(a, sort.field);
    const y = recordValue(b, sort.field);
    const c = compareValues(x, y);
    // Empty values stay last even when descending.
    const ordered = rank(x) === 3 || rank(y) === 3 ? c : sign * c;
    return ordered || byKey(a, b);
  });
}

/** Filter, sort and limit records in memory (what an implementation without a query language does). */
export function applyQuery(records: Iterable<StoredRecord>, query: SearchQuery): StoredRecord[] {
  const hits: StoredRecord[] = [];
  for (const r of records) if (matchesConditions(r, query.conditions)) hits.push(r);
  const sorted = sortRecords(hits, query.sort);
  return query.limit !== undefined && query.limit >= 0 ? sorted.slice(0, query.limit) : sorted;
}
