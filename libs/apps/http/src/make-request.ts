import {
  defineModule,
  field,
  options,
  toText,
  userError,
  type HttpBody,
  type HttpResponse,
  type MultipartPart,
  type QueryValue,
  type ResolvedConnection,
  type ValuesOf,
} from '@integrator/sdk';
import { GENERIC_CONNECTION_KEYS } from './connections';
import { fromMake, MAKE_REQUEST_KEYS } from './from-make';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const pair = { name: field.text({ label: 'Name', required: true }), value: field.text({ label: 'Value' }) };

const mapper = {
  url: field.text({ label: 'URL', required: true, placeholder: 'https://api.example.com/items' }),
  method: field.select({ label: 'Method', options: options(...METHODS), default: 'GET' }),
  headers: field.array({ label: 'Headers', items: pair }),
  query: field.array({ label: 'Query string', items: pair }),
  bodyType: field.select({
    label: 'Body type',
    options: options(
      ['none', 'No body'],
      ['json', 'JSON'],
      ['form', 'Form (URL-encoded)'],
      ['multipart', 'Multipart form data'],
      ['raw', 'Raw'],
    ),
    default: 'none',
  }),
  body: field.any({ label: 'Body', help: 'JSON and raw bodies: a JSON value, or text.' }),
  formFields: field.array({ label: 'Form fields', items: pair }),
  multipartFields: field.array({
    label: 'Multipart fields',
    items: {
      name: field.text({ label: 'Name', required: true }),
      value: field.any({ label: 'Value', help: 'Text, or binary data for a file.' }),
      filename: field.text({ label: 'File name' }),
      contentType: field.text({ label: 'Content type' }),
    },
  }),
  contentType: field.text({
    label: 'Content type',
    help: 'Sent as Content-Type unless a header sets it (raw bodies especially).',
  }),
  parseResponse: field.boolean({
    label: 'Parse response',
    help: 'Turn JSON responses into data.',
    default: true,
  }),
  timeout: field.number({ label: 'Timeout (seconds)', min: 1, max: 300, default: 40, advanced: true }),
  followRedirects: field.boolean({ label: 'Follow redirects', default: true, advanced: true }),
  allowNonSuccess: field.boolean({
    label: 'Return error responses',
    help: 'Output 4xx/5xx responses instead of failing.',
    default: false,
    advanced: true,
  }),
  retries: field.number({
    label: 'Retries',
    help: 'On 429 and 5xx, honouring Retry-After.',
    integer: true,
    min: 0,
    max: 10,
    default: 3,
    advanced: true,
  }),
};

type Mapper = ValuesOf<typeof mapper>;
type Pair = ValuesOf<typeof pair>;
type MultipartField = NonNullable<Mapper['multipartFields']>[number];

export const makeRequest = defineModule({
  key: 'http:MakeRequest',
  label: 'Make a request',
  description:
    'Calls any HTTP API: method, headers, query, a JSON, form, multipart or raw body, and a connection for authentication.',
  kind: 'action',
  versions: [3, 4],
  parameters: {
    connection: field.connection({
      label: 'Authentication',
      help: 'Optional: a connection that signs the request.',
      connectionTypes: GENERIC_CONNECTION_KEYS,
    }),
    connectionRequired: field.boolean({
      label: 'Requires a connection',
      help: "Fail when no connection is chosen (Make's authenticated request modules import with it).",
      default: false,
      advanced: true,
    }),
  },
  connection: { types: GENERIC_CONNECTION_KEYS, required: false },
  // Make's classic key, and Make's own field names (both versions) on import.
  make: { keys: MAKE_REQUEST_KEYS, convert: fromMake },
  mapper,
  output: {
    fields: [
      { name: 'statusCode', label: 'Status code', type: 'number' },
      { name: 'headers', label: 'Headers', type: 'collection' },
      { name: 'data', label: 'Data', type: 'any' },
    ],
    sample: { statusCode: 200, headers: { 'content-type': 'application/json' }, data: { id: 1 } },
  },
  run: async ({ mapper: m, parameters, http, connection, moduleId }) => {
    checkConnection(connection, parameters.connectionRequired, moduleId);
    const url = checkedUrl(m.url, connection !== undefined);
    const headers = headerRecord(m.headers ?? []);
    const body = requestBody(m);
    if (body && m.contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
      headers['Content-Type'] = m.contentType;
    const res = await http.request({
      method: String(m.method),
      url,
      headers,
      query: queryRecord(m.query ?? []),
      body,
      timeoutMs: m.timeout * 1000,
      followRedirects: m.followRedirects,
      responseType: m.parseResponse ? 'auto' : 'binary',
      // 429 and 503 are retried for every method; other failures only for idempotent ones.
      retry: { retries: m.retries, nonIdempotent: false },
      throwOnError: !m.allowNonSuccess,
    });
    return { statusCode: res.status, headers: res.headers, data: m.parseResponse ? res.body : unparsed(res) };
  },
});

export function checkConnection(
  connection: ResolvedConnection | undefined,
  required: boolean | undefined,
  moduleId: number,
): void {
  if (!connection && required) {
    throw userError(
      `module ${moduleId} needs a connection to authenticate its request and has none: choose or create one in its settings`,
      'connection',
      'InvalidConfigurationError',
    );
  }
  if (connection && !GENERIC_CONNECTION_KEYS.includes(connection.type)) {
    throw userError(
      `a ${connection.type} connection cannot be used here (use ${GENERIC_CONNECTION_KEYS.join(', ')})`,
      'connection',
      'InvalidConfigurationError',
    );
  }
}

export function checkedUrl(raw: string, hasConnection: boolean): string {
  const url = raw.trim();
  if (!/^[a-z][a-z\d+.-]*:/i.test(url)) {
    // A connection with a base URL takes relative URLs; the client says so if it has none.
    if (hasConnection) return url;
    throw userError(`is not a valid URL (got ${JSON.stringify(url)})`, 'url');
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw userError(`is not a valid URL (got ${JSON.stringify(url)})`, 'url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw userError(`must start with http:// or https:// (got ${parsed.protocol})`, 'url');
  return url;
}

export function headerRecord(list: Pair[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of list) if (value !== undefined) out[name] = value;
  return out;
}

/** Repeated names become arrays (sent as repeated keys). */
export function queryRecord(list: Pair[]): Record<string, QueryValue> {
  const out: Record<string, string[]> = {};
  for (const { name, value } of list) (out[name] ??= []).push(value ?? '');
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
}

function requestBody(m: Mapper): HttpBody | undefined {
  switch (m.bodyType) {
    case 'json':
      return m.body === undefined ? undefined : { type: 'json', data: jsonValue(m.body) };
    case 'form':
      return formBody(m);
    case 'multipart':
      return { type: 'multipart', parts: (m.multipartFields ?? []).map(multipartPart) };
    case 'raw':
      return { type: 'raw', data: rawData(m.body), contentType: m.contentType };
    default:
      return undefined;
  }
}

function jsonValue(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch (err) {
    throw userError(`is not valid JSON: ${(err as Error).message}`, 'body');
  }
}

function formBody(m: Mapper): HttpBody | undefined {
  const fields = m.formFields ?? [];
  if (fields.length) return { type: 'form', data: queryRecord(fields) };
  // Tolerant: a mapped object, or text that is already URL-encoded.
  if (typeof m.body === 'string')
    return { type: 'raw', data: m.body, contentType: 'application/x-www-form-urlencoded' };
  if (m.body && typeof m.body === 'object' && !Array.isArray(m.body))
    return { type: 'form', data: m.body as Record<string, unknown> };
  if (m.body !== undefined) throw userError('must be form fields or an object of name/value pairs', 'body');
  return undefined;
}

function multipartPart(p: MultipartField): MultipartPart {
  const part: MultipartPart = {
    name: p.name,
    value: p.value instanceof Uint8Array ? p.value : toText(p.value),
  };
  if (p.filename) part.filename = p.filename;
  if (p.contentType) part.contentType = p.contentType;
  return part;
}

function rawData(body: unknown): string | Uint8Array {
  if (body instanceof Uint8Array) return body;
  return toText(body);
}

// Parsing off (Make's "parse response" unchecked): text stays text, anything else stays bytes.
function unparsed(res: HttpResponse): unknown {
  const bytes = res.body as Uint8Array;
  const type = (res.headers['content-type'] ?? '').toLowerCase();
  const textual = type === '' || /^text\/|json|xml|javascript|x-www-form-urlencoded/.test(type);
  return textual ? Buffer.from(bytes).toString('utf8') : bytes;
}
