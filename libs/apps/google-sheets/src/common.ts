import {
  field,
  options,
  toBoolean,
  userError,
  type Bundle,
  type ResolvedConnection,
  type RunContext,
} from '@integrator/sdk';
import { jsonValue } from '@integrator/apps/app-kit';
import { a1, columnIndex, columnLetter, parseTableFirstRow, type RowSpan } from './a1';
import { callSheets, sheetNameOf, spreadsheetIdOf, valuesPath } from './api';

// What the row modules share: Make's mapper fields, the table (where its header row is and how
// wide it is), and rows as Make shows them: `__ROW_NUMBER__`, `__SPREADSHEET_ID__`, `__SHEET__`
// and one key per column, counted from 0 from the table's first column (Make maps `{{1.`0`}}`).

export const spreadsheetFields = {
  mode: field.text({
    label: 'Spreadsheet chosen by',
    advanced: true,
    help: 'How Make’s form picked the spreadsheet (select, fromAll, map); the spreadsheet itself is Spreadsheet ID.',
  }),
  from: field.text({
    label: 'Drive',
    advanced: true,
    help: 'Which drive Make’s form listed (drive, share, team); kept for the record, not needed to run.',
  }),
  spreadsheetId: field.text({
    label: 'Spreadsheet ID',
    required: true,
    help: 'The part after /d/ in the spreadsheet’s URL (Make’s “/<id>” form is taken too).',
  }),
  sheetId: field.text({ label: 'Sheet name', required: true, help: 'The tab, e.g. Sheet1.' }),
};

export const tableFields = {
  includesHeaders: field.boolean({ label: 'Table contains headers', default: true }),
  tableFirstRow: field.text({
    label: 'Row with headers',
    default: 'A1:Z1',
    help: 'Where the table starts and how wide it is, as one row: A1:Z1.',
  }),
};

export const renderFields = {
  valueRenderOption: field.select({
    label: 'Value render option',
    options: options(
      ['FORMATTED_VALUE', 'Formatted value'],
      ['UNFORMATTED_VALUE', 'Unformatted value'],
      ['FORMULA', 'Formula'],
    ),
    default: 'FORMATTED_VALUE',
  }),
  dateTimeRenderOption: field.select({
    label: 'Date and time render option',
    options: options(['FORMATTED_STRING', 'Formatted string'], ['SERIAL_NUMBER', 'Serial number']),
    default: 'FORMATTED_STRING',
  }),
};

export const rowOutputFields = [
  { name: '__ROW_NUMBER__', label: 'Row number', type: 'number' },
  { name: '__SPREADSHEET_ID__', label: 'Spreadsheet ID' },
  { name: '__SHEET__', label: 'Sheet' },
  { name: '0', label: 'Column A (keys 0, 1, 2… count the table’s columns)' },
];

export interface Table {
  connection: ResolvedConnection | undefined;
  spreadsheetId: string;
  sheet: string;
  span: RowSpan;
  includesHeaders: boolean;
  /** Header texts by column (0 = the table's first column); empty without headers. */
  headers: string[];
}

export function tableOf(ctx: RunContext): Omit<Table, 'headers'> {
  const m = ctx.mapper as Record<string, unknown>;
  return {
    connection: ctx.connection,
    spreadsheetId: spreadsheetIdOf(m.spreadsheetId),
    sheet: sheetNameOf(m.sheetId),
    span: parseTableFirstRow(m.tableFirstRow),
    includesHeaders: m.includesHeaders === undefined ? true : toBoolean(m.includesHeaders),
  };
}

export const spanRange = (span: RowSpan, fromRow: number, toRow?: number) =>
  `${columnLetter(span.first)}${fromRow}:${columnLetter(span.last)}${toRow ?? ''}`;

/** Reads the header row when the table has one. */
export async function withHeaders(ctx: RunContext, t: Omit<Table, 'headers'>): Promise<Table> {
  if (!t.includesHeaders) return { ...t, headers: [] };
  const res = await callSheets(
    ctx.http,
    t.connection,
    {
      method: 'GET',
      path: valuesPath(t.spreadsheetId, a1(t.sheet, spanRange(t.span, t.span.row, t.span.row))),
    },
    { spreadsheet: 'spreadsheetId', range: 'sheetId' },
  );
  const row = ((res.body as { values?: unknown[][] }).values ?? [])[0] ?? [];
  return { ...t, headers: row.map((v) => String(v ?? '').trim()) };
}

/** The first data row: below the header row, or the header row itself when there are none. */
export const firstDataRow = (t: Omit<Table, 'headers'>) => t.span.row + (t.includesHeaders ? 1 : 0);

/** One row as Make shows it. */
export function rowBundle(t: Table, rowNumber: number, cells: unknown[]): Bundle {
  const out: Bundle = { __ROW_NUMBER__: rowNumber, __SPREADSHEET_ID__: t.spreadsheetId, __SHEET__: t.sheet };
  const width = Math.max(cells.length, t.headers.length);
  for (let i = 0; i < width; i++) out[String(i)] = cells[i] ?? '';
  return out;
}

/**
 * A column named by a key of Make's `values` or a filter's column: its index in the table
 * (`0`, `1`…), a header text, or a column letter (`A`, `AB`). Answers the 0-based table index.
 * Writes may go past the table's width (Make's exports write `"29"` with the default A1:Z1);
 * reads (`bounded`) only see the table's columns.
 */
export function columnOf(t: Table, key: string, fieldName: string, bounded = true): number {
  const k = key.trim();
  const width = bounded ? t.span.last - t.span.first + 1 : MAX_COLUMNS - t.span.first;
  let index: number | undefined;
  if (/^\d+$/.test(k)) index = Number(k);
  else {
    const header = t.headers.indexOf(k);
    if (header >= 0) index = header;
    else {
      const letter = columnIndex(k);
      if (letter !== undefined) index = letter - t.span.first;
    }
  }
  if (index === undefined || index < 0 || index >= width)
    throw userError(
      `is not a column of the table ${columnLetter(t.span.first)}–${columnLetter(t.span.first + width - 1)}` +
        (t.headers.length ? ` (headers: ${t.headers.filter(Boolean).join(', ')})` : ''),
      fieldName,
    );
  return index;
}

/** Google Sheets' widest sheet: 18,278 columns (A…ZZZ). */
const MAX_COLUMNS = 18278;

type Cell = string | number | boolean | null;

/**
 * Make's `values` (column → value, or a list in column order) as one row of cells from the
 * table's first column; columns not given are null, which Google skips (leaves the cell alone).
 * With `eraseClears`, a value that is null (Make's `erase`) empties its cell.
 */
/** The Values field: typed in a module's panel, the collection arrives as JSON text. */
export const rowValues = (given: unknown): unknown =>
  typeof given === 'string' && /^\s*[[{]/.test(given) ? jsonValue(given, 'values') : given;

export function rowCells(t: Table, given: unknown, eraseClears = false): Cell[] {
  const values = rowValues(given);
  const entries: Array<[string, unknown]> = Array.isArray(values)
    ? values.map((v, i) => [String(i), v])
    : values && typeof values === 'object'
      ? Object.entries(values)
      : [];
  if (values !== undefined && values !== null && values !== '' && typeof values !== 'object')
    throw userError('must be a collection of column → value, or a list of values', 'values');
  const cells: Cell[] = [];
  for (const [key, value] of entries) {
    const at = `values.${key}`;
    const i = columnOf(t, key, at, false);
    cells[i] = eraseClears && value === null ? '' : cellOf(value, at);
  }
  for (let i = 0; i < cells.length; i++) cells[i] ??= null;
  return cells;
}

function cellOf(value: unknown, at: string): Cell {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw userError('must be a finite number', at);
    return value;
  }
  if (value instanceof Date) return value.toISOString();
  throw userError('must be a text, number or boolean; a cell cannot hold a list or a collection', at);
}
