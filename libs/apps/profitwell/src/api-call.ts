import { defineModule, field, options, userError, type QueryValue } from '@integrator/sdk';
import { callProfitWell, type ProfitWellMethod } from './api';
import { apiCallSample } from './samples';

const METHODS: ProfitWellMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const pair = { key: field.text({ label: 'Key', required: true }), value: field.text({ label: 'Value' }) };

export const makeApiCall = defineModule({
  key: 'profitwell:makeApiCall',
  label: 'Make an API call',
  description: 'Calls any ProfitWell API endpoint with the connection’s token.',
  kind: 'action',
  connection: { types: ['profitwell'] },
  mapper: {
    url: field.text({
      label: 'URL',
      required: true,
      placeholder: '/v2/plans/',
      help: 'A path relative to the connection’s base URL (https://api.profitwell.com), with the trailing slash ProfitWell requires.',
    }),
    method: field.select({ label: 'Method', options: options(...METHODS), default: 'GET' }),
    headers: field.array({
      label: 'Headers',
      items: pair,
      help: 'The Authorization header is added from the connection.',
    }),
    query: field.array({ label: 'Query string', items: pair }),
    body: field.any({ label: 'Body', help: 'JSON text or a collection; sent as application/json.' }),
  },
  output: { sample: apiCallSample },
  run: async ({ http, mapper }) => {
    const method = mapper.method as ProfitWellMethod;
    const json = jsonBody(mapper.body);
    if (json !== undefined && method === 'GET') throw userError('cannot be sent with a GET request', 'body');
    const res = await callProfitWell(http, {
      method,
      path: relativePath(mapper.url),
      headers: headersOf(mapper.headers ?? []),
      query: queryOf(mapper.query ?? []),
      json,
    });
    return { statusCode: res.status, headers: res.headers, body: res.body ?? null };
  },
});

type Pair = { key: string; value?: string };

/** Keeps the call on the connection's host: the token must never travel elsewhere. */
function relativePath(url: string): string {
  const text = url.trim();
  const path = text.startsWith('/') ? text : `/${text}`;
  const probe = new URL(path, 'https://profitwell.invalid');
  if (/^[a-z][a-z\d+.-]*:/i.test(text) || path.includes('\\') || probe.host !== 'profitwell.invalid') {
    throw userError('must be a path relative to the ProfitWell API, such as /v2/plans/', 'url');
  }
  return path;
}

function headersOf(pairs: Pair[]): Record<string, string> {
  const headers: Record<string, string> = {};
  pairs.forEach((p, i) => {
    if (p.key.trim().toLowerCase() === 'authorization') {
      throw userError('Authorization is added from the connection; remove this header', `headers[${i}].key`);
    }
    headers[p.key.trim()] = p.value ?? '';
  });
  return headers;
}

function queryOf(pairs: Pair[]): Record<string, QueryValue> {
  const query: Record<string, string | string[]> = {};
  for (const p of pairs) {
    const prev = query[p.key];
    const value = p.value ?? '';
    query[p.key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return query;
}

function jsonBody(body: unknown): unknown {
  if (typeof body !== 'string') return body ?? undefined;
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    throw userError('must be valid JSON', 'body');
  }
}
