// The Google connection Sheets, Drive and Gmail share. Not an app: nothing here is registered in
// libs/apps/index.ts; each Google app lists these connection types.
export {
  DEFAULT_AUTHORIZE_URL,
  GOOGLE_CONNECTION_TYPES,
  GOOGLE_HOSTS,
  GOOGLE_SCOPES,
  googleConnectionType,
  googleServiceAccountConnectionType,
  googleUrl,
  requireGoogleApp,
  scopeOf,
  type GoogleApp,
} from './connection';
export { callGoogle, googleError, type GoogleRequest } from './errors';
export {
  DEFAULT_TOKEN_URL,
  parseServiceAccountKey,
  serviceAccountAssertion,
  type ServiceAccountKey,
} from './service-account';
export { googleApiCall } from './api-call';
