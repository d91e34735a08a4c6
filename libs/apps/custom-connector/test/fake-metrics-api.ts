import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for an outside API a custom connector reads a KPI from (Profit.co's custom
// connector flow points at any such API). It checks credentials the way real APIs do: each
// route takes one authorization scheme and answers 401 to anything else, and its token
// endpoint follows OAuth 2.0 client credentials (RFC 6749 §4.4, client auth per §2.3.1).

export interface SeenRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
}

export const CREDENTIALS = {
  apiKey: 'key-4f1c2a9d7e',
  bearer: 'bearer-8b3e6f0a21',
  user: 'ada',
  password: 'pass-5d7c1e9b42',
  clientId: 'client-kpi',
  clientSecret: 'client-secret-2a6e9f13c8',
};

type Handler = (req: SeenRequest, res: ServerResponse) => void;

export class FakeMetricsApi {
  readonly seen: SeenRequest[] = [];
  /** What GET …/metrics answers. */
  metrics: unknown = { data: { metrics: [{ name: 'MRR', value: 42 }] } };
  private readonly tokens = new Set<string>();
  private issued = 0;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The service forgets every access token it issued (a revocation). */
  revokeTokens(): void {
    this.tokens.clear();
  }

  requestsTo(path: string): SeenRequest[] {
    return this.seen.filter((r) => r.path === path);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const seen: SeenRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.seen.push(seen);
    const route = this.routes()[`${seen.method} ${seen.path}`];
    if (route) return route(seen, res);
    const known = Object.keys(this.routes()).some((k) => k.endsWith(` ${seen.path}`));
    send(res, known ? 405 : 404, { error: known ? 'method not allowed' : 'not found' });
  }

  private routes(): Record<string, Handler> {
    const metrics =
      (allowed: (r: SeenRequest) => boolean): Handler =>
      (r, res) =>
        allowed(r) ? send(res, 200, this.metrics) : send(res, 401, { error: 'unauthorized' });
    return {
      'GET /open/metrics': metrics(() => true),
      'GET /header-key/metrics': metrics((r) => r.headers['x-api-key'] === CREDENTIALS.apiKey),
      'GET /query-key/metrics': metrics((r) => r.query.api_key === CREDENTIALS.apiKey),
      'GET /bearer/metrics': metrics((r) => r.headers.authorization === `Bearer ${CREDENTIALS.bearer}`),
      'GET /basic/metrics': metrics(
        (r) => r.headers.authorization === basic(CREDENTIALS.user, CREDENTIALS.password),
      ),
      'GET /oauth/metrics': metrics((r) =>
        this.tokens.has((r.headers.authorization ?? '').replace(/^Bearer /, '')),
      ),
      'POST /oauth/token': (r, res) => this.token(r, res),
      // Careless APIs echo what they received; the echo must come back masked.
      'GET /echo': (r, res) => send(res, 200, { headers: r.headers, query: r.query }),
      'POST /search': (r, res) => {
        if (!(r.headers['content-type'] ?? '').startsWith('application/json'))
          return send(res, 415, { error: 'JSON only' });
        send(res, 200, { received: JSON.parse(r.body), total: '1,234.5' });
      },
      'GET /text': (_r, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('1,234.5');
      },
    };
  }

  private token(r: SeenRequest, res: ServerResponse): void {
    if (r.headers['content-type'] !== 'application/x-www-form-urlencoded')
      return send(res, 400, { error: 'invalid_request' });
    const form = Object.fromEntries(new URLSearchParams(r.body));
    if (form.grant_type !== 'client_credentials') return send(res, 400, { error: 'unsupported_grant_type' });
    if (r.headers.authorization !== basic(CREDENTIALS.clientId, CREDENTIALS.clientSecret)) {
      return send(res, 401, { error: 'invalid_client' }, { 'www-authenticate': 'Basic realm="token"' });
    }
    const token = `access-${++this.issued}-9c4e`;
    this.tokens.add(token);
    send(res, 200, {
      access_token: token,
      token_type: 'Bearer',
      expires_in: 3600,
      ...(form.scope ? { scope: form.scope } : {}),
    });
  }
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}
