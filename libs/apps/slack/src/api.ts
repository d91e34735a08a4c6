import { ModuleError, type ErrorType, type HttpClient, type QueryValue } from '@integrator/sdk';

// One way to call the Slack Web API (api.slack.com/web): https://slack.com/api/<method>, the bot
// token as `Authorization: Bearer`. Writes go as JSON with `charset=utf-8` (Slack warns
// `missing_charset` without it); reads as GET with a query string. Slack answers HTTP 200 with
// `{ ok: false, error }` for most failures, so the status alone says nothing: `ok` decides.
// The engine's client retries 429 (honouring Retry-After) and 5xx, and redacts the token.

export interface SlackCall {
  /** A Web API method such as chat.postMessage. */
  method: string;
  /** JSON arguments (POST) … */
  json?: Record<string, unknown>;
  /** … or query arguments (GET). */
  query?: Record<string, QueryValue>;
}

export async function callSlack<T = Record<string, unknown>>(
  http: HttpClient,
  call: SlackCall,
  fields: Record<string, string> = {},
): Promise<T> {
  const res = await http.request<unknown>({
    method: call.json ? 'POST' : 'GET',
    url: `/${call.method}`,
    query: call.query,
    body: call.json
      ? { type: 'raw', data: JSON.stringify(call.json), contentType: 'application/json; charset=utf-8' }
      : undefined,
    responseType: 'json',
    throwOnError: false,
  });
  const body = res.body as { ok?: boolean } | undefined;
  if (res.status >= 200 && res.status < 300 && body?.ok === true) return body as T;
  throw slackError(res.status, res.body, res.headers, fields);
}

interface SlackErrorBody {
  ok?: boolean;
  error?: string;
  needed?: string;
  provided?: string;
  response_metadata?: { messages?: string[] };
}

// Slack's error codes (each method's "Errors" table) that mean the credential is the problem.
const AUTH = new Set([
  'not_authed',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'ekm_access_denied',
]);
const TRANSIENT = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

// Error code → the Slack argument it is about (mapped to the module's field by `fields`).
const ARGUMENT: Array<[RegExp, string]> = [
  [
    /^(channel_not_found|not_in_channel|is_archived|restricted_action|cant_update_message_in_channel)$/,
    'channel',
  ],
  [/^(no_text|msg_too_long|msg_blocks_too_long|too_many_attachments)$/, 'text'],
  [/^invalid_blocks/, 'blocks'],
  [/^(thread_not_found|invalid_thread_ts)$/, 'thread_ts'],
  [/^(message_not_found|cant_update_message|edit_window_closed)$/, 'ts'],
  [/^invalid_cursor$/, 'cursor'],
  [/^invalid_types$/, 'types'],
  [/^invalid_limit$/, 'limit'],
];

/** A failed call as Make's error types, naming the field the user filled in where Slack says which. */
export function slackError(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  fields: Record<string, string> = {},
): ModuleError {
  const b = (body !== null && typeof body === 'object' ? body : {}) as SlackErrorBody;
  const code = b.error ?? `HTTP ${status}`;
  const extra = b.needed ? ` (needs the ${b.needed} scope)` : '';
  const hints = b.response_metadata?.messages?.length ? `: ${b.response_metadata.messages.join('; ')}` : '';
  const message = `Slack: ${code}${extra}${hints}`;
  const details = { status, body: body ?? null };
  if (status === 429 || code === 'ratelimited') {
    const seconds = Number(headers['retry-after']);
    return new ModuleError(message, {
      kind: 'transient',
      type: 'RateLimitError',
      status,
      retryAfterMs: Number.isFinite(seconds) ? seconds * 1000 : undefined,
      details,
    });
  }
  if (status >= 500 || TRANSIENT.has(code))
    return new ModuleError(message, { kind: 'transient', type: 'ConnectionError', status, details });
  const type: ErrorType = AUTH.has(code) ? 'AccountValidationError' : 'DataError';
  const argument = ARGUMENT.find(([pattern]) => pattern.test(code))?.[1];
  return new ModuleError(message, {
    kind: 'user',
    type,
    status,
    field: argument ? (fields[argument] ?? argument) : undefined,
    details,
  });
}
