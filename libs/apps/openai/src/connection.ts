import { baseUrlField } from '@integrator/apps/app-kit';
import { defineConnectionType, field, ModuleError, userError } from '@integrator/sdk';
import { callOpenAi } from './api';

export const DEFAULT_BASE_URL = 'https://api.openai.com';

export const openAiConnectionType = defineConnectionType({
  key: 'openai',
  label: 'OpenAI',
  description: 'An OpenAI API key (platform.openai.com/api-keys), and optionally the organization it bills.',
  fields: {
    apiKey: field.text({ label: 'API key', required: true, secret: true }),
    organization: field.text({
      label: 'Organization ID',
      placeholder: 'org-…',
      pattern: '^\\s*(org-\\S+)?\\s*$',
    }),
    baseUrl: baseUrlField('https://api.openai.com', 'for a proxy, a compatible server or a test server'),
  },
  authenticate: (c, target) => {
    target.headers['Authorization'] = `Bearer ${c.apiKey.trim()}`;
    if (c.organization?.trim()) target.headers['OpenAI-Organization'] = c.organization.trim();
  },
  baseUrl: (c) => (c.baseUrl?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, ''),
  verify: async ({ http }) => {
    try {
      await callOpenAi(http, { method: 'GET', url: '/v1/models' });
    } catch (err) {
      if (err instanceof ModuleError && err.status === 401)
        throw userError(err.message.replace(/sk-\S+/g, 'sk-…'), 'apiKey', 'AccountValidationError');
      throw err;
    }
  },
});
