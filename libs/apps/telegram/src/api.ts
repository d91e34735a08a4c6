import { ModuleError, type ErrorType, type HttpBody, type HttpClient } from '@integrator/sdk';

// One way to call the Bot API: POST https://api.telegram.org/bot<token>/<method>. Every answer is
// `{ ok, result }` or `{ ok: false, error_code, description, parameters? }` (Bot API "Making requests").
// The engine's client retries 429/5xx (honouring Retry-After) and redacts the token from logs.

export async function callTelegram(
  http: HttpClient,
  method: string,
  body?: HttpBody,
  fields: Record<string, string> = {},
): Promise<unknown> {
  const res = await http.request<unknown>({
    method: 'POST',
    url: `/${method}`,
    body,
    responseType: 'json',
    throwOnError: false,
  });
  const data = res.body as { ok?: boolean; result?: unknown } | undefined;
  if (res.status >= 200 && res.status < 300 && data?.ok === true) return data.result;
  throw telegramError(res.status, res.body, fields);
}

interface TelegramErrorBody {
  error_code?: number;
  description?: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/**
 * A failed call as Make's error types. `fields` maps Bot API parameter names (chat_id…) to the
 * module's field names, so a 400 naming a parameter points at the field the user filled in.
 */
export function telegramError(
  status: number,
  body: unknown,
  fields: Record<string, string> = {},
): ModuleError {
  const b = (body !== null && typeof body === 'object' ? body : {}) as TelegramErrorBody;
  const text = `Telegram: ${b.description ?? `HTTP ${status}`}`;
  const details = { status, body: body ?? null };
  if (status === 429) {
    const after = b.parameters?.retry_after;
    return new ModuleError(text, {
      kind: 'transient',
      type: 'RateLimitError',
      status,
      retryAfterMs: typeof after === 'number' ? after * 1000 : undefined,
      details,
    });
  }
  if (status >= 500)
    return new ModuleError(text, { kind: 'transient', type: 'ConnectionError', status, details });
  const type: ErrorType =
    status === 401 ? 'AccountValidationError' : status === 404 ? 'DataError' : 'DataError';
  return new ModuleError(text, {
    kind: 'user',
    type,
    status,
    field: fieldOf(b.description ?? '', fields),
    details,
  });
}

// The Bot API names the parameter in its description ("Bad Request: chat not found").
const HINTS: Array<[RegExp, string]> = [
  [/chat|peer_id|user not found/i, 'chat_id'],
  [/message text is empty|text must be/i, 'text'],
  [/message to be replied|reply message/i, 'reply_to_message_id'],
  [/can't parse entities|parse_mode|parse mode/i, 'parse_mode'],
  [/reply markup|reply_markup|keyboard/i, 'reply_markup'],
  [/message thread|topic/i, 'message_thread_id'],
  [/photo|IMAGE_PROCESS|PHOTO_/i, 'photo'],
  [/document|file/i, 'document'],
  [/caption/i, 'caption'],
];

function fieldOf(description: string, fields: Record<string, string>): string | undefined {
  for (const [pattern, param] of HINTS) if (pattern.test(description) && fields[param]) return fields[param];
  return undefined;
}
