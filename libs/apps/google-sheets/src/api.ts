import {
  ModuleError,
  userError,
  type ErrorType,
  type HttpClient,
  type QueryValue,
  type ResolvedConnection,
} from '@integrator/sdk';

// Google Sheets API v4 (https://sheets.googleapis.com/v4). Errors are
// { error: { code, message, status } } (status is the canonical code: INVALID_ARGUMENT,
// NOT_FOUND, PERMISSION_DENIED, UNAUTHENTICATED, RESOURCE_EXHAUSTED…).

export const SHEETS_BASE_URL = 'https://sheets.googleapis.com';

export interface SheetsRequest {
  method: string;
  /** Path below /v4, e.g. /spreadsheets/{id}/values/{range}. */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  json?: unknown;
}

/** Where the Sheets API lives for this connection (its base URL may be pointed at a test server). */
export function sheetsBase(connection: ResolvedConnection | undefined): string {
  const c = (connection?.credentials ?? {}) as Record<string, unknown>;
  const raw = [c.sheetsBaseUrl, c.baseUrl].find((v) => typeof v === 'string' && v.trim());
  return ((raw as string | undefined)?.trim() || SHEETS_BASE_URL).replace(/\/+$/, '');
}

export async function callSheets(
  http: HttpClient,
  base: string,
  r: SheetsRequest,
  fields: Partial<Record<ErrorTopic, string>> = {},
) {
  const res = await http.request<unknown>({
    method: r.method,
    url: `${base}/v4${r.path}`,
    query: r.query,
    headers: r.headers,
    body: r.json === undefined ? undefined : { type: 'json', data: r.json },
    responseType: 'json',
    throwOnError: false,
  });
  if (res.status >= 200 && res.status < 300) return res;
  throw sheetsError(res.status, res.body, fields);
}

/** What an error is about, so that it can name the field of the module that holds it. */
export type ErrorTopic = 'spreadsheet' | 'range' | 'values';

export function sheetsError(
  status: number,
  body: unknown,
  fields: Partial<Record<ErrorTopic, string>> = {},
): ModuleError {
  const e = ((body as { error?: unknown } | null)?.error ?? {}) as {
    code?: number;
    message?: string;
    status?: string;
  };
  const text = `Google Sheets: ${e.message ?? `HTTP ${status}`}${e.status ? ` (${e.status})` : ''}`;
  const details = { status, body: body ?? null };
  if (status === 429)
    return new ModuleError(text, { kind: 'transient', type: 'RateLimitError', status, details });
  if (status >= 500)
    return new ModuleError(text, { kind: 'transient', type: 'ConnectionError', status, details });
  const type: ErrorType = status === 401 || status === 403 ? 'AccountValidationError' : 'DataError';
  const message = e.message ?? '';
  const field =
    status === 404
      ? fields.spreadsheet
      : /range|sheet/i.test(message)
        ? fields.range
        : /value/i.test(message)
          ? fields.values
          : undefined;
  return new ModuleError(text, { kind: 'user', type, status, field, details });
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
