import { createHttpClientFactory, type HttpClientFactory, type ModuleRegistry } from '@integrator/engine';

/** Each module gets the engine's HTTP client, authenticated with its connection. */
export function cliHttpFactory(registry: ModuleRegistry): HttpClientFactory {
  return createHttpClientFactory({ registry });
}
