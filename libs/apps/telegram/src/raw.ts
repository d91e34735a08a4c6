import type { HttpClient, QueryValue } from '@integrator/sdk';
import { telegramError } from './api';

/** Make an API call: any Bot API method; a Telegram error (ok: false) fails the module. */
export async function callTelegramRaw(
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
    body: r.json === undefined ? undefined : { type: 'json', data: r.json },
    responseType: 'json',
    throwOnError: false,
  });
  if (res.status < 200 || res.status >= 300) throw telegramError(res.status, res.body);
  return { status: res.status, headers: res.headers, body: res.body };
}
