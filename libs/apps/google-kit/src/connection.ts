import {
  defineConnectionType,
  field,
  ModuleError,
  options,
  type HttpClient,
  type ResolvedConnection,
} from '@integrator/sdk';
import { callGoogle } from './errors';
import { DEFAULT_TOKEN_URL, parseServiceAccountKey, serviceAccountAssertion } from './service-account';

// One Google connection serves Sheets, Drive and Gmail (as Make's "Google" connections do): the
// person picks which apps it may use, and the scopes follow. Two credential options, two types:
// `google` (OAuth 2.0 authorization code with offline access, refreshed with the refresh token)
// and `google-service-account` (a service account's JSON key; JWT bearer grant).

export const GOOGLE_CONNECTION_TYPES = ['google', 'google-service-account'];
export const DEFAULT_AUTHORIZE_URL = 'https://accounts.google.com/o/oauth2/v2/auth';

/** Google's scopes per app (each app's API reference, "Authorization scopes"). */
export const GOOGLE_SCOPES = {
  // Listing spreadsheets goes through Drive, read-only.
  sheets: ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive.readonly'],
  drive: ['https://www.googleapis.com/auth/drive'],
  // modify includes reading (and marking as read); send alone cannot read.
  gmail: ['https://www.googleapis.com/auth/gmail.send', 'https://www.googleapis.com/auth/gmail.modify'],
} as const;
export type GoogleApp = keyof typeof GOOGLE_SCOPES;

/** The hosts of Google's APIs; a connection's Base URL replaces all of them (a proxy, a test server). */
export const GOOGLE_HOSTS = {
  sheets: 'https://sheets.googleapis.com',
  drive: 'https://www.googleapis.com',
  gmail: 'https://gmail.googleapis.com',
} as const;

const appsField = field.select({
  label: 'Used by',
  help: 'The apps this connection may use; Google asks consent for their scopes.',
  options: options(['sheets', 'Google Sheets'], ['drive', 'Google Drive'], ['gmail', 'Gmail']),
  multiple: true,
  default: ['sheets', 'drive', 'gmail'],
});
const baseUrlField = field.text({
  label: 'Base URL',
  help: 'Leave empty for Google’s own hosts; set it only for a proxy or a test server (every API call goes there, path kept).',
  advanced: true,
  pattern: '^https?://[^\\s]+$',
});
const urlField = (label: string, fallback: string) =>
  field.text({ label, help: `Leave empty for ${fallback}.`, advanced: true, pattern: '^https?://[^\\s]+$' });

/** The scope text for the chosen apps (all three when none is chosen). */
export function scopeOf(apps: unknown): string {
  const chosen = (Array.isArray(apps) && apps.length ? apps : Object.keys(GOOGLE_SCOPES)) as GoogleApp[];
  return [...new Set(chosen.flatMap((a) => GOOGLE_SCOPES[a] ?? []))].join(' ');
}

/** The absolute URL of a Google API path (e.g. `/drive/v3/files`) for this connection. */
export function googleUrl(
  connection: ResolvedConnection | undefined,
  api: keyof typeof GOOGLE_HOSTS,
  path: string,
) {
  const base = String(connection?.credentials.baseUrl ?? '').trim();
  return `${(base || GOOGLE_HOSTS[api]).replace(/\/+$/, '')}${path}`;
}

// The access token is not a field: the server (or the CLI) fetches it and adds it to the credentials.
const bearer = (credentials: object, target: { headers: Record<string, string> }) => {
  const c = credentials as { accessToken?: unknown };
  if (typeof c.accessToken !== 'string' || !c.accessToken)
    throw new ModuleError('the Google connection has no access token yet: authorise it from Connections', {
      kind: 'user',
      type: 'AccountValidationError',
    });
  target.headers['Authorization'] = `Bearer ${c.accessToken}`;
};

// A cheap call that needs only the chosen scopes: Drive's about (Sheets' drive.readonly suffices),
// else Gmail's profile.
async function verifyGoogle(http: HttpClient, credentials: Record<string, unknown>): Promise<void> {
  const apps = (
    Array.isArray(credentials.apps) && credentials.apps.length ? credentials.apps : ['drive']
  ) as string[];
  const connection = { id: 0, type: 'google', credentials };
  if (apps.includes('drive') || apps.includes('sheets'))
    await callGoogle(http, {
      method: 'GET',
      url: googleUrl(connection, 'drive', '/drive/v3/about'),
      query: { fields: 'user' },
    });
  else
    await callGoogle(http, {
      method: 'GET',
      url: googleUrl(connection, 'gmail', '/gmail/v1/users/me/profile'),
    });
}

export const googleConnectionType = defineConnectionType({
  key: 'google',
  label: 'Google (OAuth 2.0)',
  description:
    'An OAuth client of your Google Cloud project (APIs & Services → Credentials → OAuth client ID, type Web application, redirect URI …/api/oauth/callback), then Authorise.',
  fields: {
    clientId: field.text({ label: 'Client ID', required: true }),
    clientSecret: field.text({ label: 'Client secret', required: true, secret: true }),
    apps: appsField,
    authorizeUrl: urlField('Authorization URL', DEFAULT_AUTHORIZE_URL),
    tokenUrl: urlField('Token URL', DEFAULT_TOKEN_URL),
    baseUrl: baseUrlField,
  },
  authenticate: bearer,
  baseUrl: (c) => (c.baseUrl?.trim() || GOOGLE_HOSTS.drive).replace(/\/+$/, ''),
  oauth2: {
    grant: 'authorization_code',
    authorizeUrl: (c) => c.authorizeUrl?.trim() || DEFAULT_AUTHORIZE_URL,
    tokenUrl: (c) => c.tokenUrl?.trim() || DEFAULT_TOKEN_URL,
    scope: (c) => scopeOf(c.apps),
    // A refresh token is given only with offline access, and again only with prompt=consent.
    authorizeParams: () => ({ access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' }),
  },
  verify: ({ http, credentials }) => verifyGoogle(http, credentials),
});

export const googleServiceAccountConnectionType = defineConnectionType({
  key: 'google-service-account',
  label: 'Google (service account)',
  description:
    'A service account’s JSON key (IAM & Admin → Service accounts → Keys → Add key → JSON). Share the files or sheets with its e-mail address, or let it act as a user of your Workspace domain (domain-wide delegation; needed for Gmail).',
  fields: {
    serviceAccountKey: field.text({ label: 'JSON key file', required: true, secret: true, multiline: true }),
    subject: field.text({
      label: 'Act as user (e-mail)',
      help: 'With domain-wide delegation: the Workspace user the service account acts for.',
    }),
    apps: appsField,
    tokenUrl: urlField('Token URL', 'the key’s token_uri'),
    baseUrl: baseUrlField,
  },
  authenticate: bearer,
  baseUrl: (c) => (c.baseUrl?.trim() || GOOGLE_HOSTS.drive).replace(/\/+$/, ''),
  oauth2: {
    grant: 'jwt_bearer',
    tokenUrl: (c) => tokenUrlOf(c),
    scope: (c) => scopeOf(c.apps),
    assertion: (c, now) =>
      serviceAccountAssertion({
        key: parseServiceAccountKey(c.serviceAccountKey),
        scope: scopeOf(c.apps),
        audience: tokenUrlOf(c),
        subject: c.subject?.trim() || undefined,
        now,
      }),
  },
  verify: ({ http, credentials }) => verifyGoogle(http, credentials),
});

function tokenUrlOf(c: { tokenUrl?: string; serviceAccountKey: string }): string {
  return c.tokenUrl?.trim() || parseServiceAccountKey(c.serviceAccountKey).token_uri || DEFAULT_TOKEN_URL;
}

const APP_LABELS: Record<GoogleApp, string> = {
  sheets: 'Google Sheets',
  drive: 'Google Drive',
  gmail: 'Gmail',
};

/**
 * Fails before the call when the connection was not set up for this app (its token lacks the
 * scopes): Google's own answer, a bare 403, would not say what to do.
 */
export function requireGoogleApp(connection: ResolvedConnection | undefined, app: GoogleApp): void {
  const apps = connection?.credentials.apps;
  if (Array.isArray(apps) && apps.length && !apps.includes(app))
    throw new ModuleError(
      `connection: the Google connection is not set up for ${APP_LABELS[app]}; add it under “Used by” and authorise again`,
      { kind: 'user', type: 'AccountValidationError', field: 'connection' },
    );
}
