import type { Field, FieldMap } from './fields';
import { isEmpty, toDate, toNumber } from './coerce';

// Static checks of a blueprint's literal values against the declaration (what can be known
// before a run). Mapped values ({{…}}) are checked at run time by the coercer.

export interface Issue {
  path: string;
  message: string;
}

export function hasExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

export function checkFields(
  fields: FieldMap | undefined,
  values: Record<string, unknown> | null | undefined,
  path: string,
): Issue[] {
  const issues: Issue[] = [];
  for (const [name, f] of Object.entries(fields ?? {})) {
    checkField(f, values?.[name], `${path}.${name}`, issues);
  }
  return issues;
}

function checkField(f: Field, value: unknown, path: string, issues: Issue[]): void {
  if (isEmpty(value)) {
    if (f.required && f.default === undefined) issues.push({ path, message: 'is required' });
    return;
  }
  if (hasExpression(value)) return;
  const problem = literalProblem(f, value);
  if (problem) issues.push({ path, message: problem });
  if (f.type === 'array' && Array.isArray(value) && f.items && typeof (f.items as Field).type !== 'string') {
    value.forEach((item, i) => {
      if (item && typeof item === 'object')
        issues.push(...checkFields(f.items as FieldMap, item as Record<string, unknown>, `${path}[${i}]`));
    });
  }
  if (f.type === 'collection' && value && typeof value === 'object' && !Array.isArray(value)) {
    issues.push(...checkFields(f.fields, value as Record<string, unknown>, path));
  }
}

function literalProblem(f: Field, value: unknown): string | undefined {
  switch (f.type) {
    case 'number': {
      const n = toNumber(value);
      if (n === undefined) return `must be a number (got ${JSON.stringify(value)})`;
      if (f.integer && !Number.isInteger(n)) return 'must be a whole number';
      if (f.min !== undefined && n < f.min) return `must be at least ${f.min}`;
      if (f.max !== undefined && n > f.max) return `must be at most ${f.max}`;
      return undefined;
    }
    case 'select': {
      const allowed = new Set(f.options.map((o) => String(o.value)));
      const lower = new Set(f.options.map((o) => String(o.value).toLowerCase()));
      const list = f.multiple && Array.isArray(value) ? value : [value];
      const wrong = list.find((v) => !allowed.has(String(v)) && !lower.has(String(v).toLowerCase()));
      return wrong === undefined
        ? undefined
        : `must be one of ${[...allowed].join(', ')} (got ${JSON.stringify(wrong)})`;
    }
    case 'module':
      return Number.isInteger(toNumber(value)) ? undefined : 'must be a module id';
    case 'date':
      return toDate(value, f.numberUnit) ? undefined : 'must be a date (ISO 8601 or a timestamp)';
    case 'collection':
      return typeof value === 'object' && !Array.isArray(value) ? undefined : 'must be a collection';
    case 'json':
      if (typeof value !== 'string') return undefined;
      try {
        JSON.parse(value);
        return undefined;
      } catch {
        return 'must be valid JSON';
      }
    default:
      return undefined;
  }
}

/**
 * Static settings with each select value in its declared spelling: a check forgives case ("sum"
 * for "SUM", as Make exports write it), so the module must see the option it matched, never
 * the raw text (a raw "sum" once fell through to another branch). Static settings are not
 * evaluated, so a mapped value ({{…}}) in a select is an issue; values outside the options stay
 * as they are (checkFields reports them).
 */
export function canonicalSelects(
  fields: FieldMap | undefined,
  values: Record<string, unknown>,
  path?: string,
  issues?: Issue[],
): Record<string, unknown> {
  for (const [name, f] of Object.entries(fields ?? {})) {
    if (f.type !== 'select' || isEmpty(values[name])) continue;
    if (hasExpression(values[name])) {
      issues?.push({
        path: `${path}.${name}`,
        message: `must be one of ${f.options.map((o) => String(o.value)).join(', ')}; a mapped value cannot be used in this setting`,
      });
      continue;
    }
    const pick = (v: unknown) =>
      f.options.find((o) => String(o.value) === String(v))?.value ??
      f.options.find((o) => String(o.value).toLowerCase() === String(v).toLowerCase())?.value ??
      v;
    const value = values[name];
    values[name] = f.multiple && Array.isArray(value) ? value.map(pick) : pick(value);
  }
  return values;
}
