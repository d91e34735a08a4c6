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
];

export const GENERIC_CONNECTION_KEYS = genericConnectionTypes.map((t) => t.key);
