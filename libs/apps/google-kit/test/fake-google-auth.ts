import { createVerify, randomBytes } from 'node:crypto';
import {
  startFake,
  type FakeReply,
  type FakeServer,
  type RecordedRequest,
} from '../../../../test/support/app-harness';
import { answerConsent, consentError, consentPage } from '../../../../test/support/consent-page';

// Google's OAuth 2.0 token endpoint as "Using OAuth 2.0 for Web Server Applications" and "…for
// Server to Server Applications" describe it: form-encoded POST /token with grant_type
// authorization_code, refresh_token or urn:ietf:params:oauth:grant-type:jwt-bearer; errors as
// { error, error_description }. Service-account assertions are checked with the account's public
// key (RS256), audience and lifetime. It also answers Drive's `about` and Gmail's `profile` for
// tokens it issued, so a connection can be verified against it. For the browser tests it also
// shows the consent screen at /o/oauth2/v2/auth (checking the request as Google does, and asking
// offline access with consent, without which no refresh token comes), issues tokens that expire
// by its clock, and hands other API paths (Sheets) to `api`.

export const CLIENT_ID = 'client-1.apps.googleusercontent.com';
export const CLIENT_SECRET = 'GOCSPX-fake-secret';
export const SERVICE_EMAIL = 'robot@project.iam.gserviceaccount.com';

export interface FakeGoogleAuth extends FakeServer {
  /** A code the consent screen would hand out for this redirect URI and scope. */
  issueCode(redirectUri: string, scope: string): string;
  /** Tokens this server issued and still honours. */
  accessTokens: Map<string, { scope: string; subject?: string }>;
  /** Refresh token → the scope it was granted. */
  refreshTokens: Map<string, string>;
  /** Answers 401 to every API call whatever the token (a disabled account). */
  disabled: boolean;
  /** Forgets an access token, as Google does when it is revoked or expired. */
  revoke(token: string): void;
  assertions: Array<{ header: Record<string, unknown>; claims: Record<string, unknown> }>;
  /** Lifetime of the access tokens it issues, in seconds. */
  expiresIn: number;
  /** Redirect URIs registered for the client; the consent screen refuses others (when set). */
  redirectUris: string[];
  /** The query of each consent screen shown. */
  consents: Array<Record<string, string>>;
  /** Other Google APIs on this host: called with the request and the token's scope. */
  api?: (req: RecordedRequest, scope: string) => FakeReply | undefined;
}

/** The scopes Google knows, of the apps here (a consent screen refuses others). */
const KNOWN_SCOPE =
  /^https:\/\/www\.googleapis\.com\/auth\/(spreadsheets|drive|drive\.readonly|gmail\.send|gmail\.modify)$/;

const oauthError = (status: number, error: string, description: string): FakeReply => ({
  status,
  body: { error, error_description: description },
});
const apiError = (code: number, status: string, message: string): FakeReply => ({
  status: code,
  body: { error: { code, message, status } },
});

export async function startFakeGoogleAuth(
  publicKeyPem: string,
  now: () => number = () => Date.now(),
): Promise<FakeGoogleAuth> {
  const codes = new Map<string, { redirectUri: string; scope: string }>();
  const accessTokens = new Map<string, { scope: string; subject?: string; expiresAt?: number }>();
  const refreshTokens = new Map<string, string>();
  const assertions: FakeGoogleAuth['assertions'] = [];
  const token = (scope: string, subject?: string) => {
    const t = `ya29.${randomBytes(12).toString('hex')}`;
    accessTokens.set(t, { scope, subject, expiresAt: now() + fake.expiresIn * 1000 });
    return t;
  };
  let url = '';
  // eslint-disable-next-line prefer-const -- the handler reads it once requests arrive
  let fake: FakeGoogleAuth;
  const server = await startFake((req) => {
    const path = req.url.split('?')[0];
    if (path === '/o/oauth2/v2/auth') return consent(req, fake);
    if (path === '/o/oauth2/v2/approve' && req.method === 'POST')
      return answerConsent(req, (f) => fake.issueCode(f.redirect_uri, f.scope));
    if (path === '/token') {
      if (req.method !== 'POST') return oauthError(405, 'invalid_request', 'POST only');
      if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
        return oauthError(400, 'invalid_request', 'form-encoded body expected');
      const f = (name: string) => req.form?.get(name)?.toString();
      const grant = f('grant_type');
      if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
        const checked = checkAssertion(f('assertion'), publicKeyPem, `${url}/token`);
        if (typeof checked === 'string') return oauthError(400, 'invalid_grant', checked);
        assertions.push(checked);
        const { scope, sub } = checked.claims as { scope: string; sub?: string };
        return {
          status: 200,
          body: { access_token: token(scope, sub), expires_in: fake.expiresIn, token_type: 'Bearer' },
        };
      }
      if (f('client_id') !== CLIENT_ID || f('client_secret') !== CLIENT_SECRET)
        return oauthError(401, 'invalid_client', 'Unauthorized');
      if (grant === 'authorization_code') {
        const issued = codes.get(f('code') ?? '');
        if (!issued) return oauthError(400, 'invalid_grant', 'Malformed auth code.');
        if (issued.redirectUri !== f('redirect_uri'))
          return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
        codes.delete(f('code')!);
        const refresh = `1//${randomBytes(8).toString('hex')}`;
        refreshTokens.set(refresh, issued.scope);
        return {
          status: 200,
          body: {
            access_token: token(issued.scope),
            expires_in: fake.expiresIn,
            refresh_token: refresh,
            scope: issued.scope,
            token_type: 'Bearer',
          },
        };
      }
      if (grant === 'refresh_token') {
        const refresh = f('refresh_token') ?? '';
        if (!refreshTokens.has(refresh))
          return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
        const scope = refreshTokens.get(refresh)!;
        return {
          status: 200,
          body: { access_token: token(scope), expires_in: fake.expiresIn, scope, token_type: 'Bearer' },
        };
      }
      return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grant}`);
    }
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const granted = auth ? accessTokens.get(auth) : undefined;
    if (!granted || fake.disabled || (granted.expiresAt ?? Infinity) <= now())
      return apiError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
    const answer = fake.api?.(req, granted.scope);
    if (answer) return answer;
    if (req.method === 'GET' && req.url === '/drive/v3/about?fields=user') {
      if (!/auth\/drive(\.readonly)?( |$)/.test(granted.scope))
        return apiError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.');
      return {
        status: 200,
        body: { user: { displayName: 'Ann', emailAddress: granted.subject ?? 'ann@example.com' } },
      };
    }
    if (req.method === 'GET' && req.url === '/gmail/v1/users/me/profile') {
      if (!granted.scope.includes('gmail.modify'))
        return apiError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.');
      return { status: 200, body: { emailAddress: 'ann@example.com', messagesTotal: 1, threadsTotal: 1 } };
    }
    return apiError(404, 'NOT_FOUND', `no route ${req.method} ${req.url}`);
  });
  url = server.url;
  fake = {
    ...server,
    disabled: false,
    expiresIn: 3599,
    redirectUris: [],
    consents: [],
    accessTokens,
    refreshTokens,
    assertions,
    issueCode: (redirectUri, scope) => {
      const code = `4/${randomBytes(8).toString('hex')}`;
      codes.set(code, { redirectUri, scope });
      return code;
    },
    revoke: (t) => accessTokens.delete(t),
  };
  return fake;
}

// "Using OAuth 2.0 for Web Server Applications", step 2: the parameters of the authorization
// request. A wrong one shows Google's error page (no redirect), as Google does.
function consent(req: RecordedRequest, fake: FakeGoogleAuth): FakeReply {
  const q = Object.fromEntries(new URL(req.url, 'http://x').searchParams);
  fake.consents.push(q);
  if (req.method !== 'GET') return consentError('GET only');
  if (q.client_id !== CLIENT_ID) return consentError('The OAuth client was not found. (invalid_client)');
  if (!q.redirect_uri || (fake.redirectUris.length && !fake.redirectUris.includes(q.redirect_uri)))
    return consentError(`redirect_uri_mismatch: ${q.redirect_uri ?? '(none)'}`);
  if (q.response_type !== 'code') return consentError(`Invalid response_type: ${q.response_type}`);
  const scopes = (q.scope ?? '').split(' ').filter(Boolean);
  if (!scopes.length) return consentError('Missing required parameter: scope');
  const unknown = scopes.find((s) => !KNOWN_SCOPE.test(s));
  if (unknown) return consentError(`Some requested scopes were invalid: ${unknown}`);
  if (q.access_type !== 'offline') return consentError('access_type=offline is needed for a refresh token');
  if (q.prompt !== 'consent') return consentError('prompt=consent is needed for a refresh token');
  if (!q.state) return consentError('state is expected (cross-site request forgery protection)');
  return consentPage({
    provider: 'Google',
    client: 'Integrator',
    scopes,
    approveUrl: '/o/oauth2/v2/approve',
    hidden: { redirect_uri: q.redirect_uri, state: q.state, scope: scopes.join(' ') },
  });
}

function checkAssertion(
  assertion: string | undefined,
  publicKeyPem: string,
  audience: string,
): string | { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const parts = (assertion ?? '').split('.');
  if (parts.length !== 3) return 'Invalid JWT: not three parts';
  const [h, c, sig] = parts;
  const header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as Record<string, unknown>;
  const claims = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as Record<string, unknown>;
  if (header.alg !== 'RS256' || header.typ !== 'JWT') return 'Invalid JWT header';
  const ok = createVerify('RSA-SHA256')
    .update(`${h}.${c}`)
    .verify(publicKeyPem, Buffer.from(sig, 'base64url'));
  if (!ok) return 'Invalid JWT Signature.';
  if (claims.iss !== SERVICE_EMAIL) return 'Invalid issuer';
  if (claims.aud !== audience) return `Invalid JWT: aud must be ${audience}`;
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  if (!Number.isInteger(iat) || !Number.isInteger(exp) || exp <= iat || exp - iat > 3600)
    return 'Invalid JWT: Token must be a short-lived token (60 minutes)';
  if (typeof claims.scope !== 'string' || !claims.scope) return 'Invalid JWT: no scope';
  return { header, claims };
}
