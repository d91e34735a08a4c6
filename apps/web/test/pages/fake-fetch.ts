import { TextDecoder, TextEncoder } from 'node:util';
import { createApiClient, type ApiClient } from '../../src/api/client';

// An in-memory stand-in for the API for page tests in jsdom (which has no fetch): routes by
// "METHOD /path", JSON answers shaped like docs/API.md, and Server-Sent Events bodies read
// through a streaming reader, as the browser's fetch gives them.

// jsdom lacks the text codecs the event stream reader uses; Node's are the same API.
Object.assign(globalThis, {
  TextDecoder: globalThis.TextDecoder ?? TextDecoder,
  TextEncoder: globalThis.TextEncoder ?? TextEncoder,
});

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  auth: string | null;
  /** The X-Team-Id the client sent. */
  team: string | null;
}

export type Answer = { status?: number; body?: unknown } | { sse: string[] };
export type Handler = (req: FakeRequest) => Answer;

export const problem = (
  status: number,
  message: string,
  fields?: Array<{ path: string; message: string }>,
) => ({
  status,
  body: {
    statusCode: status,
    error: status === 409 ? 'Conflict' : 'Bad Request',
    message,
    ...(fields ? { fields } : {}),
  },
});

export function sseFrames(events: Array<{ type: string }>): string[] {
  return events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
}

export function fakeApi(
  routes: Record<string, Handler>,
  options: { onUnauthorized?: () => void } = {},
): { api: ApiClient; requests: FakeRequest[] } {
  const requests: FakeRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const req: FakeRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
      auth: headers.authorization ?? null,
      team: headers['x-team-id'] ?? null,
    };
    requests.push(req);
    const handler = routes[`${method} ${url.pathname}`];
    const answer: Answer = handler ? handler(req) : problem(404, `no route ${method} ${url.pathname}`);
    return ('sse' in answer
      ? streamResponse(answer.sse)
      : jsonResponse(answer.status ?? 200, answer.body)) as unknown as Response;
  };
  const storage = new Map([['integrator.token', 'tok']]);
  const api = createApiClient({
    ...options,
    fetch,
    storage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
  });
  return { api, requests };
}

function jsonResponse(status: number, body: unknown) {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    ok: status < 300,
    status,
    statusText: '',
    body: null,
    text: async () => text,
    json: async () => JSON.parse(text),
  };
}

function streamResponse(chunks: string[]) {
  const encoder = new TextEncoder();
  let i = 0;
  const reader = {
    read: async () =>
      i < chunks.length
        ? { done: false, value: encoder.encode(chunks[i++]) }
        : { done: true, value: undefined },
    releaseLock: () => undefined,
  };
  return { ok: true, status: 200, statusText: 'OK', body: { getReader: () => reader } };
}
