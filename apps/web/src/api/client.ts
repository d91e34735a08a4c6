import { requester, baseOf, type ApiClientOptions } from './request';
import { resources } from './resources';

// The API client for docs/API.md: `createApiClient()` in a page, then api.scenarios.get(id)…
// Errors are ApiError with status, message and per-field messages (`fields`).

export { ApiError, TOKEN_KEY, type ApiClientOptions } from './request';

export function createApiClient(options: ApiClientOptions = {}) {
  const storage = options.storage ?? globalThis.localStorage;
  const request = requester(options, storage);
  const api = resources(request, storage);
  // An EventSource cannot send the bearer header: the server has to accept this route otherwise.
  const eventsUrl = (executionId: string) => `${baseOf(options)}/api/executions/${encodeURIComponent(executionId)}/events`;
  return { request, ...api, executions: { ...api.executions, eventsUrl } };
}

export type ApiClient = ReturnType<typeof createApiClient>;
