import { createSign } from 'node:crypto';
import { userError } from '@integrator/sdk';

// A Google service account authenticates with a JWT it signs itself (RS256, with the private key
// of its JSON key file) and trades at the token URL for an access token (RFC 7523, Google's
// "Using OAuth 2.0 for Server to Server Applications"). The token lives one hour at most.

export const DEFAULT_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const LIFETIME_S = 3600;

export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

/** The pasted JSON key file, checked enough that a mistake names the field instead of failing at Google. */
export function parseServiceAccountKey(text: unknown, field = 'serviceAccountKey'): ServiceAccountKey {
  let key: unknown;
  try {
    key = JSON.parse(String(text ?? ''));
  } catch {
    throw userError(
      'must be the service account’s JSON key file (it is not JSON)',
      field,
      'AccountValidationError',
    );
  }
  const k = (key ?? {}) as Record<string, unknown>;
  if (k.type !== undefined && k.type !== 'service_account')
    throw userError(
      `is a key of type "${String(k.type)}", not a service account key`,
      field,
      'AccountValidationError',
    );
  if (typeof k.client_email !== 'string' || !k.client_email.includes('@'))
    throw userError('has no client_email', field, 'AccountValidationError');
  if (typeof k.private_key !== 'string' || !k.private_key.includes('PRIVATE KEY'))
    throw userError('has no private_key (PEM)', field, 'AccountValidationError');
  return {
    client_email: k.client_email,
    private_key: k.private_key,
    private_key_id: typeof k.private_key_id === 'string' ? k.private_key_id : undefined,
    token_uri: typeof k.token_uri === 'string' ? k.token_uri : undefined,
  };
}

export interface AssertionOptions {
  key: ServiceAccountKey;
  scope: string;
  /** The token URL: Google wants it as the audience. */
  audience: string;
  /** A user of the domain to act as (domain-wide delegation). */
  subject?: string;
  now: number;
}

/** The signed JWT (header.claims.signature, base64url). */
export function serviceAccountAssertion(o: AssertionOptions): string {
  const iat = Math.floor(o.now / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(o.key.private_key_id ? { kid: o.key.private_key_id } : {}) };
  const claims = {
    iss: o.key.client_email,
    scope: o.scope,
    aud: o.audience,
    iat,
    exp: iat + LIFETIME_S,
    ...(o.subject ? { sub: o.subject } : {}),
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  let signature: Buffer;
  try {
    signature = createSign('RSA-SHA256').update(input).sign(o.key.private_key);
  } catch {
    throw userError(
      'has a private_key that cannot sign (not a valid RSA key)',
      'serviceAccountKey',
      'AccountValidationError',
    );
  }
  return `${input}.${signature.toString('base64url')}`;
}

function b64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
