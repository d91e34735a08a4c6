import { ModuleError, userError, type Clock, type HttpClient, type HttpResponse } from '@integrator/sdk';
import { redact, secretVariants } from './redact';
import { readablePart } from './response';

export interface ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  audience?: string;
  /**
   * Preferably a client without a connection: requests go out with auth: false, but a client
   * with one still redacts its stored secrets, which would mask a re-issued identical token.
   */
  http: HttpClient;
  /** For expiresAt; default the system time. */
  clock?: Pick<Clock, 'now'>;
}

export interface OAuth2Token {
  accessToken: string;
  tokenType: string;
  /** Epoch milliseconds, when the server said expires_in. */
  expiresAt?: number;
  refreshToken?: string;
  scope?: string;
}

/**
 * OAuth2 client credentials grant (RFC 6749 §4.4). The client authenticates with HTTP Basic
 * (§2.3.1); servers that only read client_id/client_secret from the body answer 400/401 to
 * that, so the request is repeated once with the credentials in the body.
 */
export async function fetchOAuth2ClientCredentialsToken(o: ClientCredentialsOptions): Promise<OAuth2Token> {
  for (const name of ['tokenUrl', 'clientId', 'clientSecret'] as const) {
    if (typeof o[name] !== 'string' || o[name].trim() === '')
      throw userError('is required to fetch an access token', name, 'InvalidConfigurationError');
  }
  const params: Record<string, string> = { grant_type: 'client_credentials' };
  if (o.scope) params.scope = o.scope;
  if (o.audience) params.audience = o.audience;
  const basic = `Basic ${Buffer.from(`${formEncode(o.clientId)}:${formEncode(o.clientSecret)}`).toString('base64')}`;
  const secrets = secretVariants([o.clientSecret, basic]);

  let res = await post(o, params, { authorization: basic });
  if (res.status === 400 || res.status === 401) {
    res = await post(o, { ...params, client_id: o.clientId, client_secret: o.clientSecret }, {});
  }
  if (res.status < 200 || res.status >= 300) throw tokenError(o.tokenUrl, res, secrets);
  return readToken(res.body, o.clock?.now() ?? Date.now(), secrets);
}

function post(
  o: ClientCredentialsOptions,
  data: Record<string, string>,
  headers: Record<string, string>,
): Promise<HttpResponse> {
  return o.http.request({
    method: 'POST',
    url: o.tokenUrl,
    headers: { accept: 'application/json', ...headers },
    body: { type: 'form', data },
    auth: false,
    throwOnError: false,
  });
}

function formEncode(text: string): string {
  return new URLSearchParams({ s: text }).toString().slice(2);
}

function tokenError(tokenUrl: string, res: HttpResponse, secrets: string[]): ModuleError {
  const part = redact(readablePart(res.body), secrets);
  const where = tokenUrl.replace(/[?#].*$/, '');
  const message = `the token request to ${where} failed with ${res.status}${part ? `: ${part}` : ''}`;
  const transient = res.status === 429 || res.status >= 500;
  return new ModuleError(message, {
    kind: transient ? 'transient' : 'user',
    type: transient ? (res.status === 429 ? 'RateLimitError' : 'ConnectionError') : 'AccountValidationError',
    status: res.status,
  });
}

function readToken(body: unknown, now: number, secrets: string[]): OAuth2Token {
  // Some servers answer form-encoded despite Accept: application/json.
  const fields: Record<string, unknown> =
    typeof body === 'string'
      ? Object.fromEntries(new URLSearchParams(body))
      : body && typeof body === 'object' && !(body instanceof Uint8Array)
        ? (body as Record<string, unknown>)
        : {};
  const accessToken = fields.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    const seen = redact(
      typeof body === 'string' ? body.slice(0, 200) : Object.keys(fields).join(', '),
      secrets,
    );
    throw new ModuleError(`the token response has no access_token (got ${seen || 'an empty body'})`, {
      kind: 'user',
      type: 'AccountValidationError',
    });
  }
  const token: OAuth2Token = {
    accessToken,
    tokenType: typeof fields.token_type === 'string' && fields.token_type ? fields.token_type : 'Bearer',
  };
  const expiresIn = Number(fields.expires_in);
  if (fields.expires_in !== undefined && Number.isFinite(expiresIn)) token.expiresAt = now + expiresIn * 1000;
  if (typeof fields.refresh_token === 'string' && fields.refresh_token)
    token.refreshToken = fields.refresh_token;
  if (typeof fields.scope === 'string' && fields.scope) token.scope = fields.scope;
  return token;
}
