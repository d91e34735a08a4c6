import { defineModule, field, options, type Bundle, type RunContext } from '@integrator/sdk';
import { makeConvert, triggerState } from '@integrator/apps/app-kit';
import { a1 } from './a1';
import { callSheets } from './api';
import { GOOGLE_CONNECTION_TYPES } from '@integrator/apps/google-kit';
import {
  firstDataRow,
  renderFields,
  rowBundle,
  rowOutputFields,
  spanRange,
  spreadsheetFields,
  tableFields,
  tableOf,
  type Table,
} from './common';

// Polls for rows added below the last row seen. The position is a row number, kept in the
// trigger state store; Google leaves trailing empty rows out of its answer, so the last row of
// an answer is the last row with data. Rows deleted above the position shift the sheet under it
// (as in Make): the trigger then skips as many rows as were deleted.

interface Position {
  spreadsheetId: string;
  sheet: string;
  lastRow: number;
}
type ValueRange = { values?: unknown[][] };

async function read(ctx: RunContext, t: Omit<Table, 'headers'>, from: number) {
  const ranges = [
    ...(t.includesHeaders ? [a1(t.sheet, spanRange(t.span, t.span.row, t.span.row))] : []),
    a1(t.sheet, spanRange(t.span, from)),
  ];
  const m = ctx.mapper as Record<string, unknown>;
  const res = await callSheets(
    ctx.http,
    t.connection,
    {
      method: 'GET',
      path: `/spreadsheets/${encodeURIComponent(t.spreadsheetId)}/values:batchGet`,
      query: {
        ranges,
        majorDimension: 'ROWS',
        valueRenderOption: m.valueRenderOption as string | undefined,
        dateTimeRenderOption: m.dateTimeRenderOption as string | undefined,
      },
    },
    { spreadsheet: 'spreadsheetId', range: 'sheetId' },
  );
  const vr = (res.body as { valueRanges?: ValueRange[] }).valueRanges ?? [];
  const headers = t.includesHeaders ? (vr[0]?.values?.[0] ?? []).map((v) => String(v ?? '').trim()) : [];
  return { table: { ...t, headers } as Table, rows: vr.at(-1)?.values ?? [] };
}

export const watchRows = defineModule({
  key: 'google-sheets:watchRows',
  label: 'Watch rows',
  description:
    'Emits the rows added to a sheet since the last run, top to bottom, remembering the last row seen.',
  kind: 'trigger',
  versions: [1, 2],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: { convert: makeConvert(GOOGLE_CONNECTION_TYPES) },
  mapper: {
    ...spreadsheetFields,
    ...tableFields,
    limit: field.number({ label: 'Maximum number of rows per run', integer: true, min: 1, default: 100 }),
    ...renderFields,
    startFrom: field.select({
      label: 'Start from (first run)',
      options: options(['now', 'From now on'], ['all', 'All rows']),
      default: 'now',
    }),
  },
  output: { fields: rowOutputFields },
  run: async (ctx) => {
    const { mapper } = ctx;
    const t = tableOf(ctx);
    const { state, save } = await triggerState<Position>(ctx);
    // Another spreadsheet or sheet starts over: the old position belongs to another table.
    const known =
      state?.spreadsheetId === t.spreadsheetId && state.sheet === t.sheet ? state.lastRow : undefined;
    const first = firstDataRow(t);
    const position = (lastRow: number) => ({ spreadsheetId: t.spreadsheetId, sheet: t.sheet, lastRow });
    if (known === undefined && mapper.startFrom !== 'all') {
      // From now on: remember the last row with data, emit nothing.
      const { rows } = await read(ctx, t, first);
      await save(position(first + rows.length - 1));
      return [];
    }
    const from = Math.max((known ?? first - 1) + 1, first);
    const limit = mapper.limit ?? 100;
    // Open-ended, so that a run of empty rows longer than the limit cannot hold the trigger back.
    const { table, rows } = await read(ctx, t, from);
    const out: Bundle[] = [];
    let consumed = rows.length;
    for (let i = 0; i < rows.length; i++) {
      if (!rows[i].some((c) => c !== '' && c !== null && c !== undefined)) continue;
      out.push(rowBundle(table, from + i, rows[i]));
      if (out.length === limit) {
        consumed = i + 1;
        break;
      }
    }
    if (consumed) await save(position(from + consumed - 1));
    else if (known === undefined) await save(position(first - 1));
    return out;
  },
});
