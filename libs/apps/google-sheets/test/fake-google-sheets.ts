import {
  startFake,
  type FakeReply,
  type FakeServer,
  type RecordedRequest,
} from '../../../../test/support/app-harness';

// A strict Google Sheets API v4 (developers.google.com/sheets/api/reference/rest): Bearer token,
// errors as { error: { code, message, status } }, query parameters checked by name and enum,
// `valueInputOption` required on writes, ValueRange bodies { range, majorDimension, values } with
// the URL's range, unknown JSON fields rejected ("Invalid JSON payload received"). Written on its
// own (its A1 parser is not the app's), so a shared mistake cannot pass unnoticed.

export const TOKEN = 'ya29.fake-access-token';
export const READONLY_TOKEN = 'ya29.readonly-token';
export const SPREADSHEET_ID = '1FakeSpreadsheet_0123456789abc';

type Cell = string | number | boolean;
export interface FakeSheet {
  sheetId: number;
  title: string;
  rows: Array<Array<Cell | undefined>>;
}
export interface FakeSheets extends FakeServer {
  sheets: FakeSheet[];
  sheet(title: string): FakeSheet;
}

const STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
};
const fail = (code: number, message: string): FakeReply => ({
  status: code,
  body: { error: { code, message, status: STATUS[code] } },
});
const ok = (body: unknown): FakeReply => ({ status: 200, body });

/** What a Bearer token may do: write, only read, or nothing (401). */
export type TokenAccess = (token: string) => 'write' | 'read' | undefined;
const fixedTokens: TokenAccess = (t) => (t === TOKEN ? 'write' : t === READONLY_TOKEN ? 'read' : undefined);

export async function startFakeSheets(sheets: FakeSheet[]): Promise<FakeSheets> {
  const fake = await startFake((req) => sheetsRoute(req, sheets));
  return Object.assign(fake, {
    sheets,
    sheet: (title: string) => sheets.find((s) => s.title === title)!,
  });
}

const ENUMS: Record<string, string[]> = {
  valueInputOption: ['RAW', 'USER_ENTERED'],
  insertDataOption: ['OVERWRITE', 'INSERT_ROWS'],
  majorDimension: ['ROWS', 'COLUMNS'],
  valueRenderOption: ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'],
  dateTimeRenderOption: ['SERIAL_NUMBER', 'FORMATTED_STRING'],
};

function checkQuery(q: URLSearchParams, allowed: string[]): FakeReply | undefined {
  for (const [k, v] of q) {
    if (!allowed.includes(k))
      return fail(
        400,
        `Invalid JSON payload received. Unknown name "${k}": Cannot bind query parameter. Field '${k}' could not be found in request message.`,
      );
    if (ENUMS[k] && !ENUMS[k].includes(v)) return fail(400, `Invalid value at '${k}' (TYPE_ENUM), "${v}"`);
  }
  return undefined;
}

/** The Sheets API's answer; `access` judges the token (another fake's tokens, in the browser test). */
export function sheetsRoute(req: RecordedRequest, sheets: FakeSheet[], access = fixedTokens): FakeReply {
  const url = new URL(req.url, 'http://x');
  const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
  const may = token ? access(token) : undefined;
  if (!may)
    return fail(401, 'Request had invalid authentication credentials. Expected OAuth 2 access token.');
  if (may === 'read' && req.method !== 'GET')
    return fail(403, 'Request had insufficient authentication scopes.');
  const m = /^\/v4\/spreadsheets\/([^/:]+)(.*)$/.exec(url.pathname);
  if (!m) return fail(404, 'Requested entity was not found.');
  if (decodeURIComponent(m[1]) !== SPREADSHEET_ID) return fail(404, 'Requested entity was not found.');
  const rest = m[2];
  const q = url.searchParams;
  if (req.method !== 'GET') {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
      return fail(400, 'Invalid JSON payload received. Expected a JSON body.');
    if (
      req.json === undefined ||
      typeof req.json === 'symbol' ||
      typeof req.json !== 'object' ||
      req.json === null
    )
      return fail(400, 'Invalid JSON payload received.');
  }
  if (rest === '' && req.method === 'GET') {
    return checkQuery(q, ['fields', 'ranges', 'includeGridData']) ?? ok(spreadsheet(sheets));
  }
  if (rest === ':batchUpdate' && req.method === 'POST')
    return checkQuery(q, []) ?? batchUpdate(req.json, sheets);
  if (rest === '/values:batchGet' && req.method === 'GET') {
    const bad = checkQuery(q, ['ranges', 'majorDimension', 'valueRenderOption', 'dateTimeRenderOption']);
    if (bad) return bad;
    const ranges = q.getAll('ranges');
    if (!ranges.length) return fail(400, 'Must specify at least one range.');
    const valueRanges: unknown[] = [];
    for (const r of ranges) {
      const got = readRange(r, sheets, q);
      if ('status' in got) return got;
      valueRanges.push(got);
    }
    return ok({ spreadsheetId: SPREADSHEET_ID, valueRanges });
  }
  const verb = /:(append|clear)$/.exec(rest)?.[1];
  const v = /^\/values\/(.+)$/.exec(verb ? rest.slice(0, -verb.length - 1) : rest);
  if (!v) return fail(404, 'Requested entity was not found.');
  // The range's own colon may arrive encoded (%3A) or not; the verb is the last literal colon.
  const rawRange = decodeURIComponent(v[1]);
  if (req.method === 'GET' && !verb) {
    const bad = checkQuery(q, ['majorDimension', 'valueRenderOption', 'dateTimeRenderOption']);
    if (bad) return bad;
    const got = readRange(rawRange, sheets, q);
    return 'status' in got ? got : ok(got);
  }
  if (req.method === 'PUT' && !verb) {
    const bad = checkQuery(q, ['valueInputOption', 'includeValuesInResponse', 'responseValueRenderOption']);
    return bad ?? write(rawRange, req.json, q, sheets, 'update');
  }
  if (req.method === 'POST' && verb === 'append') {
    const bad = checkQuery(q, ['valueInputOption', 'insertDataOption', 'includeValuesInResponse']);
    return bad ?? write(rawRange, req.json, q, sheets, 'append');
  }
  if (req.method === 'POST' && verb === 'clear') {
    const bad = checkQuery(q, []);
    if (bad) return bad;
    const keys = Object.keys(req.json as object);
    if (keys.length)
      return fail(400, `Invalid JSON payload received. Unknown name "${keys[0]}": Cannot find field.`);
    const r = parseA1(rawRange, sheets);
    if ('status' in r) return r;
    for (let row = r.r1; row <= Math.min(r.r2, r.sheet.rows.length); row++)
      for (let c = r.c1; c <= r.c2; c++) if (r.sheet.rows[row - 1]) r.sheet.rows[row - 1][c] = undefined;
    return ok({ spreadsheetId: SPREADSHEET_ID, clearedRange: a1Of(r.sheet, r.c1, r.r1, r.c2, r.r2) });
  }
  return fail(404, 'Requested entity was not found.');
}

function spreadsheet(sheets: FakeSheet[]) {
  return {
    spreadsheetId: SPREADSHEET_ID,
    properties: { title: 'Fake spreadsheet' },
    sheets: sheets.map((s, index) => ({
      properties: {
        sheetId: s.sheetId,
        title: s.title,
        index,
        sheetType: 'GRID',
        gridProperties: { rowCount: gridRows(s), columnCount: 26 },
      },
    })),
  };
}

const gridRows = (s: FakeSheet) => Math.max(1000, s.rows.length);
const letters = (i: number): string =>
  (i < 26 ? '' : letters(Math.floor(i / 26) - 1)) + String.fromCharCode(65 + (i % 26));
const colOf = (l: string) => [...l].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
const quoted = (t: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(t) ? t : `'${t.replace(/'/g, "''")}'`);
const a1Of = (s: FakeSheet, c1: number, r1: number, c2: number, r2: number) =>
  `${quoted(s.title)}!${letters(c1)}${r1}:${letters(c2)}${r2}`;

interface Parsed {
  sheet: FakeSheet;
  c1: number;
  r1: number;
  c2: number;
  r2: number;
}

function parseA1(text: string, sheets: FakeSheet[]): Parsed | FakeReply {
  const bad = fail(400, `Unable to parse range: ${text}`);
  const m = /^(?:'((?:[^']|'')+)'|([A-Za-z0-9_]+))(?:!(.+))?$/.exec(text);
  if (!m) return bad;
  const title = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  const sheet = sheets.find((s) => s.title === title);
  if (!sheet) return bad;
  if (!m[3]) return { sheet, c1: 0, r1: 1, c2: 25, r2: gridRows(sheet) };
  const cells = /^([A-Z]*)(\d*)(?::([A-Z]*)(\d*))?$/.exec(m[3]);
  if (!cells || (!cells[1] && !cells[2])) return bad;
  const [, a, b, c, d] = cells;
  const single = cells[3] === undefined && cells[4] === undefined;
  const r1 = b ? Number(b) : 1;
  const r2 = single ? r1 : d ? Number(d) : gridRows(sheet);
  const c1 = a ? colOf(a) : 0;
  const c2 = single ? c1 : c ? colOf(c) : 25;
  if (r1 < 1 || r2 < r1 || c2 < c1) return bad;
  return { sheet, c1, r1, c2, r2 };
}

function render(v: Cell | undefined, q: URLSearchParams): Cell {
  if (v === undefined) return '';
  if (q.get('valueRenderOption') === 'UNFORMATTED_VALUE' || q.get('valueRenderOption') === 'FORMULA')
    return v;
  return typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
}

/** values.get: trailing empty cells and rows are left out, as Google does. */
function readRange(text: string, sheets: FakeSheet[], q: URLSearchParams) {
  const r = parseA1(text, sheets);
  if ('status' in r) return r;
  const values: Cell[][] = [];
  for (let row = r.r1; row <= Math.min(r.r2, r.sheet.rows.length); row++) {
    const cells = (r.sheet.rows[row - 1] ?? []).slice(r.c1, r.c2 + 1).map((v) => render(v, q));
    while (cells.length && cells.at(-1) === '') cells.pop();
    values.push(cells);
  }
  while (values.length && !values.at(-1)!.length) values.pop();
  return {
    range: a1Of(r.sheet, r.c1, r.r1, r.c2, r.r2),
    majorDimension: 'ROWS',
    ...(values.length ? { values } : {}),
  };
}

function entered(v: unknown, q: URLSearchParams): Cell | undefined | null {
  if (v === null) return null;
  if (typeof v !== 'string' || q.get('valueInputOption') === 'RAW') return v as Cell;
  if (v === '') return undefined;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  if (/^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return v;
}

function write(
  text: string,
  body: unknown,
  q: URLSearchParams,
  sheets: FakeSheet[],
  kind: 'update' | 'append',
) {
  if (!q.get('valueInputOption')) return fail(400, "'valueInputOption' is required but not specified");
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((k) => !['range', 'majorDimension', 'values'].includes(k));
  if (unknown)
    return fail(
      400,
      `Invalid JSON payload received. Unknown name "${unknown}" at 'data': Cannot find field.`,
    );
  if (b.majorDimension !== undefined && !ENUMS.majorDimension.includes(b.majorDimension as string))
    return fail(400, `Invalid value at 'data.major_dimension' (TYPE_ENUM), "${String(b.majorDimension)}"`);
  const r = parseA1(text, sheets);
  if ('status' in r) return r;
  if (b.range !== undefined && b.range !== text)
    return fail(400, `Requested writing within range [${text}], but tried writing to [${String(b.range)}]`);
  const values = b.values;
  const cellOk = (c: unknown) => c === null || ['string', 'number', 'boolean'].includes(typeof c);
  if (!Array.isArray(values) || !values.every((row) => Array.isArray(row) && row.every(cellOk)))
    return fail(
      400,
      "Invalid value at 'data.values': expected a list of lists of strings, numbers or booleans",
    );
  const rows = values as unknown[][];
  const width = Math.max(0, ...rows.map((row) => row.length));
  let at = r.r1;
  let tableRange: string | undefined;
  if (kind === 'append') {
    const filled = (i: number) =>
      (r.sheet.rows[i - 1] ?? []).slice(r.c1, r.c2 + 1).some((c) => c !== undefined);
    while (filled(at)) at++;
    if (at > r.r1) tableRange = a1Of(r.sheet, r.c1, r.r1, r.c2, at - 1);
    if (q.get('insertDataOption') !== 'OVERWRITE')
      r.sheet.rows.splice(at - 1, 0, ...rows.map(() => [] as Array<Cell | undefined>));
  } else if (r.r1 + rows.length - 1 > r.r2 || r.c1 + width - 1 > r.c2) {
    return fail(400, `Requested writing within range [${text}], but tried writing beyond it`);
  }
  rows.forEach((row, i) => {
    while (r.sheet.rows.length < at + i) r.sheet.rows.push([]);
    const target = r.sheet.rows[at + i - 1];
    row.forEach((cell, j) => {
      const value = entered(cell, q);
      if (value !== null) target[r.c1 + j] = value;
    });
  });
  const updates = {
    spreadsheetId: SPREADSHEET_ID,
    updatedRange: a1Of(r.sheet, r.c1, at, r.c1 + width - 1, at + rows.length - 1),
    updatedRows: rows.length,
    updatedColumns: width,
    updatedCells: rows.reduce((n, row) => n + row.length, 0),
  };
  if (kind === 'update') return ok(updates);
  return ok({ spreadsheetId: SPREADSHEET_ID, ...(tableRange ? { tableRange } : {}), updates });
}

function batchUpdate(body: unknown, sheets: FakeSheet[]): FakeReply {
  const b = body as Record<string, unknown>;
  const unknown = Object.keys(b).find((k) => !['requests', 'includeSpreadsheetInResponse'].includes(k));
  if (unknown)
    return fail(400, `Invalid JSON payload received. Unknown name "${unknown}": Cannot find field.`);
  if (!Array.isArray(b.requests) || !b.requests.length)
    return fail(400, 'Must specify at least one request.');
  const replies: unknown[] = [];
  for (const [i, request] of (b.requests as Array<Record<string, unknown>>).entries()) {
    const kinds = Object.keys(request);
    if (kinds.length !== 1 || kinds[0] !== 'deleteDimension')
      return fail(
        400,
        `Invalid requests[${i}]: this fake knows only deleteDimension (got ${kinds.join(', ')})`,
      );
    const dd = request.deleteDimension as { range?: Record<string, unknown> };
    const range = dd.range ?? {};
    const extra = [...Object.keys(dd), ...Object.keys(range).map((k) => `range.${k}`)].find(
      (k) => !['range', 'range.sheetId', 'range.dimension', 'range.startIndex', 'range.endIndex'].includes(k),
    );
    if (extra) return fail(400, `Invalid JSON payload received. Unknown name "${extra}": Cannot find field.`);
    const sheet = sheets.find((s) => s.sheetId === range.sheetId);
    if (!sheet)
      return fail(400, `Invalid requests[${i}].deleteDimension: No grid with id: ${String(range.sheetId)}`);
    const start = range.startIndex as number;
    const end = range.endIndex as number;
    if (
      range.dimension !== 'ROWS' ||
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      end <= start ||
      start < 0
    )
      return fail(400, `Invalid requests[${i}].deleteDimension: invalid range`);
    sheet.rows.splice(start, end - start);
    replies.push({});
  }
  return ok({ spreadsheetId: SPREADSHEET_ID, replies });
}
