import {
  ModuleError,
  type ConnectionTypeDefinition,
  type FieldMap,
  type HttpClient,
  type OAuth2Settings,
} from '@integrator/sdk';
import { fetchJwtBearerToken } from './jwt-bearer';
import { fetchOAuth2ClientCredentialsToken, type OAuth2Token } from './oauth2';
import { readTokenAnswer } from './token-answer';

// Shared by the server and the CLI, so a connection gets its access token the same way
// wherever a scenario runs.

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyConnectionType = ConnectionTypeDefinition<any>;

// Access tokens are fetched or refreshed before they expire (5 minutes of margin).
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

export function needsToken(
  type: AnyConnectionType,
  secrets: Record<string, unknown>,
  expiresAt: number | null,
  now: number,
): boolean {
  if (!type.oauth2) return false;
  if (!secrets.accessToken)
    return type.oauth2.grant !== 'authorization_code' || Boolean(secrets.refreshToken);
  return expiresAt !== null && expiresAt - now < REFRESH_MARGIN_MS;
}

/**
 * A new access token: client credentials fetch one; a JWT bearer grant signs a new assertion;
 * authorization code refreshes with its refresh token.
 */
export async function obtainToken(
  type: AnyConnectionType,
  credentials: Record<string, unknown>,
  http: HttpClient,
  now: () => number,
): Promise<OAuth2Token> {
  const oauth = type.oauth2!;
  const tokenUrl = oauth.tokenUrl(credentials);
  if (oauth.grant === 'client_credentials') {
    return fetchOAuth2ClientCredentialsToken({
      tokenUrl,
      clientId: String(credentials.clientId ?? ''),
      clientSecret: String(credentials.clientSecret ?? ''),
      scope: oauth.scope?.(credentials),
      http,
      clock: { now },
    });
  }
  if (oauth.grant === 'jwt_bearer') {
    if (!oauth.assertion) throw new Error(`connection type ${type.key} signs no assertion`);
    return fetchJwtBearerToken(http, tokenUrl, oauth.assertion(credentials, now()), now);
  }
  if (!credentials.refreshToken)
    throw new ModuleError('the connection must be authorised again', {
      kind: 'user',
      type: 'AccountValidationError',
    });
  return exchange(
    http,
    tokenUrl,
    credentials,
    { grant_type: 'refresh_token', refresh_token: String(credentials.refreshToken) },
    now,
    oauth.tokenRequest,
  );
}

/** Authorization-code flow: trades the code from the callback for tokens. */
export function exchangeCode(
  type: AnyConnectionType,
  credentials: Record<string, unknown>,
  code: string,
  redirectUri: string,
  http: HttpClient,
  now: () => number,
) {
  return exchange(
    http,
    type.oauth2!.tokenUrl(credentials),
    credentials,
    { grant_type: 'authorization_code', code, redirect_uri: redirectUri },
    now,
    type.oauth2!.tokenRequest,
  );
}

async function exchange(
  http: HttpClient,
  tokenUrl: string,
  credentials: Record<string, unknown>,
  params: Record<string, string>,
  now: () => number,
  how: OAuth2Settings<FieldMap>['tokenRequest'] = {},
): Promise<OAuth2Token> {
  const clientId = String(credentials.clientId ?? '');
  const clientSecret = String(credentials.clientSecret ?? '');
  const headers: Record<string, string> = { accept: 'application/json' };
  const data: Record<string, string> = { ...params };
  if (how.clientAuth === 'basic') {
    // RFC 6749 §2.3.1: both parts form-urlencoded before they are joined and base64-encoded.
    const pair = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else Object.assign(data, { client_id: clientId, client_secret: clientSecret });
  const res = await http.request<Record<string, unknown>>({
    method: 'POST',
    url: tokenUrl,
    headers,
    body: how.body === 'json' ? { type: 'json', data } : { type: 'form', data },
    auth: false,
    throwOnError: false,
    retry: false,
  });
  return readTokenAnswer(res, now, 'the token endpoint refused');
}
