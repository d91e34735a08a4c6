import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CustomerStore } from './fake-profitwell-customers';
import { json, NOT_FOUND, type Reply } from './fake-profitwell-drf';
import { PlanStore } from './fake-profitwell-plans';
import { SubscriptionStore } from './fake-profitwell-subscriptions';
import { defaultVariants, type FakeVariants } from './fake-profitwell-variants';

// A local ProfitWell API v2 that follows reference/profitwell-api.md strictly: raw token auth,
// trailing slashes, JSON bodies, DRF error bodies, id-or-alias paths, 429 with Retry-After.
// What the reference leaves open is a switch (FakeVariants).

export type { FakeVariants } from './fake-profitwell-variants';
export { makeCustomer, type FakeCustomer } from './fake-profitwell-customers';
export type { SubscriptionRecord, FakeUser } from './fake-profitwell-subscriptions';
export type { FakePlan } from './fake-profitwell-plans';

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received (still URL-encoded). */
  url: string;
  /** Path without the query, still URL-encoded. */
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  authorization?: string;
  contentType?: string;
  rawBody: string;
  /** Parsed JSON body, or undefined when there was none (or it was not JSON). */
  body: unknown;
}

export interface FakeProfitWellOptions {
  token?: string;
  variants?: Partial<FakeVariants>;
  /** Time source of the rate limits; share the test's FakeClock so waits cost nothing. */
  clock?: { now(): number };
  /** The documented global limit (25 per 5 s) by default; false switches it off. */
  rateLimit?: { requests: number; perMs: number } | false;
}

export interface FakeProfitWellState {
  subscriptions: SubscriptionStore;
  plans: PlanStore;
  customers: CustomerStore;
}

export interface FakeProfitWell {
  url: string;
  token: string;
  requests: RecordedRequest[];
  state: FakeProfitWellState;
  readonly variants: FakeVariants;
  setVariant(patch: Partial<FakeVariants>): void;
  /** Answers the next request (before auth) with this status, body and headers. */
  failNext(status: number, body?: unknown, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/** Sliding-window limiter: the wait in ms before one more request is allowed, 0 when it is. */
class Window {
  private hits: number[] = [];
  constructor(
    private readonly requests: number,
    private readonly perMs: number,
  ) {}
  take(now: number): number {
    this.hits = this.hits.filter((t) => t > now - this.perMs);
    if (this.hits.length >= this.requests) return this.hits[0] + this.perMs - now;
    this.hits.push(now);
    return 0;
  }
}

export async function startFakeProfitWell(options: FakeProfitWellOptions = {}): Promise<FakeProfitWell> {
  const token = options.token ?? `pw_test_${randomBytes(16).toString('hex')}`;
  const clock = options.clock ?? { now: () => Date.now() };
  let variants: FakeVariants = { ...defaultVariants, ...options.variants };
  const current = () => variants;
  const state: FakeProfitWellState = {
    subscriptions: new SubscriptionStore(current),
    plans: new PlanStore(current),
    customers: new CustomerStore(current),
  };
  const requests: RecordedRequest[] = [];
  const failures: Reply[] = [];
  const limit =
    options.rateLimit === false ? undefined : (options.rateLimit ?? { requests: 25, perMs: 5000 });
  const global = limit && new Window(limit.requests, limit.perMs);
  const plansDaily = new Window(1000, 24 * 3600_000);

  const handle = (recorded: RecordedRequest): Reply => {
    const failure = failures.shift();
    if (failure) return failure;
    if (recorded.authorization === undefined)
      return { status: 401, body: { detail: 'Authentication credentials were not provided.' } };
    if (recorded.authorization !== token) return { status: 401, body: { detail: 'Invalid token.' } };
    const isPlans = recorded.path.startsWith('/v2/plans');
    const wait = Math.max(global?.take(clock.now()) ?? 0, isPlans ? plansDaily.take(clock.now()) : 0);
    if (wait > 0) return throttled(wait, variants);
    return dispatch(recorded, state, variants);
  };

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const recorded = record(req, raw);
      requests.push(recorded);
      send(res, shapeError(handle(recorded), variants));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    state,
    get variants() {
      return variants;
    },
    setVariant: (patch) => void (variants = { ...variants, ...patch }),
    failNext: (status, body, headers) => void failures.push({ status, body, headers }),
    close: () =>
      new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

function throttled(waitMs: number, v: FakeVariants): Reply {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return {
    status: 429,
    body: { detail: `Request was throttled. Expected available in ${seconds} seconds.` },
    headers: v.retryAfter ? { 'Retry-After': String(seconds) } : undefined,
  };
}

function dispatch(req: RecordedRequest, state: FakeProfitWellState, v: FakeVariants): Reply {
  const parts = req.path.split('/').slice(1);
  const slash = parts[parts.length - 1] === '';
  if (slash) parts.pop();
  if (!slash && v.slashless === 'not-found') return NOT_FOUND;
  if (!slash && v.slashless === 'redirect') {
    const search = req.url.slice(req.path.length);
    return { status: 301, headers: { Location: `${req.path}/${search}` } };
  }
  let segments: string[];
  try {
    segments = parts.map((p) => decodeURIComponent(p));
  } catch {
    return { status: 400, body: { detail: 'Malformed URL.' } };
  }
  if (segments[0] !== 'v2' || segments.length > 3) return HTML_NOT_FOUND;
  const body = parseJsonBody(req);
  if ('status' in body) return body;
  const query = lastValues(req.query);
  const [, resource, id] = segments;
  const m = req.method;
  const ok = (allowed: string[], run: () => Reply): Reply =>
    allowed.includes(m)
      ? run()
      : {
          status: 405,
          body: { detail: `Method "${m}" not allowed.` },
          headers: { Allow: allowed.join(', ') },
        };
  const subs = state.subscriptions;
  switch (id === undefined ? resource : `${resource}/:id`) {
    case 'api-status':
      return ok(['GET'], () => apiStatus(v));
    case 'subscriptions':
      return ok(['POST'], () => subs.create(body.data));
    case 'subscriptions/:id':
      return ok(['PUT', 'DELETE'], () =>
        m === 'PUT' ? subs.update(id, body.data) : shaped(subs.churn(id, query), v.churnResponse),
      );
    case 'unchurn/:id':
      return ok(['PUT'], () => shaped(subs.unchurn(id), v.unchurnResponse));
    case 'users/:id':
      return ok(['GET', 'PUT', 'DELETE'], () => userRoute(m, id, body.data, subs, v));
    case 'plans':
      return ok(['GET', 'POST'], () => (m === 'GET' ? state.plans.list() : state.plans.create(body.data)));
    case 'plans/:id':
      return ok(['GET', 'PUT'], () =>
        m === 'GET' ? state.plans.get(id) : state.plans.update(id, body.data),
      );
    case 'customers':
      return ok(['GET'], () => state.customers.search(query));
    case 'customers/:id':
      return ok(['GET'], () => state.customers.get(id));
    default:
      return HTML_NOT_FOUND;
  }
}

// Django answers an unknown URL with its HTML page, not with DRF JSON.
const HTML_NOT_FOUND: Reply = {
  status: 404,
  body: '<h1>Not Found</h1><p>The requested resource was not found on this server.</p>',
  headers: { 'Content-Type': 'text/html' },
};

function apiStatus(v: FakeVariants): Reply {
  if (v.apiStatusBody === 'empty') return { status: 200 };
  return v.apiStatusBody === 'text' ? { status: 200, body: 'OK' } : json({ status: 'ok' });
}

function userRoute(
  method: string,
  id: string,
  data: Record<string, unknown>,
  subs: SubscriptionStore,
  v: FakeVariants,
): Reply {
  if (method === 'GET') return subs.history(id);
  if (method === 'PUT') {
    const reply = subs.updateUser(id, data);
    return reply.status === 200 && v.updateUserResponse === 'empty-204' ? { status: 204 } : reply;
  }
  const reply = subs.deleteUser(id);
  return reply.status === 204 && v.deleteUserResponse === 'detail'
    ? json({ detail: "This user's data has been deleted." })
    : reply;
}

/** Success answers whose form is disputed: the record, or an empty body with 200/204, or `{}`. */
function shaped(reply: Reply, form: string): Reply {
  if (reply.status !== 200 || form === 'record') return reply;
  if (form === 'empty-204') return { status: 204 };
  if (form === 'empty-object') return json({});
  return { status: 200 };
}

function parseJsonBody(req: RecordedRequest): { data: Record<string, unknown> } | Reply {
  if (req.rawBody === '' || !['POST', 'PUT', 'PATCH'].includes(req.method)) return { data: {} };
  const type = (req.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json')
    return { status: 415, body: { detail: `Unsupported media type "${req.contentType ?? ''}" in request.` } };
  if (req.body === undefined)
    return { status: 400, body: { detail: 'JSON parse error - Expecting value: line 1 column 1 (char 0)' } };
  if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
    const got = Array.isArray(req.body) ? 'list' : typeof req.body;
    return {
      status: 400,
      body: { non_field_errors: [`Invalid data. Expected a dictionary, but got ${got}.`] },
    };
  }
  return { data: req.body as Record<string, unknown> };
}

/** Replaces the detail body of 401/404/429 with nothing when that variant is on (JSON bodies only). */
function shapeError(reply: Reply, v: FakeVariants): Reply {
  if (v.errorBodies === 'empty' && [401, 404, 429].includes(reply.status) && typeof reply.body === 'object') {
    return { ...reply, body: undefined };
  }
  return reply;
}

function lastValues(query: Record<string, string | string[]>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[v.length - 1] : v]),
  );
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function record(req: IncomingMessage, rawBody: string): RecordedRequest {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const query: Record<string, string | string[]> = {};
  for (const [k, val] of new URLSearchParams(q < 0 ? '' : url.slice(q + 1))) {
    const prev = query[k];
    query[k] = prev === undefined ? val : Array.isArray(prev) ? [...prev, val] : [prev, val];
  }
  let body: unknown;
  try {
    body = rawBody === '' ? undefined : JSON.parse(rawBody);
  } catch {
    body = undefined;
  }
  const auth = req.headers.authorization;
  return {
    method: req.method ?? 'GET',
    url,
    path: q < 0 ? url : url.slice(0, q),
    query,
    headers: req.headers,
    authorization: auth,
    contentType: req.headers['content-type'],
    rawBody,
    body,
  };
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload = '';
  if (typeof reply.body === 'string') {
    payload = reply.body;
    headers['Content-Type'] ??= 'text/plain; charset=utf-8';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['Content-Type'] ??= 'application/json';
  }
  if (reply.status !== 204 && reply.status !== 304)
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(reply.status === 204 ? undefined : payload);
}
