import type { HttpClient } from '@integrator/sdk';
import type { OAuth2Token } from './oauth2';
import { readTokenAnswer } from './token-answer';

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
  return readTokenAnswer(res, now, 'the token endpoint refused the signed assertion');
}
