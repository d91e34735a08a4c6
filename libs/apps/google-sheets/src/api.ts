import { googleError, googleUrl } from '@integrator/apps/google-kit';
import { userError, type HttpClient, type QueryValue, type ResolvedConnection } from '@integrator/sdk';

// Google Sheets API v4 (https://sheets.googleapis.com/v4). Errors are
// { error: { code, message, status } }; the shared Google kit turns them into Make's error
// types, and this file adds which field of ours an error is about (Sheets names no parameter).

export interface SheetsRequest {
  method: string;
  /** Path below /v4, e.g. /spreadsheets/{id}/values/{range}. */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  json?: unknown;
}

export async function callSheets(
  http: HttpClient,
  connection: ResolvedConnection | undefined,
  r: SheetsRequest,
  fields: Partial<Record<ErrorTopic, string>> = {},
) {
  const res = await http.request<unknown>({
    method: r.method,
    url: googleUrl(connection, 'sheets', `/v4${r.path}`),
    query: r.query,
    headers: r.headers,
    body: r.json === undefined ? undefined : { type: 'json', data: r.json },
    responseType: 'json',
    throwOnError: false,
  });
  if (res.status >= 200 && res.status < 300) return res;
  throw googleError(res.status, res.body, res.headers, { '*': fieldOf(res.status, res.body, fields) ?? '' });
}

/** What an error is about, so that it can name the field of the module that holds it. */
export type ErrorTopic = 'spreadsheet' | 'range' | 'values';

function fieldOf(status: number, body: unknown, fields: Partial<Record<ErrorTopic, string>>) {
  const message = String((body as { error?: { message?: unknown } } | null)?.error?.message ?? '');
  if (status === 404) return fields.spreadsheet;
  if (status !== 400) return undefined;
  if (/range|sheet|grid/i.test(message)) return fields.range;
  if (/value/i.test(message)) return fields.values;
  return undefined;
}

/**
 * Make keeps the spreadsheet as it was picked: `/<id>` or `/<folder>/<id>` when chosen from a
 * drive, the bare id when mapped. A spreadsheet's URL is taken too.
 */
export function spreadsheetIdOf(raw: unknown, fieldName = 'spreadsheetId'): string {
  const text = typeof raw === 'string' ? raw.trim() : typeof raw === 'number' ? String(raw) : '';
  const fromUrl = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(text)?.[1];
  const id = fromUrl ?? text.split('/').filter(Boolean).at(-1) ?? '';
  if (!/^[A-Za-z0-9_-]{10,}$/.test(id))
    throw userError(`must be a spreadsheet ID (the part after /d/ in its URL; got "${text}")`, fieldName);
  return id;
}

export function sheetNameOf(raw: unknown, fieldName = 'sheetId'): string {
  const text = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : '';
  if (!text.trim()) throw userError('must name the sheet (the tab, e.g. Sheet1)', fieldName);
  return text;
}

export function valuesPath(spreadsheetId: string, range: string, suffix = ''): string {
  return `/spreadsheets/${encodeURIComponent(spreadsheetId)}/values/${encodeURIComponent(range)}${suffix}`;
}
