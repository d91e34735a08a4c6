import { randomBytes } from 'node:crypto';
import { userError, type HttpBody, type MultipartPart, type QueryValue } from '@integrator/sdk';

export interface EncodedBody {
  bytes: Buffer;
  contentType: string;
}

export function encodeBody(body: HttpBody): EncodedBody {
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

// RFC 7578 with the WHATWG escaping of names: quotes and line breaks percent-encoded.
function quoted(text: string): string {
  return text.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function multipart(parts: MultipartPart[]): EncodedBody {
  const boundary = `----IntegratorBoundary${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  parts.forEach((part, i) => {
    if (!part || typeof part.name !== 'string' || part.name === '')
      throw userError('needs a name', `multipart[${i}].name`);
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(part.name)}"`;
    if (part.filename !== undefined) head += `; filename="${quoted(part.filename)}"`;
    head += '\r\n';
    const contentType =
      part.contentType ?? (part.filename !== undefined ? 'application/octet-stream' : undefined);
    if (contentType) head += `Content-Type: ${contentType.replace(/[\r\n]/g, '')}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`, 'utf8'));
    chunks.push(typeof part.value === 'string' ? Buffer.from(part.value, 'utf8') : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n'));
  });
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { bytes: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
