import { ModuleError, type HttpResponse } from '@integrator/sdk';
import type { OAuth2Token } from './oauth2';

/**
 * A token endpoint's answer (RFC 6749 §5.1/§5.2) read the same way for every grant that goes
 * through the vault: the token with its expiry, or an account error naming what the endpoint said.
 */
export function readTokenAnswer(res: HttpResponse<unknown>, now: () => number, refused: string): OAuth2Token {
  const body = (res.body ?? {}) as Record<string, unknown>;
  if (res.status < 200 || res.status >= 300 || typeof body.access_token !== 'string') {
    const said = [body.error, body.error_description].filter((v) => typeof v === 'string').join(': ');
    throw new ModuleError(`${refused}: ${said || `status ${res.status}`}`, {
      kind: 'user',
      type: 'AccountValidationError',
      status: res.status,
    });
  }
  const expiresIn = Number(body.expires_in);
  return {
    accessToken: body.access_token,
    tokenType: String(body.token_type ?? 'Bearer'),
    expiresAt: Number.isFinite(expiresIn) && expiresIn > 0 ? now() + expiresIn * 1000 : undefined,
    refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
  };
}
