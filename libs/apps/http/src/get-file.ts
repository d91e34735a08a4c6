import { defineModule, field, options, type MakeNode } from '@integrator/sdk';
import { GENERIC_CONNECTION_KEYS } from './connections';
import { checkConnection, checkedUrl, headerRecord, queryRecord } from './make-request';

// Make's "Get a file": downloads whatever the URL answers as one file { fileName, data }. The
// engine's client caps the size (its response limit): a bigger file fails with
// MaxFileSizeExceededError instead of filling the memory.

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const pair = { name: field.text({ label: 'Name', required: true }), value: field.text({ label: 'Value' }) };

export const getFile = defineModule({
  key: 'http:ActionGetFile',
  label: 'Get a file',
  description: 'Downloads a file from a URL: its name and its data, for modules that take files.',
  kind: 'action',
  versions: [1, 2, 3, 4],
  parameters: {
    connection: field.connection({
      label: 'Authentication',
      help: 'Optional: a connection that signs the request.',
      connectionTypes: GENERIC_CONNECTION_KEYS,
    }),
  },
  connection: { types: GENERIC_CONNECTION_KEYS, required: false },
  make: { convert: fromMakeGetFile },
  mapper: {
    url: field.text({ label: 'URL', required: true, placeholder: 'https://example.com/report.pdf' }),
    method: field.select({ label: 'Method', options: options(...METHODS), default: 'GET', advanced: true }),
    headers: field.array({ label: 'Headers', items: pair, advanced: true }),
    query: field.array({ label: 'Query string', items: pair, advanced: true }),
  },
  output: {
    fields: [
      { name: 'fileName', label: 'File name', type: 'text' },
      { name: 'data', label: 'Data', type: 'buffer' },
    ],
    sample: { fileName: 'report.pdf', data: Buffer.from('%PDF-1.7') },
  },
  run: async ({ mapper: m, http, connection, moduleId }) => {
    checkConnection(connection, false, moduleId);
    const res = await http.request<Uint8Array>({
      method: String(m.method),
      url: checkedUrl(m.url, connection !== undefined),
      headers: headerRecord(m.headers ?? []),
      query: queryRecord(m.query ?? []),
      responseType: 'binary',
    });
    const bytes = res.body;
    const data = Buffer.isBuffer(bytes)
      ? bytes
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { fileName: fileNameOf(res.headers['content-disposition'], res.url), data };
  },
});

/** The name the server gives (RFC 6266: filename* before filename), else the URL's last segment. */
export function fileNameOf(disposition: string | undefined, url: string): string {
  const fromHeader = disposition ? dispositionName(disposition) : undefined;
  if (fromHeader) return safeName(fromHeader);
  let segment = '';
  try {
    segment = new URL(url).pathname.split('/').filter(Boolean).pop() ?? '';
    segment = decodeURIComponent(segment);
  } catch {
    // A malformed escape keeps the raw segment.
  }
  return safeName(segment) || 'file';
}

function dispositionName(header: string): string | undefined {
  const extended = /(?:^|;)\s*filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      const charset = extended[1].toLowerCase();
      const raw = extended[2].trim();
      return charset === 'utf-8' || charset === ''
        ? decodeURIComponent(raw)
        : raw.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    } catch {
      // Fall back to the plain parameter.
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  if (!plain) return undefined;
  return plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2].trim();
}

// A name, never a path: a server must not be able to point "../" anywhere.
function safeName(name: string): string {
  return (
    name
      .split(/[\\/]/)
      .pop()!
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f]/g, '')
      .trim()
  );
}

function fromMakeGetFile(node: MakeNode) {
  const { url, method, headers, qs, query, ...rest } = node.mapper;
  const mapper: Record<string, unknown> = {};
  if (url !== undefined) mapper.url = url;
  if (typeof method === 'string' && method !== '') mapper.method = method.toUpperCase();
  else if (method !== undefined && method !== '') mapper.method = method;
  const list = (v: unknown) =>
    Array.isArray(v)
      ? v
          .filter((i): i is Record<string, unknown> => i !== null && typeof i === 'object')
          .map((i) => ({ name: String(i.name ?? i.key ?? ''), value: i.value ?? '' }))
      : v;
  if (headers !== undefined && headers !== '') mapper.headers = list(headers);
  const q = qs ?? query;
  if (q !== undefined && q !== '') mapper.query = list(q);
  const notes = Object.entries({ ...rest, ...node.parameters })
    .filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false)
    .map(([k]) => `${k in rest ? 'mapper' : 'parameters'}.${k} has no counterpart here and was not imported`);
  return { parameters: {}, mapper, notes };
}
