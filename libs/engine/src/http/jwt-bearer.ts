import { ModuleError, type HttpClient } from '@integrator/sdk';
import type { OAuth2Token } from './oauth2';

// RFC 7523 §2.1: the JWT bearer grant. The assertion (signed by the connection type, e.g. with a
// Google service account's private key) is the whole credential: no client id or secret is sent,
// and no refresh token comes back; a new assertion is signed when the token nears expiry.

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

export async function fetchJwtBearerToken(
  http: HttpClient,
  tokenUrl: string,
  assertion: string,
  now: () => number,
): Promise<OAuth2Token> {
  const res = await http.request<Record<string, unknown>>({
    method: 'POST',
    url: tokenUrl,
    headers: { accept: 'application/json' },
    body: { type: 'form', data: { grant_type: JWT_BEARER_GRANT, assertion } },
    auth: false,
    throwOnError: false,
    retry: false,
  });
  const body = (res.body ?? {}) as Record<string, unknown>;
  if (res.status < 200 || res.status >= 300 || typeof body.access_token !== 'string') {
    const reason = [body.error, body.error_description].filter((v) => typeof v === 'string').join(': ');
    throw new ModuleError(
      `the token endpoint refused the signed assertion: ${reason || `status ${res.status}`}`,
      {
        kind: 'user',
        type: 'AccountValidationError',
        status: res.status,
      },
    );
  }
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    tokenType: String(body.token_type ?? 'Bearer'),
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now() + expiresIn * 1000 : undefined,
  };
}
