import { field, toText, userError } from '@integrator/sdk';
import { DateTime } from 'luxon';

// Filter rows → AFAS's parallel lists filterfieldids / filtervalues / operatortypes, where
// "," joins entries with AND and ";" separates OR groups (reference §4).

export const OPERATORS: Array<[number, string]> = [
  [1, 'Equal to'],
  [2, 'Greater than or equal to'],
  [3, 'Less than or equal to'],
  [4, 'Greater than'],
  [5, 'Less than'],
  [6, 'Contains'],
  [7, 'Not equal to'],
  [8, 'Is empty'],
  [9, 'Is not empty'],
  [10, 'Starts with'],
  [11, 'Does not contain'],
  [12, 'Does not start with'],
  [13, 'Ends with'],
  [14, 'Does not end with'],
  [15, 'Quick filter'],
];

const NO_VALUE = new Set([8, 9]);

export const filterFields = {
  filters: field.array({
    label: 'Filters',
    help: 'Field ids of the connector (see its metainfo). Values are sent as written; add % wildcards if your environment needs them.',
    items: {
      field: field.text({ label: 'Field', required: true }),
      operator: field.select({
        label: 'Operator',
        options: OPERATORS.map(([value, label]) => ({ value, label })),
        default: 1,
      }),
      value: field.any({ label: 'Value' }),
      group: field.number({
        label: 'Group',
        help: 'With "groups": rows of one group must all match; any group may match.',
        integer: true,
        min: 1,
      }),
    },
  }),
  filterLogic: field.select({
    label: 'Combine filters with',
    options: [
      { value: 'and', label: 'AND (every row must match)' },
      { value: 'or', label: 'OR (any row may match)' },
      { value: 'groups', label: 'Groups (AND within a group, OR between groups)' },
    ],
    default: 'and',
  }),
};

export interface FilterRow {
  field: string;
  operator?: number;
  value?: unknown;
  group?: number;
}

export type FilterLogic = 'and' | 'or' | 'groups';

export interface FilterQuery {
  filterfieldids?: string;
  filtervalues?: string;
  operatortypes?: string;
}

/**
 * AFAS dates are Amsterdam wall-clock time with a misleading "Z" (reference §4): a Date is
 * converted to Amsterdam time, and a trailing Z on text (e.g. copied from a row) is dropped.
 */
export function filterValueText(value: unknown): string {
  if (value instanceof Date)
    return DateTime.fromJSDate(value).setZone('Europe/Amsterdam').toFormat("yyyy-MM-dd'T'HH:mm:ss");
  const s = toText(value);
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(s) ? s.slice(0, -1) : s;
}

function checkSeparators(text: string, path: string): string {
  // AFAS documents no escape for its list separators, so such text cannot be sent faithfully.
  if (/[,;]/.test(text))
    throw userError(
      `must not contain "," or ";" (AFAS uses them to separate filters; got ${JSON.stringify(text)})`,
      path,
    );
  return text;
}

export function filterQuery(
  rows: FilterRow[] | undefined,
  logic: FilterLogic = 'and',
  path = 'filters',
): FilterQuery {
  const list = rows ?? [];
  if (!list.length) return {};
  const groups = new Map<number, Array<{ field: string; value: string; operator: number }>>();
  list.forEach((row, i) => {
    const at = `${path}[${i}]`;
    const id = checkSeparators(String(row.field ?? '').trim(), `${at}.field`);
    if (!id) throw userError('is required', `${at}.field`);
    const operator = Number(row.operator ?? 1);
    if (!Number.isInteger(operator) || operator < 1 || operator > 15)
      throw userError('must be an operator 1–15', `${at}.operator`);
    const value = NO_VALUE.has(operator) ? '' : checkSeparators(filterValueText(row.value), `${at}.value`);
    const key = logic === 'and' ? 1 : logic === 'or' ? i + 1 : (row.group ?? 1);
    const group = groups.get(key) ?? [];
    group.push({ field: id, value, operator });
    groups.set(key, group);
  });
  const ordered = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
  const join = (pick: (e: { field: string; value: string; operator: number }) => string) =>
    ordered.map((g) => g.map(pick).join(',')).join(';');
  return {
    filterfieldids: join((e) => e.field),
    filtervalues: join((e) => e.value),
    operatortypes: join((e) => String(e.operator)),
  };
}
