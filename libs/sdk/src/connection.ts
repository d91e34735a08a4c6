import type { FieldMap, ValuesOf } from './fields';
import type { AuthTarget, HttpClient } from './http';

export interface VerifyContext<F extends FieldMap> {
  credentials: ValuesOf<F>;
  /** Already authenticated with these credentials. */
  http: HttpClient;
}

export interface ConnectionTypeDefinition<F extends FieldMap = FieldMap> {
  key: string;
  label: string;
  description?: string;
  fields: F;
  /** Adds the credentials to an outgoing request (headers and/or query). */
  authenticate?(credentials: ValuesOf<F>, target: AuthTarget): void | Promise<void>;
  /** TLS client material (a client certificate): used for the connection's TLS handshakes. */
  tls?(credentials: ValuesOf<F>): TlsClientMaterial | undefined;
  /** Base URL for relative request URLs (overridable per connection for tests and proxies). */
  baseUrl?(credentials: ValuesOf<F>): string | undefined;
  /** Throws (a ModuleError) when the credentials do not work. */
  verify?(context: VerifyContext<F>): Promise<void>;
  /** Client-side rate limit per connection (e.g. ProfitWell: 25 requests per 5 seconds). */
  rateLimit?: { requests: number; perMs: number };
  /** OAuth2 token endpoint handling; the server refreshes before expiry. */
  oauth2?: OAuth2Settings<F>;
}

/** PEM texts; `ca` replaces the system trust store for the server's certificate. */
export interface TlsClientMaterial {
  cert: string;
  key: string;
  passphrase?: string;
  ca?: string;
}

export interface OAuth2Settings<F extends FieldMap> {
  /** `jwt_bearer` (RFC 7523): a signed assertion is traded for the access token (Google service accounts). */
  grant: 'client_credentials' | 'authorization_code' | 'jwt_bearer';
  tokenUrl(credentials: ValuesOf<F>): string;
  authorizeUrl?(credentials: ValuesOf<F>): string;
  scope?(credentials: ValuesOf<F>): string | undefined;
  /** Extra query parameters of the authorize URL (e.g. Google's `access_type=offline`). */
  authorizeParams?(credentials: ValuesOf<F>): Record<string, string>;
  /** For `jwt_bearer`: the signed assertion, made at this time (epoch ms). */
  assertion?(credentials: ValuesOf<F>, now: number): string;
  /**
   * How the token endpoint wants the code exchange and the refresh (default: a form body with
   * client_id and client_secret in it, RFC 6749 §2.3.1). Notion, say, wants JSON and HTTP Basic.
   */
  tokenRequest?: { body?: 'form' | 'json'; clientAuth?: 'body' | 'basic' };
}

export function defineConnectionType<const F extends FieldMap>(
  definition: ConnectionTypeDefinition<F>,
): ConnectionTypeDefinition<F> {
  return definition;
}
