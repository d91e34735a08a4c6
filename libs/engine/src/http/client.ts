import {
  ModuleError,
  type Clock,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
  type Logger,
  type ResolvedConnection,
  type RetryPolicy,
} from '@integrator/sdk';
import type { Dispatcher } from 'undici';
import { systemClock } from '../runner/clock';
import { silentLogger } from '../runner/logger';
import { runChain, type HopRecord, type RawResponse } from './chain';
import { classifyFailure, type Failure } from './failures';
import {
  authMaterial,
  fieldSecretMaterial,
  prepareRequest,
  type AuthMaterial,
  type PreparedRequest,
} from './prepare';
import { RateLimiter } from './rate-limiter';
import { headersForLog, redact, redactDeep } from './redact';
import { guardSettings, type GuardSettings } from './private-network';
import { parseBody, statusError } from './response';
import {
  backoffMs,
  DEFAULT_RETRY,
  mayRetry,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  statusRetryability,
} from './retry';
import { agentFor } from './transport';
import type { HttpClientOptions, HttpLogEntry } from './types';

export const DEFAULT_TIMEOUT_MS = 40_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

type Outcome = { response: RawResponse } | { failure: Failure };

/** The one HTTP client modules get (DESIGN §4). */
export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  return new EngineHttpClient(options);
}

class EngineHttpClient implements HttpClient {
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly limiter?: RateLimiter;
  private dispatcher?: Dispatcher;
  private readonly guard?: GuardSettings;
  private auth?: Promise<AuthMaterial>;
  /** The options' connection, replaced when its access token is renewed after a 401. */
  private connection?: ResolvedConnection;

  constructor(private readonly options: HttpClientOptions) {
    this.connection = options.connection;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    const limit = options.connectionType?.rateLimit;
    this.limiter =
      options.limiter ??
      (limit && options.connection ? new RateLimiter(limit.requests, limit.perMs, this.clock) : undefined);
    this.guard = options.blockPrivateNetworks ? guardSettings(options.allowPrivateHosts) : undefined;
  }

  async request<T = unknown>(request: HttpRequest): Promise<HttpResponse<T>> {
    let auth =
      request.auth === false
        ? fieldSecretMaterial(this.connection, this.options.connectionType)
        : await this.authentication();
    const prepared = await prepareRequest(request, this.baseUrl());
    // Made on first use: a connection's client certificate may be incomplete (a user error).
    this.agent();
    const policy = this.policyFor(request);
    let renewed = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(prepared, request, auth, attempt);
      if (!renewed && request.auth !== false && this.mayRenew(outcome)) {
        // A token the service no longer takes (revoked, expired early): one fresh token, one more try.
        renewed = true;
        auth = await this.renew(auth);
        attempt--;
        continue;
      }
      const wait = this.retryWait(outcome, prepared.method, policy, attempt);
      if (wait === undefined) return this.finish<T>(outcome, prepared, request, auth.secrets, attempt - 1);
      this.logger.warn('http request will be retried', {
        attempt,
        waitMs: wait,
        reason: this.reason(outcome, auth.secrets),
      });
      await this.clock.sleep(wait, this.options.signal);
      if (this.options.signal?.aborted)
        throw new ModuleError('the request was cancelled', { kind: 'transient', type: 'ConnectionError' });
    }
  }

  private agent(): Dispatcher {
    this.dispatcher ??= agentFor(this.guard, this.options.lookup, this.tlsMaterial());
    return this.dispatcher;
  }

  // A client certificate authenticates the TLS handshake itself, so it lives in the agent.
  private tlsMaterial() {
    const { connection, connectionType } = this.options;
    if (!connection || !connectionType?.tls) return undefined;
    return connectionType.tls(connection.credentials as never);
  }

  private authentication(): Promise<AuthMaterial> {
    this.auth ??= authMaterial(this.connection, this.options.connectionType);
    return this.auth;
  }

  private mayRenew(outcome: Outcome): boolean {
    return (
      'response' in outcome &&
      outcome.response.status === 401 &&
      Boolean(this.options.connectionType?.oauth2 && this.options.refreshConnection && this.connection)
    );
  }

  /** The connection with a new access token; later requests of this client use it too. */
  private async renew(previous: AuthMaterial): Promise<AuthMaterial> {
    this.logger.warn('http request answered 401: renewing the access token and trying once more', {});
    try {
      this.connection = await this.options.refreshConnection!();
    } catch (err) {
      // The runtime says why (e.g. the refresh token was revoked): a person must authorise again.
      if (err instanceof ModuleError) throw err;
      throw new ModuleError(`the service refused the access token (401): ${(err as Error).message}`, {
        kind: 'user',
        type: 'AccountValidationError',
        status: 401,
      });
    }
    this.auth = undefined;
    const fresh = await this.authentication();
    // The old token stays redacted too: it may still appear in what is logged of this request.
    return { ...fresh, secrets: [...new Set([...fresh.secrets, ...previous.secrets])] };
  }

  private baseUrl(): string | undefined {
    if (this.options.baseUrl) return this.options.baseUrl;
    const { connection, connectionType } = this.options;
    return connection && connectionType?.baseUrl
      ? connectionType.baseUrl(connection.credentials as never)
      : undefined;
  }

  // A request's own policy may retry non-idempotent methods; the client default never does.
  private policyFor(request: HttpRequest): RetryPolicy {
    if (request.retry === false) return { retries: 0 };
    if (request.retry)
      return { ...DEFAULT_RETRY, ...request.retry, nonIdempotent: request.retry.nonIdempotent ?? true };
    const fallback = this.options.retry;
    if (fallback === false) return { retries: 0 };
    return { ...DEFAULT_RETRY, ...fallback, nonIdempotent: fallback?.nonIdempotent ?? false };
  }

  private async attempt(
    prepared: PreparedRequest,
    request: HttpRequest,
    auth: AuthMaterial,
    attempt: number,
  ): Promise<Outcome> {
    const timeoutMs = request.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = new AbortController();
    const handle = setTimeout(() => timer.abort(), timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([timer.signal, this.options.signal]) : timer.signal;
    try {
      const response = await runChain(prepared, {
        dispatcher: this.agent(),
        auth,
        guard: this.guard,
        limiter: request.auth === false ? undefined : this.limiter,
        signal,
        followRedirects: request.followRedirects ?? true,
        maxRedirects: request.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
        maxResponseBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        record: (hop) => this.record(hop, attempt, auth),
      });
      return { response };
    } catch (err) {
      const failure = classifyFailure(err, {
        host: prepared.url.host,
        timedOut: timer.signal.aborted,
        cancelled: this.options.signal?.aborted ?? false,
        timeoutMs,
        secrets: auth.secrets,
      });
      return { failure };
    } finally {
      clearTimeout(handle);
    }
  }

  /** Milliseconds to wait before the next attempt, or undefined to stop here. */
  private retryWait(
    outcome: Outcome,
    method: string,
    policy: RetryPolicy,
    attempt: number,
  ): number | undefined {
    const retryIndex = attempt - 1;
    if (retryIndex >= policy.retries) return undefined;
    if ('failure' in outcome)
      return mayRetry(outcome.failure.retryability, method, policy)
        ? backoffMs(policy, retryIndex)
        : undefined;
    const { status, headers } = outcome.response;
    if (!mayRetry(statusRetryability(status), method, policy)) return undefined;
    const retryAfter = parseRetryAfter(headers['retry-after'], this.clock.now());
    if (retryAfter !== undefined) return retryAfter > MAX_RETRY_AFTER_MS ? undefined : retryAfter;
    return backoffMs(policy, retryIndex);
  }

  private finish<T>(
    outcome: Outcome,
    prepared: PreparedRequest,
    request: HttpRequest,
    secrets: string[],
    retries: number,
  ): HttpResponse<T> {
    if ('failure' in outcome) throw outcome.failure.error;
    const raw = outcome.response;
    const url = redact(raw.url.toString(), secrets);
    if (raw.status >= 400 && request.throwOnError !== false) {
      throw statusError({
        status: raw.status,
        body: parseBody(raw.bytes, raw.headers['content-type'], 'auto'),
        method: prepared.method,
        url,
        secrets,
        retryAfterMs: parseRetryAfter(raw.headers['retry-after'], this.clock.now()),
        retries,
      });
    }
    const body = parseBody(raw.bytes, raw.headers['content-type'], request.responseType ?? 'auto');
    return {
      status: raw.status,
      headers: redactDeep(raw.headers, secrets) as Record<string, string>,
      body: redactDeep(body, secrets) as T,
      url,
    };
  }

  private reason(outcome: Outcome, secrets: string[]): string {
    if ('failure' in outcome) return outcome.failure.error.message;
    return redact(`status ${outcome.response.status}`, secrets);
  }

  private record(hop: HopRecord, attempt: number, auth: AuthMaterial): void {
    const { secrets } = auth;
    const entry: HttpLogEntry = {
      method: hop.method,
      url: redact(hop.url.toString(), secrets),
      requestHeaders: headersForLog(hop.headers, secrets, Object.keys(auth.headers)),
      requestBytes: hop.requestBytes,
      attempt,
      hop: hop.hop,
      durationMs: hop.durationMs,
    };
    if (hop.status !== undefined) entry.status = hop.status;
    if (hop.responseHeaders) entry.responseHeaders = headersForLog(hop.responseHeaders, secrets);
    if (hop.responseBytes !== undefined) entry.responseBytes = hop.responseBytes;
    if (hop.error !== undefined)
      entry.error = redact(hop.error instanceof Error ? hop.error.message : String(hop.error), secrets);
    this.options.onRequest?.(entry);
    this.logger.debug('http request', { ...entry });
  }
}
