export { MemoryTriggerState, triggerState, type TriggerStateStore } from './trigger-state';
import {
  defineModule,
  field,
  options,
  userError,
  type MakeNode,
  type ModuleDefinition,
  type HttpClient,
  type QueryValue,
  type ResolvedConnection,
} from '@integrator/sdk';

// Small pieces the token-authenticated REST apps (Telegram, Discord, Airtable, OpenAI) share.
// Not an app: nothing here is registered in libs/apps/index.ts.

export interface FileBundle {
  fileName: string;
  data: Uint8Array;
}

/** A file from another module ({ fileName, data }), capped in size; text data is taken as UTF-8. */
export function fileBundle(
  fileName: unknown,
  data: unknown,
  fieldName: string,
  maxBytes: number,
): FileBundle {
  const name = typeof fileName === 'string' ? fileName.trim() : '';
  if (!name) throw userError('needs a file name', `${fieldName}.fileName`, 'BundleValidationError');
  let bytes: Uint8Array;
  if (data instanceof Uint8Array) bytes = data;
  else if (typeof data === 'string') bytes = Buffer.from(data, 'utf8');
  else
    throw userError('must be a file’s data (binary) or text', `${fieldName}.data`, 'BundleValidationError');
  if (bytes.byteLength > maxBytes)
    throw userError(
      `is ${bytes.byteLength} bytes; the API takes at most ${maxBytes} bytes`,
      `${fieldName}.data`,
      'MaxFileSizeExceededError',
    );
  return { fileName: name, data: bytes };
}

/** Drops undefined and empty-text entries so optional fields stay out of the request. */
export function compact<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as Partial<T>;
}

/** JSON text or an already-parsed value; empty text is "not given". */
export function jsonValue(value: unknown, fieldName: string): unknown {
  if (typeof value !== 'string') return value ?? undefined;
  if (value.trim() === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw userError('must be valid JSON', fieldName);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * The usual reading of a Make module: the mapper carries over as it is (the import then drops and
 * names what we do not declare), Make's connection becomes one of ours.
 */
export function makeConvert(
  connectionType: string | string[],
  makeParameter = 'parameters.__IMTCONN__',
  mapperFn: (mapper: Record<string, unknown>, notes: string[], node: MakeNode) => Record<string, unknown> = (
    m,
  ) => m,
) {
  return (node: MakeNode) => {
    const notes: string[] = [];
    const parameters: Record<string, unknown> = { connection: '' };
    for (const [k, v] of Object.entries(node.parameters)) {
      if (/^__IMT/.test(k) || k === 'connection' || v === undefined || v === null || v === '') continue;
      // Make keeps a few module settings in parameters; ours are all in the mapper.
      node.mapper[k] ??= v;
    }
    const mapper = mapperFn({ ...node.mapper }, notes, node);
    return {
      parameters,
      mapper,
      notes,
      connection: { types: ([] as string[]).concat(connectionType), makeParameter },
    };
  };
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const pair = { key: field.text({ label: 'Key', required: true }), value: field.text({ label: 'Value' }) };

export interface ApiCallOptions {
  key: string;
  app: string;
  /** One type, or several that the same API takes (e.g. Google's OAuth and service account). */
  connectionType: string | string[];
  placeholder: string;
  makeKeys?: string[];
  /** Headers the connection sets; the user may not override them. */
  reservedHeaders?: string[];
  /** Sends the request and returns status, headers and body (each app knows its error bodies). */
  send(
    http: HttpClient,
    request: {
      method: string;
      path: string;
      headers: Record<string, string>;
      query: Record<string, QueryValue>;
      json: unknown;
    },
    /** The module's connection, for apps whose API host depends on it. */
    connection?: ResolvedConnection,
  ): Promise<{ status: number; headers: Record<string, string>; body: unknown }>;
}

/** "Make an API call": any path of the API, with the connection's authorisation added. */
export function apiCallModule(o: ApiCallOptions): ModuleDefinition {
  const reserved = new Set(['authorization', ...(o.reservedHeaders ?? [])].map((h) => h.toLowerCase()));
  return defineModule({
    key: o.key,
    label: 'Make an API call',
    description: `Calls any ${o.app} API endpoint with the connection’s authorisation.`,
    kind: 'action',
    versions: [1, 2, 3, 4],
    connection: { types: ([] as string[]).concat(o.connectionType) },
    make: {
      keys: o.makeKeys,
      convert: makeConvert(o.connectionType, undefined, (m) => {
        // Make calls the query string `qs`.
        if (m.qs !== undefined && m.query === undefined) {
          m.query = m.qs;
          delete m.qs;
        }
        return m;
      }),
    },
    mapper: {
      url: field.text({
        label: 'URL',
        required: true,
        placeholder: o.placeholder,
        help: 'A path relative to the connection’s base URL.',
      }),
      method: field.select({ label: 'Method', options: options(...METHODS), default: 'GET' }),
      headers: field.array({
        label: 'Headers',
        items: pair,
        help: 'The authorisation is added from the connection.',
      }),
      query: field.array({ label: 'Query string', items: pair }),
      body: field.any({ label: 'Body', help: 'JSON text or a collection; sent as application/json.' }),
    },
    output: { sample: { statusCode: 200, headers: {}, body: {} } },
    run: async ({ http, mapper, connection }) => {
      const method = mapper.method as string;
      const json = jsonValue(mapper.body, 'body');
      if (json !== undefined && method === 'GET')
        throw userError('cannot be sent with a GET request', 'body');
      const headers: Record<string, string> = {};
      (mapper.headers ?? []).forEach((p: { key: string; value?: string }, i: number) => {
        if (reserved.has(p.key.trim().toLowerCase()))
          throw userError(`${p.key} is set by the connection; remove this header`, `headers[${i}].key`);
        headers[p.key.trim()] = p.value ?? '';
      });
      const query: Record<string, string | string[]> = {};
      for (const p of (mapper.query ?? []) as Array<{ key: string; value?: string }>) {
        const prev = query[p.key];
        const v = p.value ?? '';
        query[p.key] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      const res = await o.send(
        http,
        {
          method,
          path: relativePath(mapper.url as string),
          headers,
          query,
          json,
        },
        connection,
      );
      return { statusCode: res.status, headers: res.headers, body: res.body ?? null };
    },
  }) as ModuleDefinition;
}

/** Keeps the call on the connection's host: the credential must never travel elsewhere. */
export function relativePath(url: string): string {
  const text = url.trim();
  const path = text.startsWith('/') ? text : `/${text}`;
  const probe = new URL(path, 'https://api.invalid');
  if (/^[a-z][a-z\d+.-]*:/i.test(text) || path.includes('\\') || probe.host !== 'api.invalid')
    throw userError('must be a path relative to the API, not a full URL', 'url');
  return path;
}

/** Every app's advanced "Base URL" of its connection: the API's own when empty. */
export function baseUrlField(defaultUrl: string, setFor = 'only for a proxy or a test server') {
  return field.text({
    label: 'Base URL',
    help: `Leave empty for ${defaultUrl}; set it ${setFor}.`,
    advanced: true,
    pattern: '^https?://[^\\s]+$',
  });
}
