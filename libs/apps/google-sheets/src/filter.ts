import { OPERATORS, UNARY_OPERATORS } from '@integrator/engine';
import { describe, toNumber, toText, userError } from '@integrator/sdk';
import { columnOf, type Table } from './common';

// Search rows' filter: Make's filter groups (OR of AND groups of { a, o, b }) where `a` names a
// column (Make's form writes its letter, `A`). The operators are the engine's own, so
// `text:equal:ci`, `number:greater`, `exist`… mean here what they mean on a route.

export interface RowCondition {
  column: number;
  test: (value: unknown) => boolean;
}

export function parseRowFilter(t: Table, raw: unknown): RowCondition[][] {
  if (raw === undefined || raw === null || raw === '') return [];
  if (!Array.isArray(raw))
    throw userError(`must be a list of condition groups (got ${describe(raw)})`, 'filter');
  return raw.map((group: unknown, g) => {
    if (!Array.isArray(group))
      throw userError(`must be a list of conditions (got ${describe(group)})`, `filter[${g}]`);
    return group.map((c: unknown, i): RowCondition => {
      const at = `filter[${g}][${i}]`;
      if (!c || typeof c !== 'object' || Array.isArray(c))
        throw userError(`must be a condition { a, o, b } (got ${describe(c)})`, at);
      const { a, o, b } = c as Record<string, unknown>;
      if (typeof a !== 'string' || !a.trim()) throw userError('must name a column (A, B…)', `${at}.a`);
      const op = typeof o === 'string' ? OPERATORS.get(o) : undefined;
      if (!op) throw userError(`unknown operator ${describe(o)}`, `${at}.o`);
      const column = columnOf(t, a, `${at}.a`);
      return { column, test: UNARY_OPERATORS.has(o as string) ? (v) => op(v, undefined) : (v) => op(v, b) };
    });
  });
}

export function matchesRow(cells: unknown[], groups: RowCondition[][]): boolean {
  if (!groups.length) return true;
  return groups.some((group) => group.every((c) => c.test(cells[c.column])));
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

/** Numbers (and numeric text) by value, other text by code point; empty cells last either way. */
export function compareCells(x: unknown, y: unknown, descending: boolean): number {
  if (isEmpty(x) || isEmpty(y)) return Number(isEmpty(x)) - Number(isEmpty(y));
  const nx = typeof x === 'number' ? x : toNumber(x);
  const ny = typeof y === 'number' ? y : toNumber(y);
  let c: number;
  if (nx !== undefined && ny !== undefined && !Number.isNaN(nx) && !Number.isNaN(ny)) c = nx - ny;
  else {
    const sx = toText(x);
    const sy = toText(y);
    c = sx < sy ? -1 : sx > sy ? 1 : 0;
  }
  return descending ? -c : c;
}
