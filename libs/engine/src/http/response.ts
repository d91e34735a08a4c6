import { STATUS_CODES } from 'node:http';
import { ModuleError, type ErrorType, type HttpRequest } from '@integrator/sdk';
import { redact, redactDeep } from './redact';

const TEXT_TYPES =
  /^(text\/|application\/(xml|javascript|ecmascript|x-www-form-urlencoded|graphql|x-ndjson)\b)|\+xml\b/;
const JSON_TYPES = /^application\/(json|[\w.+-]*\+json)\b|\/json\b/;

export function isJsonType(contentType: string | undefined): boolean {
  return JSON_TYPES.test((contentType ?? '').toLowerCase());
}

export function isTextType(contentType: string | undefined): boolean {
  return TEXT_TYPES.test((contentType ?? '').toLowerCase());
}

function decode(bytes: Buffer, contentType: string | undefined): string {
  const charset = /charset="?([\w-]+)"?/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** auto: JSON when the content type says so (invalid JSON stays text), text for text types, bytes otherwise. */
export function parseBody(
  bytes: Buffer,
  contentType: string | undefined,
  type: HttpRequest['responseType'] = 'auto',
): unknown {
  if (type === 'binary') return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === 'text') return decode(bytes, contentType);
  if (type === 'json') {
    const text = decode(bytes, contentType);
    if (text.trim() === '') return null;
    try {
      return JSON.parse(text);
    } catch {
      throw new ModuleError('the response is not valid JSON', {
        kind: 'user',
        type: 'DataError',
        details: { preview: text.slice(0, 200) },
      });
    }
  }
  if (isJsonType(contentType)) {
    const text = decode(bytes, contentType);
    try {
      return text.trim() === '' ? '' : JSON.parse(text);
    } catch {
      return text;
    }
  }
  if (isTextType(contentType) || bytes.length === 0) return decode(bytes, contentType);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const MAX_MESSAGE = 300;

/** The readable part of an error body: detail/message/error fields when present, else short text. */
export function readablePart(body: unknown): string {
  if (body instanceof Uint8Array) return body.length ? `(${body.length} bytes of binary data)` : '';
  if (typeof body === 'string')
    return truncate(
      body
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  if (body === null || body === undefined) return '';
  if (typeof body === 'object' && !Array.isArray(body)) {
    const o = body as Record<string, unknown>;
    for (const key of ['detail', 'message', 'error_description', 'error', 'title', 'errors']) {
      const text = textOf(o[key]);
      if (text) return truncate(text);
    }
  }
  return truncate(JSON.stringify(body));
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (Array.isArray(value) && value.length)
    return value.map((v) => textOf(v) ?? JSON.stringify(v)).join('; ');
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return textOf(o.message) ?? textOf(o.detail) ?? JSON.stringify(value);
  }
  return undefined;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 1)}…` : text;
}

function errorTypeFor(status: number): ErrorType {
  if (status === 401 || status === 403) return 'AccountValidationError';
  if (status === 429) return 'RateLimitError';
  if (status >= 500) return 'ConnectionError';
  return 'DataError';
}

export interface StatusErrorInput {
  status: number;
  body: unknown;
  method: string;
  /** Already redacted. */
  url: string;
  secrets: string[];
  retryAfterMs?: number;
  /** Retries spent before giving up, for the message. */
  retries?: number;
}

/** A non-2xx status as a ModuleError: 4xx is the user's, 429 and 5xx are transient. */
export function statusError(input: StatusErrorInput): ModuleError {
  const { status, secrets } = input;
  const type = errorTypeFor(status);
  const reason = STATUS_CODES[status] ?? 'Unknown Status';
  const part = redact(readablePart(input.body), secrets);
  const where = input.url.replace(/[?#].*$/, '');
  const tries = input.retries ? ` (after ${input.retries} ${input.retries === 1 ? 'retry' : 'retries'})` : '';
  const message = `${status} ${reason} from ${input.method} ${where}${part ? `: ${part}` : ''}${tries}`;
  return new ModuleError(message, {
    kind: status >= 500 || status === 429 ? 'transient' : 'user',
    type,
    status,
    retryAfterMs: input.retryAfterMs,
    details: { status, body: errorDetailsBody(input.body, secrets) },
  });
}

// Enough of the body to debug with, redacted and size-capped.
function errorDetailsBody(body: unknown, secrets: string[]): unknown {
  if (body instanceof Uint8Array) return `(${body.length} bytes)`;
  if (typeof body === 'string') return redact(body.slice(0, 2000), secrets);
  const text = JSON.stringify(body) ?? '';
  return text.length > 2000 ? redact(text.slice(0, 2000), secrets) : redactDeep(body, secrets);
}
