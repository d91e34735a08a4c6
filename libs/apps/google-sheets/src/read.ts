import { defineModule, field, options, userError, type Bundle } from '@integrator/sdk';
import { makeConvert } from '@integrator/apps/app-kit';
import { a1, parseRange, rangeStart } from './a1';
import { callSheets } from './api';
import { GOOGLE_CONNECTION_TYPES } from '@integrator/apps/google-kit';
import {
  columnOf,
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
import { compareCells, matchesRow, parseRowFilter } from './filter';

const FIELDS = { spreadsheet: 'spreadsheetId', range: 'sheetId' };
type ValueRange = { range?: string; values?: unknown[][] };

export const filterRows = defineModule({
  key: 'google-sheets:filterRows',
  label: 'Search rows',
  description:
    'Outputs the rows of a table that match the filter, sorted and limited (one values:batchGet for headers and rows).',
  kind: 'search',
  versions: [1, 2],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: { convert: makeConvert(GOOGLE_CONNECTION_TYPES) },
  mapper: {
    ...spreadsheetFields,
    ...tableFields,
    filter: field.array({
      label: 'Filter',
      help: 'A row matches when all conditions of at least one group hold.',
      items: field.array({
        label: 'Conditions (all must hold)',
        items: {
          a: field.text({
            label: 'Column',
            help: 'Its letter (A), its header, or its index from 0',
            required: true,
          }),
          o: field.text({
            label: 'Operator',
            help: 'text:equal, text:contain:ci, number:greater, exist…',
            required: true,
          }),
          b: field.any({ label: 'Value' }),
        },
      }),
    }),
    orderBy: field.text({
      label: 'Order by (column)',
      help: 'A column letter, header or index; empty: sheet order.',
    }),
    sortOrder: field.select({
      label: 'Sort order',
      options: options(['asc', 'Ascending'], ['desc', 'Descending']),
      default: 'asc',
      help: 'Without Order by, descending lists the last rows first.',
    }),
    limit: field.number({ label: 'Maximum number of returned rows', integer: true, min: 1 }),
    ...renderFields,
  },
  output: {
    fields: [
      ...rowOutputFields,
      { name: '__IMTINDEX__', label: 'Bundle order position' },
      { name: '__IMTLENGTH__', label: 'Total number of bundles' },
    ],
  },
  run: async (ctx) => {
    const { mapper } = ctx;
    const base = tableOf(ctx);
    const ranges = [
      ...(base.includesHeaders ? [a1(base.sheet, spanRange(base.span, base.span.row, base.span.row))] : []),
      a1(base.sheet, spanRange(base.span, firstDataRow(base))),
    ];
    const res = await callSheets(
      ctx.http,
      base.connection,
      {
        method: 'GET',
        path: `/spreadsheets/${encodeURIComponent(base.spreadsheetId)}/values:batchGet`,
        query: {
          ranges,
          majorDimension: 'ROWS',
          valueRenderOption: mapper.valueRenderOption,
          dateTimeRenderOption: mapper.dateTimeRenderOption,
        },
      },
      FIELDS,
    );
    const valueRanges = ((res.body as { valueRanges?: ValueRange[] }).valueRanges ?? []) as ValueRange[];
    const headerRow = base.includesHeaders ? (valueRanges[0]?.values?.[0] ?? []) : [];
    const t: Table = { ...base, headers: headerRow.map((v) => String(v ?? '').trim()) };
    const data = valueRanges.at(-1)?.values ?? [];
    const groups = parseRowFilter(t, mapper.filter);
    const orderBy = mapper.orderBy?.trim() ? columnOf(t, mapper.orderBy, 'orderBy') : undefined;
    const descending = mapper.sortOrder === 'desc';
    let rows = data
      .map((cells, i) => ({ cells, row: firstDataRow(t) + i }))
      .filter((r) => r.cells.some((c) => c !== '' && c !== null && c !== undefined))
      .filter((r) => matchesRow(r.cells, groups));
    if (orderBy !== undefined)
      rows.sort((x, y) => compareCells(x.cells[orderBy], y.cells[orderBy], descending) || x.row - y.row);
    else if (descending) rows.reverse();
    if (mapper.limit !== undefined) rows = rows.slice(0, mapper.limit);
    return rows.map((r, i): Bundle => ({
      ...rowBundle(t, r.row, r.cells),
      __IMTINDEX__: i + 1,
      __IMTLENGTH__: rows.length,
    }));
  },
});

export const getSheetContent = defineModule({
  key: 'google-sheets:getSheetContent',
  label: 'Get range values',
  description: 'Outputs one bundle per row of a range (values.get), keyed like the table’s columns.',
  kind: 'search',
  versions: [1, 2],
  connection: { types: GOOGLE_CONNECTION_TYPES },
  make: { convert: makeConvert(GOOGLE_CONNECTION_TYPES) },
  mapper: {
    select: field.text({
      label: 'Spreadsheet chosen by',
      advanced: true,
      help: 'How Make’s form picked it.',
    }),
    ...spreadsheetFields,
    range: field.text({
      label: 'Range',
      required: true,
      placeholder: 'A1:D25',
      help: 'Without the sheet name.',
    }),
    ...tableFields,
    ...renderFields,
  },
  output: {
    fields: [
      ...rowOutputFields,
      { name: '__IMTINDEX__', label: 'Bundle order position' },
      { name: '__IMTLENGTH__', label: 'Total number of bundles' },
    ],
  },
  run: async (ctx) => {
    const { mapper } = ctx;
    const base = tableOf(ctx);
    const asked = parseRange(mapper.range);
    const res = await callSheets(
      ctx.http,
      base.connection,
      {
        method: 'GET',
        path: `/spreadsheets/${encodeURIComponent(base.spreadsheetId)}/values/${encodeURIComponent(
          a1(base.sheet, mapper.range.trim()),
        )}`,
        query: {
          majorDimension: 'ROWS',
          valueRenderOption: mapper.valueRenderOption,
          dateTimeRenderOption: mapper.dateTimeRenderOption,
        },
      },
      { ...FIELDS, range: 'range' },
    );
    const body = res.body as ValueRange;
    const start = (body.range ? rangeStart(body.range) : undefined) ?? {
      col: asked.startCol,
      row: asked.startRow ?? 1,
    };
    if (!start) throw userError('Google answered no range', 'range');
    // Keys count from the table's first column, so `0` is column A as in the other row modules.
    const offset = start.col >= base.span.first ? start.col - base.span.first : 0;
    const t: Table = { ...base, headers: [] };
    const rows = body.values ?? [];
    return rows.map((cells, i): Bundle => {
      const shifted = [...Array<unknown>(offset).fill(undefined), ...cells];
      const bundle = rowBundle(t, start.row + i, shifted);
      for (let k = 0; k < offset; k++) delete bundle[String(k)];
      return { ...bundle, __IMTINDEX__: i + 1, __IMTLENGTH__: rows.length };
    });
  },
});
