import { defineConnectionType, field, ModuleError, userError } from '@integrator/sdk';
import { callProfitWell } from './api';
import { DEFAULT_BASE_URL } from './constants';

export const profitwellConnectionType = defineConnectionType({
  key: 'profitwell',
  label: 'ProfitWell',
  description:
    'ProfitWell Metrics API v2 with your private API token (Account Settings → Integrations → API Keys / Dev Kit).',
  fields: {
    token: field.text({ label: 'Private API token', required: true, secret: true }),
    baseUrl: field.text({
      label: 'Base URL',
      help: 'Leave empty for https://api.profitwell.com; set it only for a proxy or a test server.',
      advanced: true,
      pattern: '^https?://[^\\s]+$',
    }),
  },
  // ProfitWell takes the raw token, without "Bearer" or any scheme (reference §1).
  authenticate: (credentials, target) => {
    target.headers['Authorization'] = credentials.token.trim();
  },
  baseUrl: (credentials) => (credentials.baseUrl?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, ''),
  verify: async ({ http }) => {
    try {
      // 200 when the API is up and the token is good; the body is unknown (reference §7.7), so only the status counts.
      await callProfitWell(http, { method: 'GET', path: '/v2/api-status/' });
    } catch (err) {
      if (err instanceof ModuleError && err.status === 401) {
        throw userError('ProfitWell rejected the API token (401)', 'token', 'AccountValidationError');
      }
      throw err;
    }
  },
  rateLimit: { requests: 25, perMs: 5000 },
});
