import { baseUrlField } from '@integrator/apps/app-kit';
import { defineConnectionType, field, ModuleError, userError } from '@integrator/sdk';
import { callAirtable } from './api';

export const DEFAULT_BASE_URL = 'https://api.airtable.com';

export const airtableConnectionType = defineConnectionType({
  key: 'airtable',
  label: 'Airtable',
  description: 'An Airtable personal access token (airtable.com/create/tokens) with data.records scopes.',
  fields: {
    token: field.text({
      label: 'Personal access token',
      required: true,
      secret: true,
      pattern: '^\\s*pat\\S+\\s*$',
    }),
    baseUrl: baseUrlField('https://api.airtable.com'),
  },
  authenticate: (c, target) => {
    target.headers['Authorization'] = `Bearer ${c.token.trim()}`;
  },
  baseUrl: (c) => (c.baseUrl?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, ''),
  verify: async ({ http }) => {
    try {
      await callAirtable(http, { method: 'GET', url: '/v0/meta/whoami' });
    } catch (err) {
      if (err instanceof ModuleError && err.status === 401)
        throw userError('Airtable rejected the token (401)', 'token', 'AccountValidationError');
      throw err;
    }
  },
  rateLimit: { requests: 5, perMs: 1000 },
});
