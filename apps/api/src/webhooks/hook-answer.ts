import type { Acknowledgement } from './idempotency';

/** An answer ready for the wire: lower-case header names, a content type, the payload's bytes. */
export interface WireAnswer {
  status: number;
  headers: Record<string, string>;
  payload: string | Buffer;
}

/**
 * Serialises a webhook answer the same way whichever carrier sends it (Fastify's route or the
 * fast path), with Fastify's rules: an object is JSON, a string is text/plain unless the answer
 * names its type, a JSON type gets `charset=utf-8`, bytes are sent as they are. One departure: an
 * object under a type that is not JSON (a response module setting `content-type: text/html`
 * with a JSON body) is sent as its JSON text under that type, where Fastify refused it with a 500.
 */
export function wireAnswer(answer: Acknowledgement): WireAnswer {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(answer.headers)) headers[k.toLowerCase()] = v;
  const body = answer.body;
  let payload: string | Buffer;
  let fallbackType: string;
  if (Buffer.isBuffer(body) || body instanceof Uint8Array) {
    payload = Buffer.isBuffer(body) ? body : Buffer.from(body);
    fallbackType = 'application/octet-stream';
  } else if (body !== null && typeof body === 'object') {
    payload = JSON.stringify(body);
    fallbackType = 'application/json; charset=utf-8';
  } else {
    payload = body === undefined || body === null ? '' : String(body);
    fallbackType = 'text/plain; charset=utf-8';
  }
  const type = headers['content-type'];
  if (type === undefined) headers['content-type'] = fallbackType;
  else if (type.includes('json') && !type.includes('charset'))
    headers['content-type'] = `${type.trim()}${type.trim().endsWith(';') ? ' ' : '; '}charset=utf-8`;
  return { status: answer.status, headers, payload };
}
