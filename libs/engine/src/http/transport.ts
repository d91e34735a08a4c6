import { createHash } from 'node:crypto';
import { ModuleError, type TlsClientMaterial } from '@integrator/sdk';
import { Agent, request, type Dispatcher } from 'undici';
import { connectLookup, systemLookup, type GuardSettings } from './private-network';
import type { HostLookup } from './types';

// Agents are shared (keep-alive pools) and keyed by what they do at connect time.
const systemAgents = new Map<string, Agent>();
const customAgents = new WeakMap<HostLookup, Map<string, Agent>>();
/** Agents holding a client certificate: one per distinct material, the oldest closed past the cap. */
const MAX_TLS_AGENTS = 100;

export function agentFor(
  guard: GuardSettings | undefined,
  lookup?: HostLookup,
  tls?: TlsClientMaterial,
): Agent {
  const pool = lookup ? (customAgents.get(lookup) ?? new Map<string, Agent>()) : systemAgents;
  if (lookup && !customAgents.has(lookup)) customAgents.set(lookup, pool);
  const key =
    (guard ? [...guard.allow].sort().join(',') + '|guard' : '') + (tls ? `|tls:${tlsKey(tls)}` : '');
  let agent = pool.get(key);
  if (!agent) {
    const connect = { lookup: connectLookup(lookup ?? systemLookup, guard), ...(tls ? tlsOptions(tls) : {}) };
    agent = new Agent({ connect });
    if (tls) evictTlsAgents(pool);
    pool.set(key, agent);
  }
  return agent;
}

// Secrets never become map keys: a digest of the material stands for it.
function tlsKey(tls: TlsClientMaterial): string {
  return createHash('sha256')
    .update(JSON.stringify([tls.cert, tls.key, tls.passphrase ?? '', tls.ca ?? '']))
    .digest('hex');
}

function tlsOptions(tls: TlsClientMaterial) {
  return {
    cert: tls.cert,
    key: tls.key,
    ...(tls.passphrase ? { passphrase: tls.passphrase } : {}),
    ...(tls.ca ? { ca: tls.ca } : {}),
  };
}

function evictTlsAgents(pool: Map<string, Agent>): void {
  const tlsKeys = [...pool.keys()].filter((k) => k.includes('|tls:'));
  for (const k of tlsKeys.slice(0, Math.max(0, tlsKeys.length - MAX_TLS_AGENTS + 1))) {
    void pool.get(k)?.close();
    pool.delete(k);
  }
}

export interface Hop {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
}

export function send(
  hop: Hop,
  dispatcher: Dispatcher,
  signal: AbortSignal,
): Promise<Dispatcher.ResponseData> {
  return request(hop.url, {
    method: hop.method as Dispatcher.HttpMethod,
    headers: hop.headers,
    body: hop.body,
    signal,
    dispatcher,
    // The client's own timer covers the whole attempt.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}

export function sizeLimitError(limit: number): ModuleError {
  return new ModuleError(`the response is larger than the limit of ${formatBytes(limit)}`, {
    kind: 'user',
    type: 'MaxFileSizeExceededError',
  });
}

/** Reads a body into memory, stopping (and closing the stream) past `limit` bytes. */
export async function readLimited(response: Dispatcher.ResponseData, limit: number): Promise<Buffer> {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    discard(response);
    throw sizeLimitError(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) {
      discard(response);
      throw sizeLimitError(limit);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

// Closing a body mid-way makes it emit an abort error nobody needs to hear about.
function discard(response: Dispatcher.ResponseData): void {
  response.body.on('error', () => undefined);
  response.body.destroy();
}

/** Lower-case names; repeated headers joined with ", " (set-cookie included). */
export function flatHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
