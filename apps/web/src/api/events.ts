import type { RunEvent } from '@integrator/engine/runner/types';
import { ApiError, TOKEN_KEY, type TokenStore } from './request';
import { createSseParser } from './sse';

// GET /api/executions/:id/events read with fetch and a streaming body reader, so the bearer
// token goes in a header. Resolves when the server ends the stream (after execution.finished)
// or the signal aborts; each RunEvent is handed over as it arrives.

export interface EventStreamDeps {
  base: string;
  fetch: typeof fetch;
  storage: TokenStore | undefined;
  onUnauthorized?: () => void;
}

export async function streamRunEvents(
  deps: EventStreamDeps,
  executionId: string,
  onEvent: (event: RunEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  const token = deps.storage?.getItem(TOKEN_KEY);
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await deps.fetch(`${deps.base}/api/executions/${encodeURIComponent(executionId)}/events`, {
    headers,
    signal,
  });
  if (response.status === 401 && token) deps.onUnauthorized?.();
  if (!response.ok || !response.body) {
    throw new ApiError(
      response.status,
      response.statusText,
      `The live run cannot be followed (HTTP ${response.status})`,
    );
  }
  const parser = createSseParser((frame) => {
    const event = parseEvent(frame.data);
    if (event) onEvent(event);
  });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(decoder.decode(value, { stream: true }));
    }
    parser.push(decoder.decode());
  } finally {
    parser.end();
    reader.releaseLock();
  }
}

function parseEvent(data: string): RunEvent | undefined {
  try {
    const value: unknown = JSON.parse(data);
    return value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string'
      ? (value as RunEvent)
      : undefined;
  } catch {
    return undefined;
  }
}
