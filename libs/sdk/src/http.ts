// The HTTP client every module uses. The engine implements it once (timeouts, retries,
// redaction of connection secrets, size limits, the private-network guard).

export type QueryValue = string | number | boolean | null | undefined | Array<string | number | boolean>;

export type HttpBody =
  | { type: 'json'; data: unknown }
  | { type: 'form'; data: Record<string, unknown> }
  | { type: 'multipart'; parts: MultipartPart[] }
  | { type: 'raw'; data: string | Uint8Array; contentType?: string };

export interface MultipartPart {
  name: string;
  value: string | Uint8Array;
  filename?: string;
  contentType?: string;
}

export interface RetryPolicy {
  /** Attempts after the first one (0 = no retry). */
  retries: number;
  /** First backoff in ms; doubles each attempt unless Retry-After says otherwise. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /**
   * Also retry POST/PATCH on failures the server may have processed (5xx other than 503,
   * network errors, timeouts). 429 and 503 are retried for every method. Default: true when
   * the request passes its own `retry`, false under the client's default policy.
   */
  nonIdempotent?: boolean;
}

export interface HttpRequest {
  method?: string;
  url: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  body?: HttpBody;
  timeoutMs?: number;
  followRedirects?: boolean;
  maxRedirects?: number;
  /** auto: JSON when the response says so, text for text types, bytes otherwise. */
  responseType?: 'auto' | 'json' | 'text' | 'binary';
  /** Retry 429/5xx/network errors; default from the client. false disables. */
  retry?: RetryPolicy | false;
  /** Throw a ModuleError on a non-2xx status (default true). */
  throwOnError?: boolean;
  /** Apply the module's connection (default true when the module has one). */
  auth?: boolean;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
  url: string;
}

export interface HttpClient {
  request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>>;
}

/** What a connection type may add to a request; everything it adds is treated as secret. */
export interface AuthTarget {
  headers: Record<string, string>;
  query: Record<string, string>;
}
