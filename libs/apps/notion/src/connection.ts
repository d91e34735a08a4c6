import { baseUrlField } from '@integrator/apps/app-kit';
import { defineConnectionType, field, ModuleError, userError } from '@integrator/sdk';
import { callNotion } from './api';

export const NOTION_BASE_URL = 'https://api.notion.com/v1';
/** The API version every request names (Notion refuses a request without one). */
export const NOTION_VERSION = '2022-06-28';

export const notionConnectionType = defineConnectionType({
  key: 'notion',
  label: 'Notion (internal integration)',
  description:
    'An internal integration token (Settings → Connections → Develop or manage integrations). Share each page or database with the integration in Notion.',
  fields: {
    token: field.text({ label: 'Internal integration token', required: true, secret: true }),
    baseUrl: baseUrlField(NOTION_BASE_URL),
  },
  authenticate: (credentials, target) => {
    target.headers['Authorization'] = `Bearer ${credentials.token.trim()}`;
    target.headers['Notion-Version'] = NOTION_VERSION;
  },
  baseUrl: (credentials) => (credentials.baseUrl?.trim() || NOTION_BASE_URL).replace(/\/+$/, ''),
  verify: async ({ http }) => {
    try {
      await callNotion(http, { method: 'GET', path: '/users/me' });
    } catch (err) {
      if (err instanceof ModuleError && err.status === 401)
        throw userError('Notion rejected the token (401)', 'token', 'AccountValidationError');
      throw err;
    }
  },
  // Notion allows an average of three requests a second per integration.
  rateLimit: { requests: 3, perMs: 1000 },
});

const base = (c: { baseUrl?: string }) => (c.baseUrl?.trim() || NOTION_BASE_URL).replace(/\/+$/, '');

/** A public integration: a person picks the pages to share at Notion; the token comes from OAuth 2.0. */
export const notionOAuthConnectionType = defineConnectionType({
  key: 'notion-oauth',
  label: 'Notion (OAuth 2.0)',
  description:
    'A public integration’s OAuth client (its client ID and secret): authorise it in Notion and pick the pages to share.',
  fields: {
    clientId: field.text({ label: 'OAuth client ID', required: true }),
    clientSecret: field.text({ label: 'OAuth client secret', required: true, secret: true }),
    accessToken: field.text({
      label: 'Access token',
      secret: true,
      advanced: true,
      help: 'Filled in by the authorisation.',
    }),
    refreshToken: field.text({
      label: 'Refresh token',
      secret: true,
      advanced: true,
      help: 'Filled in by the authorisation.',
    }),
    baseUrl: baseUrlField(NOTION_BASE_URL),
  },
  authenticate: (credentials, target) => {
    const token = credentials.accessToken?.trim();
    if (!token)
      throw userError('authorise the connection with Notion first', 'accessToken', 'AccountValidationError');
    target.headers['Authorization'] = `Bearer ${token}`;
    target.headers['Notion-Version'] = NOTION_VERSION;
  },
  baseUrl: base,
  verify: async ({ http }) => {
    try {
      await callNotion(http, { method: 'GET', path: '/users/me' });
    } catch (err) {
      if (err instanceof ModuleError && err.status === 401)
        throw userError(
          'Notion rejected the token (401): authorise again',
          'accessToken',
          'AccountValidationError',
        );
      throw err;
    }
  },
  oauth2: {
    grant: 'authorization_code',
    // developers.notion.com/docs/authorization: `owner=user` is required on the authorize URL;
    // the token endpoint takes JSON and the client's id and secret as HTTP Basic.
    authorizeUrl: (c) => `${base(c)}/oauth/authorize?owner=user`,
    tokenUrl: (c) => `${base(c)}/oauth/token`,
    tokenRequest: { body: 'json', clientAuth: 'basic' },
  },
  rateLimit: { requests: 3, perMs: 1000 },
});
