import { ModuleError, type HttpBody, type HttpClient, type HttpResponse } from '@integrator/sdk';
import type { HttpClients } from '../executions/http-clients';
import { connectionTypeOf, type ParsedAuth } from './connector-auth';

// Performs a custom connector's request through the engine's HTTP client (private-network
// guard, timeouts, size limit, and masking of every secret the authorization adds).

export interface ConnectorRequest {
  /** For rate limiting and messages; unsaved requests use 'unsaved'. */
  ref: string;
  method: string;
  url: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body: string | null;
  auth: ParsedAuth;
}

/** Where an OAuth2 access token comes from: stored with a saved connector, fetched for an unsaved one. */
export interface TokenSource {
  /** A usable token; `renew` asks for a new one (the API refused the current one). */
  token(renew: boolean): Promise<{ accessToken: string; reused: boolean }>;
}

export interface SendOptions {
  /** Throw a ModuleError on a non-2xx status (scenario runs) instead of returning it (the Send test). */
  throwOnError: boolean;
  tokens?: TokenSource;
}

/** Sends the request once (the Send button shows what the service answered; runs retry through the scenario's own error handling). */
export async function sendConnectorRequest(
  clients: HttpClients,
  request: ConnectorRequest,
  options: SendOptions,
): Promise<HttpResponse> {
  await clients.refresh();
  const send = (client: HttpClient) =>
    client.request({
      method: request.method,
      url: request.url,
      query: request.params,
      headers: request.headers,
      body: bodyOf(request),
      retry: false,
      throwOnError: options.throwOnError,
    });
  const first = await clientFor(clients, request, options.tokens, false);
  // A stored token the service no longer accepts (revoked, clock skew): fetch one and try again.
  const again = async () => send((await clientFor(clients, request, options.tokens, true)).client);
  try {
    const response = await send(first.client);
    return response.status === 401 && first.reused ? await again() : response;
  } catch (err) {
    if (first.reused && err instanceof ModuleError && err.status === 401) return again();
    throw err;
  }
}

async function clientFor(
  clients: HttpClients,
  request: ConnectorRequest,
  tokens: TokenSource | undefined,
  renew: boolean,
): Promise<{ client: HttpClient; reused: boolean }> {
  const type = connectionTypeOf(request.auth.type);
  if (!type) return { client: clients.plain(), reused: false };
  const credentials: Record<string, unknown> = { ...request.auth.values, ...request.auth.secrets };
  let reused = false;
  if (request.auth.type === 'oauth2ClientCredentials') {
    if (!tokens) throw new Error('an OAuth2 request needs a token source');
    const token = await tokens.token(renew);
    credentials.accessToken = token.accessToken;
    reused = token.reused;
  }
  const connection = { id: `custom-connector:${request.ref}`, type: type.key, credentials };
  return { client: clients.forConnection(connection, type), reused };
}

function bodyOf(request: ConnectorRequest): HttpBody | undefined {
  if (request.body === null || request.body === '' || request.method === 'GET') return undefined;
  return {
    type: 'raw',
    data: request.body,
    contentType: looksLikeJson(request.body) ? 'application/json' : 'text/plain; charset=utf-8',
  };
}

function looksLikeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export type BodyType = 'json' | 'text' | 'binary' | 'empty';

/** The body as the API returns it: JSON as is, text as text, bytes as base64. */
export function presentBody(response: HttpResponse): { body: unknown; bodyType: BodyType } {
  const body = response.body;
  if (body instanceof Uint8Array) return { body: Buffer.from(body).toString('base64'), bodyType: 'binary' };
  if (body === undefined || body === '') return { body: null, bodyType: 'empty' };
  if (typeof body === 'string') return { body, bodyType: 'text' };
  return { body, bodyType: 'json' };
}

/** What the field directory is read from: JSON sent with a text content type is still JSON. */
export function readableBody(response: HttpResponse): unknown {
  const body = response.body;
  if (typeof body !== 'string') return body instanceof Uint8Array ? undefined : body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
