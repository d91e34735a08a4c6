import { defineModule, field, options, toBoolean, userError, type RunContext } from '@integrator/sdk';
import { makeConvert } from '@integrator/apps/app-kit';
import { a1, columnLetter, rangeEndRow } from './a1';
import { callSheets, valuesPath } from './api';
import { GOOGLE_CONNECTION_TYPES } from '@integrator/apps/google-kit';
import {
  rowCells,
  rowValues,
  spanRange,
  spreadsheetFields,
  tableFields,
  tableOf,
  withHeaders,
  type Table,
} from './common';

// Add a row (values.append) and update a row (values.update). Both write one ValueRange
// { range, majorDimension: ROWS, values: [[…]] } whose range is the one in the URL, as Google asks.

const FIELDS = { spreadsheet: 'spreadsheetId', range: 'sheetId', values: 'values' };

const writeFields = {
  ...spreadsheetFields,
  ...tableFields,
  values: field.any({
    label: 'Values',
    help: 'Column → value: the column by its index from 0 (Make’s form), its header, or its letter. A list fills columns in order.',
  }),
  valueInputOption: field.select({
    label: 'Value input option',
    options: options(['USER_ENTERED', 'User entered (parsed like typed)'], ['RAW', 'Raw (stored as given)']),
    default: 'USER_ENTERED',
  }),
};

// Make's "Unformatted" switch has no counterpart in values.append; the import says so.
const convert = makeConvert(GOOGLE_CONNECTION_TYPES, undefined, (m, notes) => {
  if (m.insertUnformatted === true || m.insertUnformatted === 'true')
    notes.push(
      'insertUnformatted (Unformatted) is not honoured: rows are written with Google’s usual formatting.',
    );
  return m;
});

/** Headers are read only when a column is named by something other than its index. */
async function tableFor(ctx: RunContext, given: unknown): Promise<Table> {
  const t = tableOf(ctx);
  const values = rowValues(given);
  const keys = Array.isArray(values) ? [] : Object.keys((values ?? {}) as object);
  return keys.some((k) => !/^\d+$/.test(k.trim())) ? withHeaders(ctx, t) : { ...t, headers: [] };
}

export const addRow = defineModule({
  key: 'google-sheets:addRow',
  label: 'Add a row',
  description: 'Appends a row after the table’s last row (values.append).',
  kind: 'action',
  versions: [1, 2],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: { convert },
  mapper: {
    ...writeFields,
    insertDataOption: field.select({
      label: 'Insert data option',
      options: options(['INSERT_ROWS', 'Insert rows'], ['OVERWRITE', 'Overwrite (write into the empty row)']),
      default: 'INSERT_ROWS',
    }),
    insertUnformatted: field.boolean({
      label: 'Unformatted',
      advanced: true,
      help: 'Make’s switch; not honoured here (a warning says so when it is on).',
      default: false,
    }),
    useColumnHeaders: field.boolean({ label: 'Columns named by their headers', advanced: true }),
  },
  output: {
    sample: {
      spreadsheetId: '1abc',
      tableRange: 'Sheet1!A1:C5',
      updates: {
        spreadsheetId: '1abc',
        updatedRange: 'Sheet1!A6:C6',
        updatedRows: 1,
        updatedColumns: 3,
        updatedCells: 3,
      },
      rowNumber: 6,
    },
  },
  run: async (ctx) => {
    const { mapper } = ctx;
    const t = await tableFor(ctx, mapper.values);
    const cells = rowCells(t, mapper.values);
    if (!cells.some((c) => c !== null)) throw userError('give at least one column’s value', 'values');
    if (mapper.insertUnformatted !== undefined && toBoolean(mapper.insertUnformatted))
      ctx.log.warn('insertUnformatted is not honoured: the row is appended with Google’s usual formatting', {
        field: 'insertUnformatted',
      });
    const range = a1(t.sheet, spanRange(t.span, t.span.row, t.span.row));
    const res = await callSheets(
      ctx.http,
      t.connection,
      {
        method: 'POST',
        path: valuesPath(t.spreadsheetId, range, ':append'),
        query: { valueInputOption: mapper.valueInputOption, insertDataOption: mapper.insertDataOption },
        json: { range, majorDimension: 'ROWS', values: [cells] },
      },
      FIELDS,
    );
    const body = res.body as { updates?: { updatedRange?: string } };
    const updated = body.updates?.updatedRange;
    return { ...body, rowNumber: updated ? rangeEndRow(updated) : undefined };
  },
});

export const updateRow = defineModule({
  key: 'google-sheets:updateRow',
  label: 'Update a row',
  description:
    'Writes the given columns of one row (values.update); columns not given are left as they are, `erase` empties a cell.',
  kind: 'action',
  versions: [1, 2],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: { convert },
  mapper: {
    ...writeFields,
    rowNumber: field.number({ label: 'Row number', required: true, integer: true, min: 1 }),
    insertUnformatted: field.boolean({ label: 'Unformatted', advanced: true, default: false }),
    useColumnHeaders: field.boolean({ label: 'Columns named by their headers', advanced: true }),
  },
  output: {
    sample: {
      spreadsheetId: '1abc',
      updatedRange: 'Sheet1!E7',
      updatedRows: 1,
      updatedColumns: 1,
      updatedCells: 1,
    },
  },
  run: async (ctx) => {
    const { mapper } = ctx;
    const t = await tableFor(ctx, mapper.values);
    const cells = rowCells(t, mapper.values, true);
    const first = cells.findIndex((c) => c !== null);
    if (first < 0) throw userError('give at least one column’s value', 'values');
    if (mapper.insertUnformatted !== undefined && toBoolean(mapper.insertUnformatted))
      ctx.log.warn('insertUnformatted is not honoured on an update', { field: 'insertUnformatted' });
    const row = mapper.rowNumber;
    const from = columnLetter(t.span.first + first);
    const to = columnLetter(t.span.first + cells.length - 1);
    const range = a1(t.sheet, `${from}${row}:${to}${row}`);
    const res = await callSheets(
      ctx.http,
      t.connection,
      {
        method: 'PUT',
        path: valuesPath(t.spreadsheetId, range),
        query: { valueInputOption: mapper.valueInputOption },
        json: { range, majorDimension: 'ROWS', values: [cells.slice(first)] },
      },
      FIELDS,
    );
    return res.body as Record<string, unknown>;
  },
});
