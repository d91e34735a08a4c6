import type { RunEvent } from '@integrator/engine/runner/types';
import { streamRunEvents } from './events';
import { requester, baseOf, TEAM_KEY, type ApiClientOptions } from './request';
import { resources } from './resources';

// The API client for docs/API.md: `createApiClient()` in a page, then api.scenarios.get(id)…
// Errors are ApiError with status, message and per-field messages (`fields`).

export { ApiError, TOKEN_KEY, type ApiClientOptions } from './request';

export function createApiClient(options: ApiClientOptions = {}) {
  const storage = options.storage ?? globalThis.localStorage;
  const request = requester(options, storage);
  const api = resources(request, storage);
  const base = baseOf(options);
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  /** Follows a run live (Server-Sent Events read with fetch, so the bearer header goes along). */
  const events = (executionId: string, onEvent: (event: RunEvent) => void, signal?: AbortSignal) =>
    streamRunEvents(
      { base, fetch: doFetch, storage, onUnauthorized: options.onUnauthorized },
      executionId,
      onEvent,
      signal,
    );
  /** The team calls act in (sent as X-Team-Id), kept beside the token. */
  const team = {
    get: () => storage?.getItem(TEAM_KEY) ?? null,
    set: (id: string) => storage?.setItem(TEAM_KEY, id),
    clear: () => storage?.removeItem(TEAM_KEY),
  };
  return { request, ...api, team, executions: { ...api.executions, events } };
}

export type ApiClient = ReturnType<typeof createApiClient>;
