import { ModuleError, type HttpClient, type ResolvedConnection } from '@integrator/sdk';
import type { ModuleRegistry } from '../registry';
import type { StopSwitch } from '../runner/stop-switch';
import type { HttpClientFactory } from '../runner/types';
import { createHttpClient } from './client';
import { RateLimiterRegistry } from './rate-limiter';
import type { HttpClientOptions, HttpLogEntry } from './types';

export interface HttpClientFactoryOptions extends Omit<
  HttpClientOptions,
  'connection' | 'connectionType' | 'limiter' | 'onRequest' | 'refreshConnection'
> {
  registry: Pick<ModuleRegistry, 'connectionType'>;
  /** Share one across executions so a connection's rate limit holds between runs. */
  limiters?: RateLimiterRegistry;
  onRequest?: (entry: HttpLogEntry, moduleId: number) => void;
  /** The connection with a new OAuth 2.0 access token: asked once by a request answered 401. */
  refreshConnection?: (connection: ResolvedConnection) => Promise<ResolvedConnection>;
  /** Instead of `signal`: the run's stop switch, its signal asked for by each client made. */
  stop?: Pick<StopSwitch, 'signal'>;
}

/** RunOptions.http: one client per module and execution, authenticated with its connection. */
export function createHttpClientFactory(options: HttpClientFactoryOptions): HttpClientFactory {
  const {
    registry,
    limiters = new RateLimiterRegistry(),
    onRequest,
    refreshConnection,
    stop,
    ...rest
  } = options;
  // A client is made when a module first sends a request: only then is the run's signal made.
  const withSignal = () => (stop ? { ...rest, signal: stop.signal } : rest);
  // The runner resolves each connection once per run: a token renewed after a 401 in one module
  // is handed to the modules after it, which would otherwise each meet the same 401 again.
  const renewed = new Map<string, ResolvedConnection>();
  return (given, moduleId) => {
    const connection = given ? (renewed.get(String(given.id)) ?? given) : given;
    const log = onRequest ? (entry: HttpLogEntry) => onRequest(entry, moduleId) : undefined;
    if (!connection) return createHttpClient({ ...withSignal(), onRequest: log });
    const type = registry.connectionType(connection.type);
    // Sending the request without its credentials would fail in a confusing way, or worse, succeed.
    if (!type) return failing(`connection ${connection.id} has the unknown type "${connection.type}"`);
    const limiter = type.rateLimit
      ? limiters.for(String(connection.id), type.rateLimit, rest.clock)
      : undefined;
    const refresh =
      refreshConnection && type.oauth2
        ? async () => {
            const fresh = await refreshConnection(connection);
            renewed.set(String(connection.id), fresh);
            return fresh;
          }
        : undefined;
    return createHttpClient({
      ...withSignal(),
      connection,
      connectionType: type,
      limiter,
      onRequest: log,
      refreshConnection: refresh,
    });
  };
}

function failing(message: string): HttpClient {
  return {
    request: () =>
      Promise.reject(new ModuleError(message, { kind: 'user', type: 'InvalidConfigurationError' })),
  };
}
