import { defineConnectionType, field } from '@integrator/sdk';

// TEMPORARY until the shared Google connection (libs/apps/google-kit) lands: a bearer access
// token pasted by hand, so the modules and their tests can run. Replaced by the kit's export.

export const GOOGLE_CONNECTION_TYPES = ['google'];

export const googleConnectionType = defineConnectionType({
  key: 'google',
  label: 'Google (access token)',
  description: 'An OAuth 2.0 access token with the spreadsheets scope.',
  fields: {
    accessToken: field.text({ label: 'Access token', required: true, secret: true }),
    baseUrl: field.text({ label: 'Sheets base URL', advanced: true, pattern: '^https?://[^\\s]+$' }),
  },
  authenticate: (c, target) => {
    target.headers['Authorization'] = `Bearer ${c.accessToken.trim()}`;
  },
});
