import type {
  Clock,
  ConnectionTypeDefinition,
  FieldMap,
  Logger,
  ResolvedConnection,
  RetryPolicy,
} from '@integrator/sdk';
import type { RateLimiter } from './rate-limiter';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all of its addresses (dns.lookup by default; tests pass their own). */
export type HostLookup = (hostname: string) => Promise<ResolvedAddress[]>;

/** One outgoing request (each attempt and each redirect hop), redacted, for execution logs. */
export interface HttpLogEntry {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBytes: number;
  /** 1-based attempt number (retries start at 2). */
  attempt: number;
  /** Redirect hop within the attempt (0 = the request itself). */
  hop: number;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBytes?: number;
  durationMs: number;
  error?: string;
}

export interface HttpClientOptions {
  connection?: ResolvedConnection;
  /** Applies authenticate() and baseUrl(); everything authenticate() adds is redacted. */
  connectionType?: ConnectionTypeDefinition<FieldMap>;
  /**
   * An OAuth 2.0 connection with a fresh access token (refreshed even if not yet expiring): on a
   * 401 answer the client gets it once and sends the request again.
   */
  refreshConnection?: () => Promise<ResolvedConnection>;
  /** Overrides connectionType.baseUrl() (tests, proxies). */
  baseUrl?: string;
  /** Per attempt, redirects and body included. Default 40 000 (Make's module timeout). */
  timeoutMs?: number;
  /** Default { retries: 3, baseDelayMs: 500, maxDelayMs: 30 000 }; false disables. */
  retry?: RetryPolicy | false;
  /** Default 10 MB; a larger response is a MaxFileSizeExceededError. */
  maxResponseBytes?: number;
  /** Refuse loopback, private, link-local and metadata addresses (hosted installations). */
  blockPrivateNetworks?: boolean;
  /** Hosts (names or IP literals) the guard lets through: internal services the operator trusts. */
  allowPrivateHosts?: string[];
  /** Host name resolution used at connect time (tests simulate DNS with it). */
  lookup?: HostLookup;
  /** Shared per connection; defaults to a limiter of this client when the type declares rateLimit. */
  limiter?: RateLimiter;
  /** Backoff and Retry-After waits go through clock.sleep. */
  clock?: Clock;
  signal?: AbortSignal;
  logger?: Logger;
  onRequest?: (entry: HttpLogEntry) => void;
}
