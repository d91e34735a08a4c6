import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_VARIANT, FakeAfasRouter, type FakeAfasVariant, type RecordedRequest } from './fake-afas-app';
import { defaultState } from './fake-afas-data';
import type { FakeAfasState, Reply } from './fake-afas-seed';

// A local AFAS Profit REST server (node:http on 127.0.0.1, port 0) that follows
// reference/afas-profit-api.md strictly and can play each variant the reference leaves open.

export { DEFAULT_VARIANT, type FakeAfasVariant, type RecordedRequest } from './fake-afas-app';
export { TOKEN_DATA } from './fake-afas-data';
export type { FakeAfasState } from './fake-afas-seed';

export interface FakeAfasOptions {
  /** Changes the seeded state before the server starts. */
  seed?: (state: FakeAfasState) => void;
  variant?: Partial<FakeAfasVariant>;
  /** Time for Bearer token expiry (default Date.now). */
  now?: () => number;
}

export interface FakeAfas {
  /** The base URL, `http://127.0.0.1:{port}/ProfitRestServices`. */
  url: string;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /** Seed data and what writes changed (records of UpdateConnectors). */
  state: FakeAfasState;
  readonly variant: FakeAfasVariant;
  setVariant(variant: Partial<FakeAfasVariant>): void;
  /** Makes every issued Bearer token expire. */
  expireAccessTokens(): void;
  close(): Promise<void>;
}

export async function startFakeAfas(options: FakeAfasOptions = {}): Promise<FakeAfas> {
  const state = defaultState();
  options.seed?.(state);
  const router = new FakeAfasRouter(
    state,
    { ...DEFAULT_VARIANT, ...options.variant },
    options.now ?? Date.now,
  );
  const requests: RecordedRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { recorded, size } = await readRequest(req, router.variant.maxPayloadBytes);
    requests.push(recorded);
    send(res, router.reply(recorded, size));
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ProfitRestServices`,
    requests,
    state,
    get variant() {
      return router.variant;
    },
    setVariant: (v) => void (router.variant = { ...router.variant, ...v }),
    expireAccessTokens: () => router.issued.forEach((_, k) => router.issued.set(k, 0)),
    close: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

/** Reads the body (keeping at most `limit` bytes) and records the request as received. */
async function readRequest(
  req: IncomingMessage,
  limit: number,
): Promise<{ recorded: RecordedRequest; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  const bodyText = Buffer.concat(chunks).toString('utf8');
  const raw = req.url ?? '/';
  const mark = raw.indexOf('?');
  const query = mark < 0 ? '' : raw.slice(mark + 1);
  const recorded: RecordedRequest = {
    method: req.method ?? 'GET',
    path: mark < 0 ? raw : raw.slice(0, mark),
    rawQuery: mark < 0 ? '' : `?${query}`,
    query: Object.fromEntries(new URLSearchParams(query)),
    headers: req.headers,
    bodyText,
    body: parseJson(bodyText),
  };
  return { recorded, size };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'X-Trace-Identifier': randomUUID(), ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, { ...headers, 'Content-Length': '0' }).end();
    return;
  }
  // Profit 7+ writes single-line JSON.
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}
