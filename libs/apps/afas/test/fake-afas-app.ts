import type { IncomingHttpHeaders } from 'node:http';
import { checkFields, parseFilterLists, runGetConnector } from './fake-afas-get';
import { tokenEndpoint } from './fake-afas-oauth';
import { empty, ProfitFault, profitLogReference, type FakeAfasState, type Reply } from './fake-afas-seed';
import { runDelete, runUpdate } from './fake-afas-update';

// Routing and authentication of the fake AFAS Profit server (reference afas-profit-api.md),
// with a switch for each variant the reference leaves open (FakeAfasVariant).

export interface FakeAfasVariant {
  /** Status for an AfasToken that is not base64 (§3.1: uncertain; 500 per the Profit 6 note). */
  plainTokenStatus: 400 | 401 | 500;
  /** A connector that exists but is not on the app connector: 401 (help, OpenAPI) or a 500 message (troubleshooting). */
  connectorNotAllowed: 401 | 500;
  /** GetConnector's `take`: the requested value (most docs) or the number of rows. */
  takeEcho: 'requested' | 'rows';
  /** SubjectConnector form served: path (docs, clients), query (OpenAPI) or both. */
  subjectConnectorForm: 'path' | 'query' | 'both';
  /** Update metainfo: primaryKey/mandatory as booleans (Go) or "true"/"false" (dutchgrit); top-level `name` or `id`. */
  metaFlags: 'boolean' | 'string';
  metaNameKey: 'name' | 'id';
  /** Error body: the documented triple, the Go client's {"message"}, only the X-PROFIT-ERROR header, or nothing. */
  errorStyle: 'triple' | 'message' | 'header-only' | 'empty';
  /** Emit the obsolete X-PROFIT-ERROR header (base64 of the message) on 500s. */
  profitErrorHeader: boolean;
  /** 403 for every call: the app connector's IP restriction blocks the caller. */
  ipBlocked: boolean;
  /** AppConnectorVersion / AppConnectorSubject on the app connector's Connectors tab. */
  appConnectorVersion: boolean;
  appConnectorSubject: boolean;
  /** Answer the next `requests` calls with 503 (maintenance). */
  maintenance?: {
    requests: number;
    retryAfter?: number;
    shape?: 'intended' | 'literal';
    retryAfterHeader?: boolean;
  };
  /** 413 above this many request bytes (75 MB documented). */
  maxPayloadBytes: number;
}

export const DEFAULT_VARIANT: FakeAfasVariant = {
  plainTokenStatus: 500,
  connectorNotAllowed: 401,
  takeEcho: 'requested',
  subjectConnectorForm: 'path',
  metaFlags: 'boolean',
  metaNameKey: 'name',
  errorStyle: 'triple',
  profitErrorHeader: true,
  ipBlocked: false,
  appConnectorVersion: true,
  appConnectorSubject: true,
  maxPayloadBytes: 75 * 1024 * 1024,
};

export interface RecordedRequest {
  method: string;
  /** Raw path, e.g. /ProfitRestServices/connectors/Profit_Accounts. */
  path: string;
  /** Raw query string including "?", or "". */
  rawQuery: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  bodyText: string;
  body: unknown;
}

class StatusReply extends Error {
  constructor(readonly reply: Reply) {
    super(`status ${reply.status}`);
  }
}

const fail = (status: number, headers?: Record<string, string>): never => {
  throw new StatusReply(empty(status, headers));
};

export class FakeAfasRouter {
  /** Issued Bearer tokens → expiry (ms). */
  readonly issued = new Map<string, number>();

  constructor(
    readonly state: FakeAfasState,
    public variant: FakeAfasVariant,
    private readonly now: () => number,
  ) {}

  /** The reply to one recorded request of `size` body bytes. */
  reply(req: RecordedRequest, size: number): Reply {
    try {
      return size > this.variant.maxPayloadBytes ? empty(413) : this.route(req);
    } catch (err) {
      if (err instanceof StatusReply) return err.reply;
      if (err instanceof ProfitFault) return this.faultReply(err);
      return {
        status: 500,
        body: { externalMessage: String(err), errorNumber: -1, profitLogReference: profitLogReference() },
      };
    }
  }

  private authenticate(header: string | undefined): void {
    if (!header) return fail(401);
    const afas = /^AfasToken (\S+)$/.exec(header);
    if (afas) {
      const raw = afas[1];
      if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) || raw.length % 4 !== 0) {
        if (this.variant.plainTokenStatus === 500) throw new ProfitFault('The token must be base64 encoded.');
        return fail(this.variant.plainTokenStatus);
      }
      const xml = Buffer.from(raw, 'base64').toString('utf8');
      const data = /^<token><version>1<\/version><data>([0-9A-Fa-f]+)<\/data><\/token>$/.exec(xml)?.[1];
      if (!data || !this.state.tokens.includes(data)) fail(401);
      return;
    }
    const bearer = /^Bearer (\S+)$/.exec(header);
    if (bearer) {
      const expiry = this.issued.get(bearer[1]);
      if (expiry === undefined || expiry <= this.now())
        fail(401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
      return;
    }
    fail(401);
  }

  private allowed<T extends { allowed?: boolean }>(table: Record<string, T>, id: string, kind: string): T {
    const seed = Object.prototype.hasOwnProperty.call(table, id) ? table[id] : undefined;
    if (!seed) return fail(404);
    if (seed.allowed === false) {
      if (this.variant.connectorNotAllowed === 401) fail(401);
      throw new ProfitFault(`${kind} not supported for this app or the user is not authorized`, -2147180996);
    }
    return seed;
  }

  private metainfo(rest: string[]): Reply {
    if (!rest.length) {
      const list = (t: Record<string, { description: string; allowed?: boolean }>) =>
        Object.entries(t)
          .filter(([, s]) => s.allowed !== false)
          .map(([id, s]) => ({ id, description: s.description }));
      const info = {
        envid: `O${this.state.environment}AA`,
        appName: 'Integrator',
        group: 'AuthorizationGroup 101 (12345.USER)',
        tokenExpiry: '0',
      };
      return {
        status: 200,
        body: {
          updateConnectors: list(this.state.updateConnectors),
          getConnectors: list(this.state.getConnectors),
          info,
        },
      };
    }
    const [type, id] = [rest[0].toLowerCase(), rest[1]];
    if (rest.length !== 2 || (type !== 'get' && type !== 'update')) return fail(404);
    if (type === 'get') {
      const seed = this.allowed(this.state.getConnectors, id, 'GetConnector');
      return { status: 200, body: { name: id, description: seed.description, fields: seed.fields } };
    }
    const seed = this.allowed(this.state.updateConnectors, id, 'UpdateConnector');
    const flags = (o: typeof seed.meta): unknown => ({
      [this.variant.metaNameKey]: o.name,
      description: o.description,
      fields: o.fields.map((f) =>
        this.variant.metaFlags === 'string'
          ? { ...f, primaryKey: String(f.primaryKey), mandatory: String(f.mandatory) }
          : f,
      ),
      objects: o.objects.map(flags),
    });
    return { status: 200, body: flags(seed.meta) };
  }

  private subjectConnector(rest: string[], params: URLSearchParams): Reply {
    if (!this.variant.appConnectorSubject) return fail(401);
    const q = (name: string) => [...params.entries()].find(([k]) => k.toLowerCase() === name)?.[1];
    const byPath = rest.length === 2 && this.variant.subjectConnectorForm !== 'query';
    const byQuery =
      rest.length === 0 && this.variant.subjectConnectorForm !== 'path' && q('subjectid') && q('fileid');
    if (!byPath && !byQuery) return fail(404);
    const key = byPath ? `${rest[0]}/${rest[1]}` : `${q('subjectid')}/${q('fileid')}`;
    const file = this.state.attachments[key] ?? fail(404);
    return {
      status: 200,
      body: { filename: file.filename, mimetype: file.mimetype, filedata: file.data.toString('base64') },
    };
  }

  private reportConnector(rest: string[], params: URLSearchParams): Reply {
    if (rest.length !== 1) return fail(404);
    const id = Object.keys(this.state.reports).find((k) => k.toLowerCase() === rest[0].toLowerCase());
    const report = id ? this.state.reports[id] : fail(404);
    checkFields(parseFilterLists(params), report.filterFields);
    return { status: 200, body: { filedata: report.data.toString('base64'), mimetype: report.mimetype } };
  }

  private connectors(method: string, rest: string[], params: URLSearchParams, req: RecordedRequest): Reply {
    const [id, ...more] = rest;
    if (!id) return fail(404);
    if (method === 'GET') {
      if (more.length) return fail(404);
      return {
        status: 200,
        body: runGetConnector(
          this.allowed(this.state.getConnectors, id, 'GetConnector'),
          params,
          this.variant.takeEcho,
        ),
      };
    }
    if (method !== 'POST' && method !== 'PUT' && method !== 'DELETE') return fail(404);
    const seed = this.allowed(this.state.updateConnectors, id, 'UpdateConnector');
    if (!seed.verbs.includes(method))
      throw new ProfitFault(`The action is not supported by UpdateConnector '${id}'.`);
    if (method === 'DELETE') return runDelete(id, seed, more);
    if (more.length > 1) return fail(404);
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '') || req.body === undefined) {
      return { status: 400, body: { message: 'Invalid json' } };
    }
    return runUpdate(id, seed, method, req.body, more[0]);
  }

  private route(req: RecordedRequest): Reply {
    const url = new URL(`http://fake${req.path}${req.rawQuery}`);
    const segments = req.path
      .split('/')
      .filter(Boolean)
      .map((s) => decodeURIComponent(s));
    const prefixed = segments[0]?.toLowerCase() === 'profitrestservices';
    const rest = prefixed ? segments.slice(1) : segments;
    const [head, ...tail] = rest.map((s, i) => (i === 0 ? s.toLowerCase() : s));
    // The reference writes {base}/oauth/token; whether that includes /ProfitRestServices is open, so serve both.
    if (head === 'oauth' && tail.length === 1 && tail[0].toLowerCase() === 'token') {
      return tokenEndpoint(this.state, this.issued, req, this.now());
    }
    if (!prefixed) return fail(404);
    if (req.rawQuery.length > 2049) return fail(404);
    if (this.variant.maintenance && this.variant.maintenance.requests > 0) return this.maintenance();
    if (this.variant.ipBlocked) return fail(403);
    this.authenticate(req.headers.authorization);
    const method = req.method;
    if (head === 'profitversion' && !tail.length && method === 'GET') {
      return this.variant.appConnectorVersion
        ? { status: 200, body: { version: this.state.version } }
        : fail(401);
    }
    if (head === 'metainfo' && method === 'GET') return this.metainfo(tail);
    if (head === 'connectors') return this.connectors(method, tail, url.searchParams, req);
    if (head === 'subjectconnector' && method === 'GET') return this.subjectConnector(tail, url.searchParams);
    if (head === 'reportconnector' && method === 'GET') return this.reportConnector(tail, url.searchParams);
    return fail(404);
  }

  private maintenance(): Reply {
    const m = this.variant.maintenance!;
    m.requests--;
    const retryAfter = m.retryAfter ?? 7200;
    const message = 'Profit is temporarily unavailable because of maintenance.';
    const error =
      m.shape === 'literal'
        ? { code: { example: '503' }, message: { example: message } }
        : { code: '503', message };
    return {
      status: 503,
      body: { error, retry_after: retryAfter },
      headers: m.retryAfterHeader ? { 'Retry-After': String(retryAfter) } : undefined,
    };
  }

  private faultReply(f: ProfitFault): Reply {
    const headers: Record<string, string> = {};
    if (this.variant.profitErrorHeader || this.variant.errorStyle === 'header-only')
      headers['X-PROFIT-ERROR'] = Buffer.from(f.message).toString('base64');
    if (this.variant.errorStyle === 'header-only' || this.variant.errorStyle === 'empty')
      return { status: f.status, headers };
    const body =
      this.variant.errorStyle === 'message'
        ? { message: f.message }
        : {
            externalMessage: f.message,
            errorNumber: f.errorNumber,
            profitLogReference: profitLogReference(),
          };
    return { status: f.status, body, headers };
  }
}
