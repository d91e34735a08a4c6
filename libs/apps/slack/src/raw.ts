import type { HttpClient, QueryValue } from '@integrator/sdk';
import { slackError } from './api';

/** Make an API call: any Web API method; `{ ok: false }` (even with HTTP 200) fails the module. */
export async function callSlackRaw(
  http: HttpClient,
  r: {
    method: string;
    path: string;
    headers: Record<string, string>;
    query: Record<string, QueryValue>;
    json: unknown;
  },
) {
  const res = await http.request<unknown>({
    method: r.method,
    url: r.path,
    headers: r.headers,
    query: r.query,
    body:
      r.json === undefined
        ? undefined
        : { type: 'raw', data: JSON.stringify(r.json), contentType: 'application/json; charset=utf-8' },
    responseType: 'json',
    throwOnError: false,
  });
  const ok = (res.body as { ok?: unknown } | undefined)?.ok;
  if (res.status < 200 || res.status >= 300 || ok === false)
    throw slackError(res.status, res.body, res.headers);
  return { status: res.status, headers: res.headers, body: res.body };
}
