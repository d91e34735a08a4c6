import { defineModule, field, userError } from '@integrator/sdk';
import { makeConvert } from '@integrator/apps/app-kit';
import { a1 } from './a1';
import { callSheets, sheetNameOf, spreadsheetIdOf, valuesPath } from './api';
import { GOOGLE_CONNECTION_TYPES } from '@integrator/apps/google-kit';
import { spreadsheetFields } from './common';

const FIELDS = { spreadsheet: 'spreadsheetId', range: 'sheetId' };
const rowNumber = field.number({ label: 'Row number', required: true, integer: true, min: 1 });

export const clearValuesFromRow = defineModule({
  key: 'google-sheets:clearValuesFromRow',
  label: 'Clear a row',
  description: 'Empties every cell of one row, keeping the row and its formatting (values.clear).',
  kind: 'action',
  versions: [1, 2],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: { convert: makeConvert(GOOGLE_CONNECTION_TYPES) },
  mapper: { ...spreadsheetFields, rowNumber },
  output: { sample: { spreadsheetId: '1abc', clearedRange: 'Sheet1!A7:Z7' } },
  run: async (ctx) => {
    const { mapper } = ctx;
    const id = spreadsheetIdOf(mapper.spreadsheetId);
    const range = a1(sheetNameOf(mapper.sheetId), `${mapper.rowNumber}:${mapper.rowNumber}`);
    const res = await callSheets(
      ctx.http,
      ctx.connection,
      { method: 'POST', path: valuesPath(id, range, ':clear'), json: {} },
      FIELDS,
    );
    return res.body as Record<string, unknown>;
  },
});

interface SheetProperties {
  sheetId: number;
  title: string;
}

export const deleteRow = defineModule({
  key: 'google-sheets:deleteRow',
  label: 'Delete a row',
  description: 'Removes one row; the rows below move up (batchUpdate deleteDimension).',
  kind: 'action',
  versions: [1, 2],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: { convert: makeConvert(GOOGLE_CONNECTION_TYPES) },
  mapper: {
    ...spreadsheetFields,
    sheetId: field.text({
      label: 'Sheet',
      required: true,
      help: 'The tab’s name, or its numeric ID (the gid in the URL).',
    }),
    rowNumber,
  },
  output: { sample: { spreadsheetId: '1abc', replies: [{}] } },
  run: async (ctx) => {
    const { mapper } = ctx;
    const base = ctx.connection;
    const id = spreadsheetIdOf(mapper.spreadsheetId);
    const wanted = sheetNameOf(mapper.sheetId);
    // deleteDimension takes the sheet's numeric ID, which only spreadsheets.get tells.
    const meta = await callSheets(
      ctx.http,
      base,
      {
        method: 'GET',
        path: `/spreadsheets/${encodeURIComponent(id)}`,
        query: { fields: 'sheets.properties(sheetId,title)' },
      },
      FIELDS,
    );
    const sheets = ((meta.body as { sheets?: Array<{ properties?: SheetProperties }> }).sheets ?? []).map(
      (s) => s.properties!,
    );
    const sheet =
      sheets.find((s) => s.title === wanted) ??
      (/^\d+$/.test(wanted.trim()) ? sheets.find((s) => s.sheetId === Number(wanted)) : undefined);
    if (!sheet)
      throw userError(
        `the spreadsheet has no sheet "${wanted}" (it has: ${sheets.map((s) => s.title).join(', ')})`,
        'sheetId',
      );
    const row = mapper.rowNumber;
    const res = await callSheets(
      ctx.http,
      base,
      {
        method: 'POST',
        path: `/spreadsheets/${encodeURIComponent(id)}:batchUpdate`,
        json: {
          requests: [
            {
              deleteDimension: {
                range: { sheetId: sheet.sheetId, dimension: 'ROWS', startIndex: row - 1, endIndex: row },
              },
            },
          ],
        },
      },
      { ...FIELDS, values: 'rowNumber' },
    );
    return res.body as Record<string, unknown>;
  },
});
