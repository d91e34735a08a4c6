import { createSecureContext } from 'node:tls';
import {
  defineConnectionType,
  field,
  ModuleError,
  options,
  type ConnectionTypeDefinition,
  type FieldMap,
  type HttpClient,
} from '@integrator/sdk';
// The lead re-exports the engine's HTTP module from @integrator/engine; until then, by path.
import { fetchOAuth2ClientCredentialsToken } from '@integrator/engine';

// Generic connection types: any API that takes a key, a token, a password or OAuth2 works
// with the HTTP app (and with apps that reuse these types) without writing code.

const baseUrl = field.text({
  label: 'Base URL',
  help: 'Relative request URLs resolve against it; also what Verify calls.',
  advanced: true,
});

function needed(value: unknown, name: string): string {
  if (typeof value === 'string' && value !== '') return value;
  throw new ModuleError(`the connection has no ${name}: edit or reauthorize it`, {
    kind: 'user',
    type: 'AccountValidationError',
    field: name,
  });
}

/** Verify for types without a known test endpoint: the base URL must not refuse the credentials. */
async function verifyAgainstBaseUrl({
  credentials,
  http,
}: {
  credentials: { baseUrl?: string };
  http: HttpClient;
}): Promise<void> {
  if (!credentials.baseUrl) return;
  const res = await http.request({ url: credentials.baseUrl, throwOnError: false, retry: false });
  if (res.status === 401 || res.status === 403) {
    throw new ModuleError(`the server refused these credentials (${res.status})`, {
      kind: 'user',
      type: 'AccountValidationError',
      status: res.status,
    });
  }
}

const fromBaseUrl = (c: { baseUrl?: string }) => c.baseUrl || undefined;

export const apiKeyConnection = defineConnectionType({
  key: 'apiKey',
  label: 'API key',
  description: 'A key sent in a header or a query parameter.',
  fields: {
    name: field.text({
      label: 'Key name',
      required: true,
      placeholder: 'X-API-Key',
      help: 'The header or query parameter name.',
    }),
    value: field.text({ label: 'API key', required: true, secret: true }),
    placement: field.select({
      label: 'Send in',
      options: options(['header', 'Header'], ['query', 'Query string']),
      default: 'header',
    }),
    baseUrl,
  },
  authenticate: (c, target) => {
    const name = needed(c.name, 'name');
    if (c.placement === 'query') target.query[name] = needed(c.value, 'value');
    else target.headers[name] = needed(c.value, 'value');
  },
  baseUrl: fromBaseUrl,
  verify: verifyAgainstBaseUrl,
});

export const bearerConnection = defineConnectionType({
  key: 'bearer',
  label: 'Bearer token',
  description: 'Authorization: Bearer <token>.',
  fields: { token: field.text({ label: 'Token', required: true, secret: true }), baseUrl },
  authenticate: (c, target) => void (target.headers.Authorization = `Bearer ${needed(c.token, 'token')}`),
  baseUrl: fromBaseUrl,
  verify: verifyAgainstBaseUrl,
});

export const basicConnection = defineConnectionType({
  key: 'basic',
  label: 'Basic auth',
  description: 'User name and password (HTTP Basic).',
  fields: {
    username: field.text({ label: 'User name', required: true }),
    password: field.text({ label: 'Password', secret: true }),
    baseUrl,
  },
  authenticate: (c, target) => {
    const user = needed(c.username, 'username');
    target.headers.Authorization = `Basic ${Buffer.from(`${user}:${c.password ?? ''}`, 'utf8').toString('base64')}`;
  },
  baseUrl: fromBaseUrl,
  verify: verifyAgainstBaseUrl,
});

export const clientCertificateConnection = defineConnectionType({
  key: 'clientCertificate',
  label: 'Client certificate',
  description: 'Mutual TLS: a certificate and its private key (PEM) presented to the server.',
  fields: {
    cert: field.text({ label: 'Certificate (PEM)', required: true, multiline: true }),
    key: field.text({ label: 'Private key (PEM)', required: true, secret: true, multiline: true }),
    passphrase: field.text({ label: 'Key passphrase', secret: true, help: 'When the key is encrypted.' }),
    ca: field.text({
      label: 'Server CA (PEM)',
      multiline: true,
      advanced: true,
      help: "Trust only this CA for the server's certificate (a self-signed server, say).",
    }),
    baseUrl,
  },
  tls: (c) => ({
    cert: needed(c.cert, 'cert'),
    key: needed(c.key, 'key'),
    ...(c.passphrase ? { passphrase: c.passphrase } : {}),
    ...(c.ca ? { ca: c.ca } : {}),
  }),
  baseUrl: fromBaseUrl,
  verify: async (context) => {
    const c = context.credentials;
    try {
      // Parses both PEMs and checks that the key belongs to the certificate (and the passphrase).
      createSecureContext({
        cert: c.cert,
        key: c.key,
        passphrase: c.passphrase || undefined,
        ca: c.ca || undefined,
      });
    } catch (err) {
      throw new ModuleError(`the certificate or key cannot be used: ${tlsReason(err)}`, {
        kind: 'user',
        type: 'AccountValidationError',
      });
    }
    await verifyAgainstBaseUrl(context);
  },
});

// OpenSSL's messages name the problem without quoting the key; keep just that part.
function tlsReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/bad decrypt|passphrase/i.test(message)) return 'the passphrase is wrong or missing';
  if (/key values mismatch/i.test(message)) return 'the private key does not belong to the certificate';
  return message.split('\n')[0].slice(0, 200);
}

const filledByVault = 'Filled in when the connection is authorized; never shown.';

export const oauth2ClientCredentialsConnection = defineConnectionType({
  key: 'oauth2ClientCredentials',
  label: 'OAuth 2.0 (client credentials)',
  description: 'Machine-to-machine OAuth 2.0: the token is fetched and refreshed automatically.',
  fields: {
    tokenUrl: field.text({ label: 'Token URL', required: true }),
    clientId: field.text({ label: 'Client ID', required: true }),
    clientSecret: field.text({ label: 'Client secret', required: true, secret: true }),
    scope: field.text({ label: 'Scope', help: 'Space-separated.' }),
    audience: field.text({ label: 'Audience', advanced: true }),
    accessToken: field.text({ label: 'Access token', secret: true, advanced: true, help: filledByVault }),
    baseUrl,
  },
  authenticate: (c, target) =>
    void (target.headers.Authorization = `Bearer ${needed(c.accessToken, 'accessToken')}`),
  baseUrl: fromBaseUrl,
  // Fetching a token proves the client id and secret.
  verify: async ({ credentials: c, http }) => {
    await fetchOAuth2ClientCredentialsToken({
      tokenUrl: c.tokenUrl,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      scope: c.scope,
      audience: c.audience,
      http,
    });
  },
  oauth2: { grant: 'client_credentials', tokenUrl: (c) => c.tokenUrl, scope: (c) => c.scope || undefined },
});

export const oauth2AuthorizationCodeConnection = defineConnectionType({
  key: 'oauth2AuthorizationCode',
  label: 'OAuth 2.0 (authorization code)',
  description: 'A user signs in at the provider; the token is refreshed automatically.',
  fields: {
    authorizeUrl: field.text({ label: 'Authorization URL', required: true }),
    tokenUrl: field.text({ label: 'Token URL', required: true }),
    clientId: field.text({ label: 'Client ID', required: true }),
    clientSecret: field.text({ label: 'Client secret', required: true, secret: true }),
    scope: field.text({ label: 'Scope', help: 'Space-separated.' }),
    accessToken: field.text({ label: 'Access token', secret: true, advanced: true, help: filledByVault }),
    refreshToken: field.text({ label: 'Refresh token', secret: true, advanced: true, help: filledByVault }),
    baseUrl,
  },
  authenticate: (c, target) =>
    void (target.headers.Authorization = `Bearer ${needed(c.accessToken, 'accessToken')}`),
  baseUrl: fromBaseUrl,
  verify: async (context) => {
    needed(context.credentials.accessToken, 'accessToken');
    await verifyAgainstBaseUrl(context);
  },
  oauth2: {
    grant: 'authorization_code',
    tokenUrl: (c) => c.tokenUrl,
    authorizeUrl: (c) => c.authorizeUrl,
    scope: (c) => c.scope || undefined,
  },
});

export const genericConnectionTypes: ConnectionTypeDefinition<FieldMap>[] = [
  apiKeyConnection,
  bearerConnection,
  basicConnection,
  oauth2ClientCredentialsConnection,
  oauth2AuthorizationCodeConnection,
  clientCertificateConnection,
];

export const GENERIC_CONNECTION_KEYS = genericConnectionTypes.map((t) => t.key);
