import { defineApp } from '@integrator/sdk';
import { genericConnectionTypes } from './connections';
import { getFile } from './get-file';
import { makeRequest } from './make-request';

export {
  apiKeyConnection,
  basicConnection,
  bearerConnection,
  clientCertificateConnection,
  GENERIC_CONNECTION_KEYS,
  genericConnectionTypes,
  oauth2AuthorizationCodeConnection,
  oauth2ClientCredentialsConnection,
} from './connections';
export { getFile } from './get-file';
export { makeRequest } from './make-request';

// A globe (24x24, currentColor), in the style of the built-in icons.
const icon =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="12" cy="12" r="10"/><path d="M2 12h20"/><path d="M12 2a15.3 15.3 0 0 1 4 10 15.3 15.3 0 0 1-4 10 15.3 15.3 0 0 1-4-10 15.3 15.3 0 0 1 4-10z"/></svg>';

export const httpApp = defineApp({
  key: 'http',
  label: 'HTTP',
  description:
    'Call any HTTP API, with generic API key, bearer, basic, OAuth 2.0 and client certificate connections.',
  icon,
  color: '#2563eb',
  modules: [makeRequest, getFile],
  connectionTypes: genericConnectionTypes,
});
