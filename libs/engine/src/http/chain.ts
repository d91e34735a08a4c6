import { ModuleError } from '@integrator/sdk';
import type { Dispatcher } from 'undici';
import type { AuthMaterial, PreparedRequest } from './prepare';
import { checkHost, type GuardSettings } from './private-network';
import type { RateLimiter } from './rate-limiter';
import { flatHeaders, readLimited, send, type Hop } from './transport';

// One attempt: the request and the redirects it leads to. Authentication is applied per hop
// while the chain stays on the request's origin, and dropped for good once it leaves.

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  bytes: Buffer;
  /** The final URL, with the connection's query secrets when it stayed on the origin. */
  url: URL;
}

export interface HopRecord {
  hop: number;
  method: string;
  url: URL;
  headers: Record<string, string>;
  requestBytes: number;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBytes?: number;
  durationMs: number;
  error?: unknown;
}

export interface ChainOptions {
  dispatcher: Dispatcher;
  auth: AuthMaterial;
  guard?: GuardSettings;
  limiter?: RateLimiter;
  signal: AbortSignal;
  followRedirects: boolean;
  maxRedirects: number;
  maxResponseBytes: number;
  record(hop: HopRecord): void;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location',
];

export async function runChain(request: PreparedRequest, o: ChainOptions): Promise<RawResponse> {
  const origin = request.url.origin;
  let hop: Hop = { method: request.method, url: request.url, headers: request.headers, body: request.body };
  let withAuth = true;
  for (let n = 0; ; n++) {
    const wire = withAuth ? authenticated(hop, o.auth) : hop;
    if (o.guard) checkHost(wire.url.hostname, o.guard);
    if (withAuth && o.limiter) await o.limiter.acquire(o.signal);
    const started = performance.now();
    const base = {
      hop: n,
      method: wire.method,
      url: wire.url,
      headers: wire.headers,
      requestBytes: wire.body?.length ?? 0,
    };
    const done = (extra: Partial<HopRecord>) =>
      o.record({ ...base, durationMs: Math.round(performance.now() - started), ...extra });
    let res: Dispatcher.ResponseData;
    try {
      res = await send(wire, o.dispatcher, o.signal);
    } catch (error) {
      done({ error });
      throw error;
    }
    const headers = flatHeaders(res.headers);
    if (o.followRedirects && REDIRECTS.has(res.statusCode) && headers.location) {
      await res.body.dump();
      done({ status: res.statusCode, responseHeaders: headers });
      if (n >= o.maxRedirects)
        throw new ModuleError(`stopped after ${o.maxRedirects} redirects`, {
          kind: 'user',
          type: 'DataError',
        });
      const next = redirectTarget(hop, res.statusCode, headers.location);
      withAuth = withAuth && next.url.origin === origin;
      hop = withAuth ? next : withoutCredentials(next, o.auth);
      continue;
    }
    let bytes: Buffer;
    try {
      // HEAD, 204 and 304 have no body, whatever Content-Length says.
      const bodiless = wire.method === 'HEAD' || res.statusCode === 204 || res.statusCode === 304;
      bytes = bodiless
        ? (await res.body.dump(), Buffer.alloc(0))
        : await readLimited(res, o.maxResponseBytes);
    } catch (error) {
      done({ status: res.statusCode, responseHeaders: headers, error });
      throw error;
    }
    done({ status: res.statusCode, responseHeaders: headers, responseBytes: bytes.length });
    return { status: res.statusCode, headers, bytes, url: wire.url };
  }
}

function authenticated(hop: Hop, auth: AuthMaterial): Hop {
  const names = Object.keys(auth.query);
  if (!names.length && !Object.keys(auth.headers).length) return hop;
  const url = new URL(hop.url);
  for (const name of names) url.searchParams.set(name, auth.query[name]);
  return { ...hop, url, headers: { ...hop.headers, ...auth.headers } };
}

/** Fetch's rules: 303 (and 301/302 after a POST) continue as a GET without the body. */
function redirectTarget(hop: Hop, status: number, location: string): Hop {
  let url: URL;
  try {
    url = new URL(location, hop.url);
  } catch {
    throw new ModuleError(`the server redirected to an invalid URL (${location.slice(0, 200)})`, {
      kind: 'user',
      type: 'DataError',
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ModuleError(`the server redirected to a ${url.protocol} URL, which is not followed`, {
      kind: 'user',
      type: 'DataError',
    });
  }
  const toGet =
    (status === 303 && hop.method !== 'HEAD') ||
    ((status === 301 || status === 302) && hop.method === 'POST');
  if (!toGet) return { ...hop, url };
  return { method: 'GET', url, headers: omit(hop.headers, BODY_HEADERS), body: undefined };
}

function withoutCredentials(hop: Hop, auth: AuthMaterial): Hop {
  const url = new URL(hop.url);
  for (const name of Object.keys(auth.query)) url.searchParams.delete(name);
  return { ...hop, url, headers: omit(hop.headers, [...CREDENTIAL_HEADERS, ...Object.keys(auth.headers)]) };
}

function omit(headers: Record<string, string>, names: string[]): Record<string, string> {
  const out = { ...headers };
  for (const name of names) delete out[name];
  return out;
}
