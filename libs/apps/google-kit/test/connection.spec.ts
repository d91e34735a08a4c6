import { generateKeyPairSync } from 'node:crypto';
import { createHttpClient, exchangeCode, FakeClock, needsToken, obtainToken } from '@integrator/engine';
import type { ConnectionTypeDefinition } from '@integrator/sdk';
import { googleConnectionType, googleError, googleServiceAccountConnectionType, scopeOf } from '../src';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  SERVICE_EMAIL,
  startFakeGoogleAuth,
  type FakeGoogleAuth,
} from './fake-google-auth';

const { publicKey, privateKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const now = () => Date.UTC(2026, 0, 1);
const plain = createHttpClient({});

let fake: FakeGoogleAuth;
beforeEach(async () => {
  fake = await startFakeGoogleAuth(publicKey);
});
afterEach(() => fake.close());

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function verifyWith(type: ConnectionTypeDefinition<any>, credentials: Record<string, unknown>) {
  const http = createHttpClient({
    connection: { id: 1, type: type.key, credentials },
    connectionType: type,
    clock: new FakeClock(0, { autoAdvance: true }),
  });
  return type.verify!({ credentials, http });
}

describe('Google OAuth 2.0 (authorization code, offline)', () => {
  const credentials = () => ({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    apps: ['drive', 'gmail'],
    tokenUrl: `${fake.url}/token`,
    baseUrl: fake.url,
  });

  test('asks offline access with consent, and the chosen apps’ scopes', () => {
    const o = googleConnectionType.oauth2!;
    expect(o.authorizeUrl!(credentials())).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    expect(o.authorizeParams!(credentials())).toEqual({
      access_type: 'offline',
      prompt: 'consent',
      include_granted_scopes: 'true',
    });
    expect(o.scope!(credentials())).toBe(
      'https://www.googleapis.com/auth/drive https://www.googleapis.com/auth/gmail.send https://www.googleapis.com/auth/gmail.modify',
    );
    expect(scopeOf(['sheets'])).toBe(
      'https://www.googleapis.com/auth/spreadsheets https://www.googleapis.com/auth/drive.readonly',
    );
    expect(o.tokenUrl({ ...credentials(), tokenUrl: '' })).toBe('https://oauth2.googleapis.com/token');
  });

  test('the code is exchanged, the token refreshed with the refresh token, and the connection verified', async () => {
    const scope = googleConnectionType.oauth2!.scope!(credentials())!;
    const code = fake.issueCode('https://integrator.test/api/oauth/callback', scope);
    const tokens = await exchangeCode(
      googleConnectionType,
      credentials(),
      code,
      'https://integrator.test/api/oauth/callback',
      plain,
      now,
    );
    expect(tokens.refreshToken).toMatch(/^1\/\//);
    expect(tokens.expiresAt).toBe(now() + 3599_000);
    expect(fake.requests[0].form?.get('grant_type')).toBe('authorization_code');

    // A second use of the code fails, as at Google.
    await expect(
      exchangeCode(
        googleConnectionType,
        credentials(),
        code,
        'https://integrator.test/api/oauth/callback',
        plain,
        now,
      ),
    ).rejects.toThrow('invalid_grant');

    const stored = { ...credentials(), accessToken: tokens.accessToken, refreshToken: tokens.refreshToken };
    await expect(verifyWith(googleConnectionType, stored)).resolves.toBeUndefined();
    expect(fake.requests.at(-1)).toMatchObject({
      url: '/drive/v3/about?fields=user',
      headers: { authorization: `Bearer ${tokens.accessToken}` },
    });

    // Near expiry the server refreshes; the refresh token stays the same (Google sends none back).
    expect(needsToken(googleConnectionType, stored, now() + 60_000, now())).toBe(true);
    const fresh = await obtainToken(googleConnectionType, stored, plain, now);
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    expect(fresh.refreshToken).toBeUndefined();
    expect(fake.requests.at(-1)!.form?.get('grant_type')).toBe('refresh_token');

    fake.refreshTokens.clear();
    await expect(obtainToken(googleConnectionType, stored, plain, now)).rejects.toMatchObject({
      type: 'AccountValidationError',
      message: expect.stringContaining('invalid_grant'),
    });
  });

  test('a revoked token fails verification as an account error; no token at all says to authorise', async () => {
    await expect(
      verifyWith(googleConnectionType, { ...credentials(), accessToken: 'ya29.revoked' }),
    ).rejects.toMatchObject({
      type: 'AccountValidationError',
      status: 401,
      message: 'Google: Request had invalid authentication credentials. (UNAUTHENTICATED)',
    });
    await expect(verifyWith(googleConnectionType, credentials())).rejects.toThrow(
      'authorise it from Connections',
    );
  });
});

describe('Google service account (JWT bearer)', () => {
  const key = (extra: Record<string, unknown> = {}) =>
    JSON.stringify({
      type: 'service_account',
      client_email: SERVICE_EMAIL,
      private_key: privateKey,
      private_key_id: 'kid-1',
      token_uri: `${fake.url}/token`,
      ...extra,
    });
  const credentials = (extra: Record<string, unknown> = {}) => ({
    serviceAccountKey: key(),
    subject: 'boss@example.com',
    apps: ['drive'],
    baseUrl: fake.url,
    ...extra,
  });

  test('signs an RS256 assertion the token endpoint verifies with the public key, then calls with the token', async () => {
    const c = credentials();
    expect(needsToken(googleServiceAccountConnectionType, c, null, now())).toBe(true);
    const token = await obtainToken(googleServiceAccountConnectionType, c, plain, now);
    expect(token.expiresAt).toBe(now() + 3599_000);
    expect(fake.assertions[0]).toEqual({
      header: { alg: 'RS256', typ: 'JWT', kid: 'kid-1' },
      claims: {
        iss: SERVICE_EMAIL,
        sub: 'boss@example.com',
        scope: 'https://www.googleapis.com/auth/drive',
        aud: `${fake.url}/token`,
        iat: now() / 1000,
        exp: now() / 1000 + 3600,
      },
    });
    const withToken = { ...c, accessToken: token.accessToken };
    // Cached: no new token until it nears expiry.
    expect(needsToken(googleServiceAccountConnectionType, withToken, token.expiresAt!, now())).toBe(false);
    await expect(verifyWith(googleServiceAccountConnectionType, withToken)).resolves.toBeUndefined();
  });

  test('a key signed by another private key is refused by the token endpoint', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    const c = credentials({ serviceAccountKey: key({ private_key: other }) });
    await expect(obtainToken(googleServiceAccountConnectionType, c, plain, now)).rejects.toMatchObject({
      type: 'AccountValidationError',
      message: expect.stringContaining('Invalid JWT Signature.'),
    });
  });

  test('a pasted text that is not a service account key names the field', async () => {
    for (const bad of [
      'not json',
      JSON.stringify({ type: 'authorized_user' }),
      JSON.stringify({ client_email: 'a@b' }),
    ])
      await expect(
        obtainToken(googleServiceAccountConnectionType, credentials({ serviceAccountKey: bad }), plain, now),
      ).rejects.toMatchObject({ field: 'serviceAccountKey', type: 'AccountValidationError' });
  });
});

describe('googleError', () => {
  test('maps Google’s error body to Make’s error types', () => {
    const body = (code: number, status: string, reason?: string, location?: string) => ({
      error: {
        code,
        message: 'msg',
        status,
        errors: reason ? [{ reason, location, locationType: location ? 'parameter' : undefined }] : undefined,
      },
    });
    expect(googleError(429, body(429, 'RESOURCE_EXHAUSTED'), { 'retry-after': '7' })).toMatchObject({
      kind: 'transient',
      type: 'RateLimitError',
      retryAfterMs: 7000,
    });
    expect(googleError(403, body(403, 'PERMISSION_DENIED', 'userRateLimitExceeded'))).toMatchObject({
      type: 'RateLimitError',
    });
    expect(googleError(403, body(403, 'PERMISSION_DENIED', 'insufficientPermissions'))).toMatchObject({
      kind: 'user',
      type: 'AccountValidationError',
    });
    expect(googleError(400, body(400, 'INVALID_ARGUMENT', 'invalid', 'q'), {}, { q: 'query' })).toMatchObject(
      {
        kind: 'user',
        type: 'DataError',
        field: 'query',
        message: 'Google: msg (INVALID_ARGUMENT)',
      },
    );
    expect(googleError(503, body(503, 'UNAVAILABLE'))).toMatchObject({
      kind: 'transient',
      type: 'ConnectionError',
    });
  });
});
