export {
  createHttpClient,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_TIMEOUT_MS,
} from './client';
export { createHttpClientFactory, type HttpClientFactoryOptions } from './factory';
export { exchangeCode, needsToken, obtainToken, REFRESH_MARGIN_MS } from './connection-tokens';
export { fetchOAuth2ClientCredentialsToken, type ClientCredentialsOptions, type OAuth2Token } from './oauth2';
export { isBlockedAddress, PrivateNetworkError } from './private-network';
export { RateLimiter, RateLimiterRegistry } from './rate-limiter';
export { redact } from './redact';
export { DEFAULT_RETRY, MAX_RETRY_AFTER_MS } from './retry';
export type { HostLookup, HttpClientOptions, HttpLogEntry, ResolvedAddress } from './types';
