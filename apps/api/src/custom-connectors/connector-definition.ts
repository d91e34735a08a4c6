import { parsePath } from '@integrator/apps/custom-connector';
import { ModuleError } from '@integrator/sdk';
import { FieldsException, type FieldError } from '../common/errors.filter';

// The request half of a custom connector (method, URL, params, headers, body, field directory),
// checked before it is saved or sent so a mistake is a 400 naming the field.

export const METHODS = ['GET', 'POST'] as const;

export interface RequestParts {
  method: string;
  url: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body: string | null;
  fieldPath: string;
}

export interface RequestInput {
  method?: string;
  url?: string;
  params?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  body?: string | null;
  fieldPath?: string;
}

// RFC 9110 token characters: what a header name may hold.
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Set by the HTTP client from the body; a saved value would only break requests.
const MANAGED_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
  'host',
]);

/** Merges `input` over `base` (an update) and checks the result; throws a FieldsException. */
export function requestParts(input: RequestInput, base?: RequestParts): RequestParts {
  const errors: FieldError[] = [];
  const method = (input.method ?? base?.method ?? 'GET').toUpperCase();
  if (!(METHODS as readonly string[]).includes(method))
    errors.push({ path: 'method', message: `must be one of ${METHODS.join(', ')}` });
  const url = (input.url ?? base?.url ?? '').trim();
  const urlProblem = checkUrl(url);
  if (urlProblem) errors.push({ path: 'url', message: urlProblem });
  const params = input.params === undefined ? (base?.params ?? {}) : texts(input.params, 'params', errors);
  const headers =
    input.headers === undefined ? (base?.headers ?? {}) : texts(input.headers, 'headers', errors);
  for (const name of Object.keys(headers)) {
    if (!HEADER_NAME.test(name))
      errors.push({ path: `headers.${name}`, message: 'is not a valid header name' });
    else if (MANAGED_HEADERS.has(name.toLowerCase()))
      errors.push({ path: `headers.${name}`, message: 'is set by the HTTP client and cannot be given' });
    else if (/[\r\n\0]/.test(headers[name]))
      errors.push({ path: `headers.${name}`, message: 'must not contain line breaks' });
  }
  const body = input.body === undefined ? (base?.body ?? null) : input.body === '' ? null : input.body;
  if (body !== null && method === 'GET')
    errors.push({ path: 'body', message: 'a GET request has no body (use POST)' });
  const fieldPath = (input.fieldPath ?? base?.fieldPath ?? '').trim();
  const pathProblem = checkFieldPath(fieldPath);
  if (pathProblem) errors.push({ path: 'fieldPath', message: pathProblem });
  if (errors.length) throw new FieldsException(errors);
  return { method, url, params, headers, body, fieldPath };
}

function checkUrl(url: string): string | undefined {
  if (!url) return 'is required';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `is not a valid URL (got ${JSON.stringify(url.slice(0, 100))})`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `must be an http or https URL (got ${parsed.protocol})`;
  if (parsed.username || parsed.password)
    return 'must not hold a user name or password (use the basic authorization)';
  return undefined;
}

export function checkFieldPath(path: string): string | undefined {
  try {
    parsePath(path);
    return undefined;
  } catch (err) {
    return err instanceof ModuleError ? err.message : String(err);
  }
}

function texts(input: Record<string, unknown>, field: string, errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    if (name.trim() === '') errors.push({ path: field, message: 'names must not be empty' });
    else if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[name] = String(value);
    else errors.push({ path: `${field}.${name}`, message: 'must be text' });
  }
  return out;
}
