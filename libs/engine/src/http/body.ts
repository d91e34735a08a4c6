import { FormData, Response } from 'undici';
import { userError, type HttpBody, type MultipartPart, type QueryValue } from '@integrator/sdk';

export interface EncodedBody {
  bytes: Buffer;
  contentType: string;
}

/** The body's bytes, kept whole so a retry or a redirect can send them again. */
export async function encodeBody(body: HttpBody): Promise<EncodedBody> {
  switch (body.type) {
    case 'json': {
      const text = JSON.stringify(body.data);
      if (text === undefined) throw userError('cannot be sent as JSON', 'body');
      return { bytes: Buffer.from(text, 'utf8'), contentType: 'application/json' };
    }
    case 'form':
      return {
        bytes: Buffer.from(formEncode(body.data), 'utf8'),
        contentType: 'application/x-www-form-urlencoded',
      };
    case 'multipart':
      return multipart(body.parts);
    case 'raw': {
      const isText = typeof body.data === 'string';
      const bytes = isText ? Buffer.from(body.data as string, 'utf8') : Buffer.from(body.data as Uint8Array);
      return {
        bytes,
        contentType: body.contentType ?? (isText ? 'text/plain; charset=utf-8' : 'application/octet-stream'),
      };
    }
    default:
      throw userError(`has an unknown type ${JSON.stringify((body as { type?: unknown }).type)}`, 'body');
  }
}

/** Query and form values: arrays repeat the key, null/undefined are skipped, objects become JSON. */
export function appendParams(params: URLSearchParams, name: string, value: unknown): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) appendParams(params, name, item);
    return;
  }
  params.append(name, scalarText(value));
}

export function appendQuery(params: URLSearchParams, query: Record<string, QueryValue>): void {
  for (const [name, value] of Object.entries(query)) appendParams(params, name, value);
}

function formEncode(data: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(data ?? {})) appendParams(params, name, value);
  return params.toString();
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// Multipart bodies are built by undici's FormData (RFC 7578, WHATWG escaping of names).
async function multipart(parts: MultipartPart[]): Promise<EncodedBody> {
  const form = new FormData();
  parts.forEach((part, i) => {
    if (!part || typeof part.name !== 'string' || part.name === '')
      throw userError('needs a name', `multipart[${i}].name`);
    const text = typeof part.value === 'string';
    if (text && part.filename === undefined && part.contentType === undefined) {
      form.append(part.name, part.value as string);
      return;
    }
    // A file part; bytes or a typed text without a file name are named after their field.
    const type = (part.contentType ?? 'application/octet-stream').replace(/[\r\n]/g, '');
    const data = text ? Buffer.from(part.value as string, 'utf8') : Buffer.from(part.value);
    form.append(part.name, new Blob([data], { type }), part.filename ?? part.name);
  });
  const encoded = new Response(form);
  return {
    bytes: Buffer.from(await encoded.arrayBuffer()),
    contentType: encoded.headers.get('content-type')!,
  };
}
