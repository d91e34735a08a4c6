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
    baseUrl: field.text({
      label: 'Base URL',
      help: `Leave empty for ${NOTION_BASE_URL}; set it only for a proxy or a test server.`,
      advanced: true,
      pattern: '^https?://[^\\s]+$',
    }),
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
