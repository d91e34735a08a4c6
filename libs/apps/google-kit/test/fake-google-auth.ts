import { createVerify, randomBytes } from 'node:crypto';
import { startFake, type FakeReply, type FakeServer } from '../../../../test/support/app-harness';

// Google's OAuth 2.0 token endpoint as "Using OAuth 2.0 for Web Server Applications" and "…for
// Server to Server Applications" describe it: form-encoded POST /token with grant_type
// authorization_code, refresh_token or urn:ietf:params:oauth:grant-type:jwt-bearer; errors as
// { error, error_description }. Service-account assertions are checked with the account's public
// key (RS256), audience and lifetime. It also answers Drive's `about` and Gmail's `profile` for
// tokens it issued, so a connection can be verified against it.

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
}

const oauthError = (status: number, error: string, description: string): FakeReply => ({
  status,
  body: { error, error_description: description },
});
const apiError = (code: number, status: string, message: string): FakeReply => ({
  status: code,
  body: { error: { code, message, status } },
});

export async function startFakeGoogleAuth(publicKeyPem: string): Promise<FakeGoogleAuth> {
  const codes = new Map<string, { redirectUri: string; scope: string }>();
  const accessTokens = new Map<string, { scope: string; subject?: string }>();
  const refreshTokens = new Map<string, string>();
  const assertions: FakeGoogleAuth['assertions'] = [];
  const token = (scope: string, subject?: string) => {
    const t = `ya29.${randomBytes(12).toString('hex')}`;
    accessTokens.set(t, { scope, subject });
    return t;
  };
  let url = '';
  const server = await startFake((req) => {
    const path = req.url.split('?')[0];
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
          body: { access_token: token(scope, sub), expires_in: 3599, token_type: 'Bearer' },
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
            expires_in: 3599,
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
          body: { access_token: token(scope), expires_in: 3599, scope, token_type: 'Bearer' },
        };
      }
      return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grant}`);
    }
    const auth = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1];
    const granted = auth ? accessTokens.get(auth) : undefined;
    if (!granted || fake.disabled)
      return apiError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.');
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
  const fake: FakeGoogleAuth = {
    ...server,
    disabled: false,
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
