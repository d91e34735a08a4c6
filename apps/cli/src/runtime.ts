import { createHttpClientFactory, type HttpClientFactory, type ModuleRegistry } from '@integrator/engine';
import type { ResolvedConnection } from '@integrator/sdk';

/** Each module gets the engine's HTTP client, authenticated with its connection. */
export function cliHttpFactory(
  registry: ModuleRegistry,
  refreshConnection?: (connection: ResolvedConnection) => Promise<ResolvedConnection>,
): HttpClientFactory {
  return createHttpClientFactory({ registry, refreshConnection });
}
