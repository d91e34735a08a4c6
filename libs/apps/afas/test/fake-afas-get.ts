import { ProfitFault, type GetConnectorSeed, type Row } from './fake-afas-seed';

// GetConnector semantics of the fake (reference §4): skip/take, the "," (AND) / ";" (OR)
// filter lists, operators 1–15, filterjson and orderbyfieldids with "-".

export interface Condition {
  field: string;
  operator: number;
  value: string;
}

/** OR of AND groups. */
export type Conditions = Condition[][];

const GENERIC = 'An unexpected error has occurred.';

function splitLists(raw: string | null): string[][] | undefined {
  return raw === null ? undefined : raw.split(';').map((g) => g.split(','));
}

/** The three parallel lists; their group and entry counts must line up. */
export function parseFilterLists(params: URLSearchParams): Conditions {
  const ids = splitLists(params.get('filterfieldids'));
  const values = splitLists(params.get('filtervalues'));
  const ops = splitLists(params.get('operatortypes'));
  if (!ids && !values && !ops) return [];
  if (!ids || !values || !ops) throw new ProfitFault(GENERIC);
  const shape = (l: string[][]) => l.map((g) => g.length).join(',');
  if (shape(ids) !== shape(values) || shape(ids) !== shape(ops)) throw new ProfitFault(GENERIC);
  return ids.map((group, g) =>
    group.map((field, i) => ({ field, value: values[g][i], operator: operatorOf(ops[g][i]) })),
  );
}

function operatorOf(raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 15) throw new ProfitFault(`Invalid operator type '${raw}'.`);
  return n;
}

/** `{"Filters": {"Filter": [{"Field": [{"@FieldId", "@OperatorType", "#text"}]}]}}`: AND inside a Filter, OR between. */
export function parseFilterJson(raw: string): Conditions {
  let doc: unknown;
  try {
    doc = JSON.parse(raw);
  } catch {
    throw new ProfitFault('The filterjson is not valid JSON.');
  }
  const asList = (v: unknown): Record<string, unknown>[] =>
    (Array.isArray(v) ? v : v && typeof v === 'object' ? [v] : []) as Record<string, unknown>[];
  const filters = asList((doc as { Filters?: { Filter?: unknown } })?.Filters?.Filter);
  if (!filters.length) throw new ProfitFault('The filterjson has no Filters.Filter.');
  return filters.map((f) =>
    asList(f.Field).map((x) => ({
      field: String(x['@FieldId'] ?? ''),
      operator: operatorOf(String(x['@OperatorType'] ?? '')),
      value: String(x['#text'] ?? ''),
    })),
  );
}

const stripWildcards = (v: string) => v.replace(/^%+|%+$/g, '');
const asDate = (v: string) =>
  /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?Z?$/.test(v) ? v.replace(/Z$/, '').replace(/\.0+$/, '') : undefined;

/** Orders two values the way Profit compares them: numbers numerically, dates by time, text case-insensitively. */
function compare(cell: unknown, value: string): number {
  if (typeof cell === 'number') return cell - Number(value);
  if (typeof cell === 'boolean') return Number(cell) - (['1', 'true'].includes(value.toLowerCase()) ? 1 : 0);
  const text = String(cell ?? '');
  const a = asDate(text);
  const b = asDate(value);
  if (a && b) return a < b ? -1 : a > b ? 1 : 0;
  return text.toLowerCase().localeCompare(value.toLowerCase());
}

function matches(cell: unknown, c: Condition): boolean {
  const text = String(cell ?? '').toLowerCase();
  // Whether REST needs "%" wildcards is unknown (reference §14.3): accept both.
  const needle = stripWildcards(c.value).toLowerCase();
  const isEmpty = cell === null || cell === undefined || cell === '';
  switch (c.operator) {
    case 1:
      return !isEmpty && compare(cell, c.value) === 0;
    case 2:
      return !isEmpty && compare(cell, c.value) >= 0;
    case 3:
      return !isEmpty && compare(cell, c.value) <= 0;
    case 4:
      return !isEmpty && compare(cell, c.value) > 0;
    case 5:
      return !isEmpty && compare(cell, c.value) < 0;
    case 6:
    case 15:
      return text.includes(needle);
    case 7:
      return isEmpty || compare(cell, c.value) !== 0;
    case 8:
      return isEmpty;
    case 9:
      return !isEmpty;
    case 10:
      return text.startsWith(needle);
    case 11:
      return !text.includes(needle);
    case 12:
      return !text.startsWith(needle);
    case 13:
      return text.endsWith(needle);
    default:
      return !text.endsWith(needle);
  }
}

export function checkFields(conditions: Conditions, known: string[]): void {
  for (const c of conditions.flat())
    if (!known.includes(c.field)) throw new ProfitFault(`Connector field '${c.field}' not found`);
}

function ordered(rows: Row[], raw: string | null, known: string[]): Row[] {
  if (!raw) return rows;
  const keys = raw.split(',').map((k) => ({ field: k.replace(/^-/, ''), desc: k.startsWith('-') }));
  for (const k of keys)
    if (!known.includes(k.field)) throw new ProfitFault(`Connector field '${k.field}' not found`);
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = a[k.field];
      const y = b[k.field];
      const d =
        x === y
          ? 0
          : x === null
            ? -1
            : y === null
              ? 1
              : typeof x === 'number' && typeof y === 'number'
                ? x - y
                : String(x).localeCompare(String(y));
      if (d !== 0) return k.desc ? -d : d;
    }
    return 0;
  });
}

/** skip/take as observed (reference §4): -1/-1 = all; bad skip → 0; take=0 → 1 row; bad take → 500. */
function window(params: URLSearchParams): { skip: number; take: number; all: boolean; echoTake: number } {
  const rawSkip = params.get('skip');
  const rawTake = params.get('take');
  const skipN = rawSkip === null ? 0 : Number(rawSkip);
  if (skipN === -1)
    return { skip: 0, take: Infinity, all: true, echoTake: rawTake === null ? -1 : Number(rawTake) };
  const skip = Number.isInteger(skipN) && skipN >= 0 ? skipN : 0;
  const takeN = rawTake === null ? 100 : Number(rawTake);
  if (!Number.isInteger(takeN) || takeN < 0) throw new ProfitFault(GENERIC);
  return { skip, take: Math.max(takeN, 1), all: false, echoTake: takeN };
}

export function runGetConnector(seed: GetConnectorSeed, params: URLSearchParams, echo: 'requested' | 'rows') {
  const known = seed.fields.map((f) => f.id);
  const json = params.get('filterjson');
  const conditions = json !== null ? parseFilterJson(json) : parseFilterLists(params);
  checkFields(conditions, known);
  const { skip, take, all, echoTake } = window(params);
  const filtered = seed.rows.filter(
    (row) => !conditions.length || conditions.some((group) => group.every((c) => matches(row[c.field], c))),
  );
  const sorted = ordered(filtered, params.get('orderbyfieldids'), known);
  const page = (all ? sorted : sorted.slice(skip, skip + take)).map((row) =>
    Object.fromEntries(known.map((k) => [k, row[k] === undefined || row[k] === '' ? null : row[k]])),
  );
  return { skip: all ? -1 : skip, take: echo === 'rows' ? page.length : echoTake, rows: page };
}
