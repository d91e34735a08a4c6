import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { FakeAfasState, Reply } from './fake-afas-seed';

// POST {base}/oauth/token, client credentials grant (reference §3.3).

export const TOKEN_LIFETIME_S = 3600;

const oauthError = (
  status: number,
  error: string,
  description?: string,
  headers?: Record<string, string>,
): Reply => ({
  status,
  headers,
  body: description ? { error, error_description: description } : { error },
});

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0
    ? { id: decoded, secret: '' }
    : { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

export interface TokenRequest {
  method: string;
  headers: IncomingHttpHeaders;
  bodyText: string;
}

/** Issues a Bearer token into `issued` (token → expiry in ms) or answers the documented OAuth error. */
export function tokenEndpoint(
  state: FakeAfasState,
  issued: Map<string, number>,
  req: TokenRequest,
  now: number,
): Reply {
  const invalid = oauthError(400, 'invalid_request', 'Invalid HTTP request for token endpoint');
  if (req.method !== 'POST') return invalid;
  if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) return invalid;
  const params = new URLSearchParams(req.bodyText);
  const names = [...params.keys()];
  if (new Set(names).size !== names.length) return invalid;
  const basic = basicCredentials(req.headers.authorization);
  const inBody = params.has('client_id') || params.has('client_secret');
  if (basic && inBody) return invalid;
  const grant = params.get('grant_type');
  if (!grant) return invalid;
  if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type');
  const id = basic?.id ?? params.get('client_id');
  const secret = basic?.secret ?? params.get('client_secret');
  if (!id || secret === null || secret === undefined) return invalid;
  const client = state.oauthClients.find((c) => c.clientId === id && c.clientSecret === secret);
  if (!client) {
    return basic
      ? oauthError(401, 'invalid_client', undefined, { 'WWW-Authenticate': 'Basic realm="AFAS"' })
      : oauthError(400, 'invalid_client');
  }
  const token = `eyJ${randomBytes(24).toString('base64url')}`;
  issued.set(token, now + TOKEN_LIFETIME_S * 1000);
  return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_S } };
}
