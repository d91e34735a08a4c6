import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { parse as parseQuery } from 'fast-querystring';
import { BodyLimitException, exceedsDepth } from '../common/body-limits';
import { errorAnswer } from '../common/errors.filter';
import { SECURITY_HEADERS } from '../web';
import { wireAnswer, type WireAnswer } from './hook-answer';
import type { HookReceiver } from './hook-receiver';

/**
 * Webhook requests in the common shapes (a JSON body, or none) answered straight from Node's
 * HTTP server, outside Fastify and Nest: their hooks, body parser, guards and reply pipeline
 * cost more than the rest of a short run (docs/BENCHMARKS.md). The decision is taken on the
 * request line and headers alone, before any byte of the body is read, so everything else
 * (forms, text, chunked or oversized bodies, a body on a GET, an unusual URL) goes on to the
 * Fastify route unchanged, which answers it as before. Both carriers share the receiver, the
 * answer serialiser and the error format, and test/e2e/hook-fast-path.e2e-spec.ts compares them.
 */
export interface FastPathOptions {
  receiver: HookReceiver;
  bodyLimitBytes: number;
  maxDepth: number;
  /** Fastify's own JSON parser (prototype-poisoning protection), so both carriers parse alike. */
  parseJson: (text: string) => unknown;
}

// Tokens are generated URL-safe; anything else (percent-encoding, more segments, `;`) is left to
// the router, which decodes and matches it.
const PLAIN_TOKEN = /^[A-Za-z0-9_-]+$/;
const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;
const BODYLESS = new Set(['GET', 'HEAD']);

/** Returns a request listener's filter: true when it took the request, false to pass it on. */
export function hookFastPath(
  options: FastPathOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    const token = fastPathToken(req, options.bodyLimitBytes);
    if (token === undefined) return false;
    const url = req.url!;
    const q = url.indexOf('?');
    const query = q < 0 ? {} : (parseQuery(url.slice(q + 1)) as Record<string, unknown>);
    if (isEmptyBody(req.headers)) void answer(req, res, token, query, Buffer.alloc(0), options);
    else readBody(req, (raw) => void answer(req, res, token, query, raw, options));
    return true;
  };
}

/**
 * The hook token when the fast path takes this request (decided on its request line and
 * headers), otherwise undefined: the request goes to the Fastify route.
 */
export function fastPathToken(
  req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>,
  bodyLimitBytes: number,
): string | undefined {
  const url = req.url ?? '';
  if (!url.startsWith('/hooks/')) return undefined;
  const q = url.indexOf('?');
  const token = q < 0 ? url.slice(7) : url.slice(7, q);
  if (!PLAIN_TOKEN.test(token)) return undefined;
  const headers = req.headers;
  const type = headers['content-type'];
  if (isEmptyBody(headers)) return type === undefined || JSON_TYPE.test(type) ? token : undefined;
  if (BODYLESS.has(req.method ?? '')) return undefined; // refused with a 400 by the Fastify route
  if (type === undefined || !JSON_TYPE.test(type)) return undefined; // its parser decides
  const length = headers['content-length'];
  if (headers['transfer-encoding'] !== undefined || !(Number(length) <= bodyLimitBytes)) return undefined;
  return token;
}

// Fastify's rule: no transfer coding and no (or a zero) length means no body to parse.
function isEmptyBody(headers: IncomingMessage['headers']): boolean {
  const length = headers['content-length'];
  return headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}

function readBody(req: IncomingMessage, done: (raw: Buffer) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
  // An aborted upload has nobody left to answer; Node closes the socket.
  req.on('error', () => undefined);
}

async function answer(
  req: IncomingMessage,
  res: ServerResponse,
  token: string,
  query: Record<string, unknown>,
  raw: Buffer,
  options: FastPathOptions,
): Promise<void> {
  try {
    const body = parse(raw, options);
    const ack = await options.receiver.receive(token, {
      method: req.method!,
      headers: req.headers,
      query,
      body,
      rawBody: raw,
    });
    write(res, wireAnswer(ack));
  } catch (err) {
    const { status, body } = errorAnswer(err, { method: req.method!, url: req.url! }, options.bodyLimitBytes);
    write(res, {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      payload: JSON.stringify(body),
    });
  }
}

// As the Fastify route: an empty (or blank) JSON body is no body; a body nested too deep is a 400.
function parse(raw: Buffer, options: FastPathOptions): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  if (text.trim() === '') return undefined;
  const body = options.parseJson(text);
  if (body !== null && typeof body === 'object' && exceedsDepth(body, options.maxDepth))
    throw new BodyLimitException(400, `the body is nested deeper than ${options.maxDepth} levels`);
  return body;
}

function write(res: ServerResponse, wire: WireAnswer): void {
  if (res.headersSent || res.destroyed) return;
  // The answer's own headers over the security headers, the length last. Built from a literal:
  // on Node 20's V8 a spread given more properties builds new hidden classes each time.
  const headers: Record<string, string | number> = {
    'content-length': 0,
    ...SECURITY_HEADERS,
    ...wire.headers,
  };
  headers['content-length'] = Buffer.byteLength(wire.payload);
  res.writeHead(wire.status, headers);
  res.end(wire.payload);
}

/** Fastify's default JSON parser (it answers synchronously) as a plain function that throws. */
export function fastifyJsonParser(fastify: FastifyInstance): (text: string) => unknown {
  const parser = fastify.getDefaultJsonParser('error', 'error');
  return (text) => {
    const out: { err?: Error | null; value?: unknown } = {};
    void parser({} as never, text, (err, value) => Object.assign(out, { err, value }));
    if (out.err) throw out.err;
    return out.value;
  };
}
